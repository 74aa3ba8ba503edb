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
} from '@internal/backstage-plugin-sre-health-common';
import { FormEvent, useId, useState } from 'react';
import { sreHealthApiRef } from '../../api';

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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const id = useId();
  if (!allowed) return null;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const trimmed = userRef.trim();
    const ref = trimmed.includes(':') ? trimmed : `user:default/${trimmed}`;
    setBusy(true);
    setError(undefined);
    try {
      await api.createExpertise({
        entityRef: props.entityRef,
        userRef: ref,
        level,
      });
      setUserRef('');
      props.onRecorded(await api.getKnowledge(props.entityRef));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
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
      <TextField
        id={`${id}-user`}
        size="small"
        variant="outlined"
        label="Person (user ref)"
        placeholder="user:default/jane"
        value={userRef}
        onChange={e => setUserRef(e.target.value)}
        required
      />
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
        disabled={busy || !userRef.trim()}
      >
        Record operator
      </Button>
      {error && (
        <Typography
          variant="body2"
          color="error"
          role="alert"
          style={{ width: '100%' }}
        >
          {error}
        </Typography>
      )}
    </Box>
  );
}
