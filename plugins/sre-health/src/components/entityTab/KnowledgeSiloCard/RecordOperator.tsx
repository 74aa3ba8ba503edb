import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import Typography from '@material-ui/core/Typography';
import {
  EXPERTISE_LEVELS,
  ExpertiseLevel,
  KnowledgeSiloSummary,
  sreHealthAnnotationCreatePermission,
} from '@sre-health/backstage-plugin-sre-health-common';
import { FormEvent, useState } from 'react';
import { sreHealthApiRef } from '../../../api';
import { shortRef } from '../../../utils/format';
import { useWrite } from '../../shared/ActionDialog';
import { UserPicker } from '../../shared/UserPicker';

export const LEVEL_LABELS: Record<ExpertiseLevel, string> = {
  expert: 'expert',
  'can-operate': 'can operate',
  learning: 'learning',
};

/** SREs record who can operate the component (expert / can operate / learning). */
export function RecordOperator(props: {
  entityRef: string;
  onRecorded: (silo: KnowledgeSiloSummary) => void;
}) {
  const api = useApi(sreHealthApiRef);
  const { allowed } = usePermission({
    permission: sreHealthAnnotationCreatePermission,
    resourceRef: props.entityRef,
  });
  const [userRef, setUserRef] = useState('');
  const [level, setLevel] = useState<ExpertiseLevel>('can-operate');
  const { run, busy, problem } = useWrite();
  if (!allowed) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!userRef) return;
    await run(
      async () => {
        await api.createExpertise({
          entityRef: props.entityRef,
          userRef,
          level,
        });
        return api.getKnowledge(props.entityRef);
      },
      {
        success: `Recorded ${shortRef(userRef)}: ${LEVEL_LABELS[level]}`,
        onDone: silo => {
          setUserRef('');
          props.onRecorded(silo);
        },
      },
    );
  };

  return (
    <Box
      component="form"
      mt={2}
      display="flex"
      alignItems="flex-start"
      flexWrap="wrap"
      style={{ gap: 8 }}
      onSubmit={submit}
      aria-label="record an operator"
    >
      <Box flex="1 1 14rem" minWidth="14rem">
        <UserPicker
          label="Person"
          value={userRef}
          onChange={setUserRef}
          required
          size="small"
          variant="outlined"
          margin="none"
        />
      </Box>
      <TextField
        select
        size="small"
        variant="outlined"
        label="Level"
        value={level}
        onChange={e => setLevel(e.target.value as ExpertiseLevel)}
        SelectProps={{
          SelectDisplayProps: { 'aria-label': 'expertise level' } as any,
        }}
      >
        {EXPERTISE_LEVELS.map(l => (
          <MenuItem key={l} value={l}>
            {LEVEL_LABELS[l]}
          </MenuItem>
        ))}
      </TextField>
      <Button
        type="submit"
        variant="outlined"
        color="primary"
        disabled={busy || !userRef}
      >
        Record operator
      </Button>
      {problem && (
        <Typography
          variant="body2"
          color="error"
          role="alert"
          style={{ width: '100%' }}
        >
          {problem.message}
        </Typography>
      )}
    </Box>
  );
}
