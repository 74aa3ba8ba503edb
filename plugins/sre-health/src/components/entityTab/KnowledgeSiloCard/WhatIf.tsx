import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import LinearProgress from '@material-ui/core/LinearProgress';
import type { KnowledgeWhatIf } from '@sre-health/backstage-plugin-sre-health-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { sreHealthApiRef } from '../../../api';
import { formatPercent, personLabel } from '../../../utils/format';
import { RiskStatus } from '../../shared/RiskStatus';

function Result(props: { result: KnowledgeWhatIf; person: string }) {
  const { result, person } = props;
  const { coverage } = result;
  const name = personLabel(person);
  const left = result.operatorsLeft.filter(o => o.level !== 'learning');
  return (
    <Box mt={1} aria-live="polite" data-testid="what-if-result">
      {coverage ? (
        <>
          <Typography variant="body2">
            Without {name}, {formatPercent(coverage.share, 0)} of the files keep
            an author ({coverage.coveredFiles} of {coverage.totalFiles}; now{' '}
            {formatPercent(coverage.before.share, 0)}). Truck factor left:{' '}
            {coverage.truckFactorLeft}.
          </Typography>
          {coverage.orphanedFiles.count > 0 && (
            <Typography variant="body2" color="textSecondary">
              {coverage.orphanedFiles.count}{' '}
              {coverage.orphanedFiles.count === 1 ? 'file loses' : 'files lose'}{' '}
              their last author, e.g.{' '}
              <span style={{ overflowWrap: 'anywhere' }}>
                {coverage.orphanedFiles.paths.slice(0, 3).join(', ')}
              </span>
            </Typography>
          )}
        </>
      ) : (
        <Typography variant="body2" color="textSecondary">
          {result.authorshipWithheld
            ? 'Which files would lose their author is shown to SREs and the owning team.'
            : `No code figures (${result.reason ?? result.truckFactorStatus}).`}
        </Typography>
      )}
      <Typography variant="body2">
        Operators left: {result.busFactorLeft} of {result.busFactorBefore}
        {left.length > 0
          ? ` (${left.map(o => personLabel(o.userRef)).join(', ')})`
          : ' — nobody could operate it'}
        .
      </Typography>
      <Typography variant="body2" component="div">
        Risk: <RiskStatus risk={result.riskLeft} /> (now {result.riskBefore})
      </Typography>
    </Box>
  );
}

/** Pick a person and see the knowledge that would be left without them. */
export function WhatIf(props: { entityRef: string; people: string[] }) {
  const api = useApi(sreHealthApiRef);
  const [person, setPerson] = useState('');
  const { value, loading, error } = useAsync(
    async () =>
      person ? api.getKnowledgeWhatIf(props.entityRef, [person]) : undefined,
    [api, props.entityRef, person],
  );
  return (
    <Box>
      <TextField
        select
        fullWidth
        size="small"
        variant="outlined"
        label="What if this person left?"
        value={person}
        onChange={e => setPerson(e.target.value as string)}
        SelectProps={{
          SelectDisplayProps: { 'aria-label': 'what-if person' } as any,
        }}
      >
        {props.people.map(p => (
          <MenuItem key={p} value={p}>
            {personLabel(p)}
          </MenuItem>
        ))}
      </TextField>
      {loading && <LinearProgress />}
      {error && <ResponseErrorPanel error={error} />}
      {value && !loading && <Result result={value} person={person} />}
    </Box>
  );
}
