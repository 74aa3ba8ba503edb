import { ResponseErrorPanel } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import LinearProgress from '@material-ui/core/LinearProgress';
import {
  KnowledgeWhatIf,
  pagerWithout,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { sreHealthApiRef } from '../../../api';
import { formatPercent, personLabel } from '../../../utils/format';
import { RiskStatus } from '../../shared/RiskStatus';

type OnCall = ReadonlyArray<{ userRef: string; shifts: number }>;
type Slos = ReadonlyArray<{ name: string; displayName?: string | null }>;

/** The on-call rota and the SLOs without the person, when shifts or SLOs are recorded. */
function PagerLeft(props: {
  person: string;
  onCall: OnCall;
  slos: Slos;
  operatorsLeft: number;
}) {
  const { person, onCall, slos, operatorsLeft } = props;
  const pager = pagerWithout({ person, onCall, slos, operatorsLeft });
  const name = personLabel(person);
  const others = pager.othersOnRota.map(personLabel);
  let rota: string | null = null;
  if (pager.share !== null) {
    const carried = others.length
      ? `${others.join(', ')} would carry them`
      : 'nobody else is on the rota';
    rota =
      pager.shifts > 0
        ? `On call: ${name} held ${pager.shifts} of ${
            pager.totalShifts
          } shifts (${formatPercent(pager.share, 0)}) in the last ${
            pager.lookbackDays
          } days; ${carried}.`
        : `On call: ${name} held none of the ${pager.totalShifts} shifts in the last ${pager.lookbackDays} days.`;
  }
  const why =
    pager.reason === 'pager'
      ? 'they carry its pager'
      : 'nobody else could operate it';
  return (
    <>
      {rota && <Typography variant="body2">{rota}</Typography>}
      {pager.slosLeft.length > 0 && (
        <Typography variant="body2">
          SLOs left without {name} ({why}): {pager.slosLeft.join(', ')}.
        </Typography>
      )}
    </>
  );
}

function Result(props: {
  result: KnowledgeWhatIf;
  person: string;
  onCall: OnCall;
  slos: Slos;
}) {
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
      <PagerLeft
        person={person}
        onCall={props.onCall}
        slos={props.slos}
        operatorsLeft={result.busFactorLeft}
      />
    </Box>
  );
}

/**
 * Pick a person and see the knowledge that would be left without them, and the on-call
 * rota and SLOs (from the tab's read, when recorded).
 */
export function WhatIf(props: {
  entityRef: string;
  people: string[];
  onCall?: OnCall;
  slos?: Slos;
}) {
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
      {value && !loading && (
        <Result
          result={value}
          person={person}
          onCall={props.onCall ?? []}
          slos={props.slos ?? []}
        />
      )}
    </Box>
  );
}
