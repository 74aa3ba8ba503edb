import { InfoCard, Table, TableColumn } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  FlagSource,
  StressorDefinition,
  StressorFlag,
  STRESSORS,
  compareFlagsByPriority,
  sreHealthAnnotationCreatePermission,
  sreHealthAnnotationUpdatePermission,
  stressorTitle,
} from '@internal/backstage-plugin-sre-health-common';
import { useState } from 'react';
import { formatDate, shortRef } from '../../utils/format';
import { StatusText } from '../StatusText';
import {
  StressorFlagDialog,
  StressorFlagDialogMode,
} from '../StressorFlagDialog';

/** One row of the card: a flag, or one of the eight stressors nobody has flagged. */
export interface StressorRow {
  id: string;
  stressorKey: string;
  title: string;
  definition?: StressorDefinition;
  flag?: StressorFlag;
}

/**
 * Flags by priority (stress level, then age; resolved last), then the stressors of the
 * book nobody has flagged, so all eight are always on the list.
 */
export function buildStressorRows(flags: StressorFlag[]): StressorRow[] {
  const flagged = [...flags].sort(compareFlagsByPriority).map(flag => ({
    id: flag.id,
    stressorKey: flag.stressorKey,
    title: stressorTitle(flag.stressorKey),
    definition: STRESSORS.find(s => s.key === flag.stressorKey),
    flag,
  }));
  const seen = new Set(flags.map(f => f.stressorKey));
  const unflagged = STRESSORS.filter(s => !seen.has(s.key)).map(s => ({
    id: `unflagged:${s.key}`,
    stressorKey: s.key,
    title: s.title,
    definition: s,
  }));
  return [...flagged, ...unflagged];
}

const SOURCE_LABELS: Record<FlagSource, string> = {
  sre: 'SRE',
  detected: 'detected',
  both: 'SRE + detected',
};

function StressorTitle(props: { row: StressorRow }) {
  const { row } = props;
  const tooltip = row.definition ? (
    <>
      <Typography variant="body2" paragraph>
        {row.definition.description}
      </Typography>
      <Typography variant="body2">
        Visible when: {row.definition.visibleWhen}
      </Typography>
    </>
  ) : (
    <Typography variant="body2">
      Custom stressor ({row.stressorKey}), not one of the book's eight.
    </Typography>
  );
  return (
    <Tooltip title={tooltip} placement="bottom-start">
      <Typography variant="body2" component="span" tabIndex={0}>
        <strong>{row.title}</strong>
      </Typography>
    </Tooltip>
  );
}

function FlagState(props: { flag?: StressorFlag }) {
  const { flag } = props;
  if (!flag) {
    return (
      <Typography variant="body2" color="textSecondary">
        not flagged
      </Typography>
    );
  }
  switch (flag.status) {
    case 'open':
      return <StatusText kind="error">open</StatusText>;
    case 'mitigating':
      return <StatusText kind="warning">mitigating</StatusText>;
    default:
      return <StatusText kind="ok">resolved</StatusText>;
  }
}

interface DialogState {
  mode: StressorFlagDialogMode;
  flag?: StressorFlag;
  stressorKey?: string;
}

/** @public */
export interface StressorFlagsCardProps {
  /** Ref of the entity the flags annotate; also the resource of the permission checks. */
  entityRef: string;
  flags: StressorFlag[];
  /** Called after a write so the caller reloads the health data. */
  onChange: () => void;
}

/**
 * The eight stressors of the book ("kindling"), prioritised by stress level. SREs with
 * the annotation permissions flag, edit and resolve them; everyone else reads.
 * @public
 */
export function StressorFlagsCard(props: StressorFlagsCardProps) {
  const { entityRef, flags, onChange } = props;
  const { allowed: canCreate } = usePermission({
    permission: sreHealthAnnotationCreatePermission,
    resourceRef: entityRef,
  });
  const { allowed: canUpdate } = usePermission({
    permission: sreHealthAnnotationUpdatePermission,
    resourceRef: entityRef,
  });
  const [dialog, setDialog] = useState<DialogState | undefined>();

  const rows = buildStressorRows(flags);
  const unresolvedKeys = flags
    .filter(f => f.status !== 'resolved')
    .map(f => f.stressorKey);
  const open = flags.filter(f => f.status === 'open').length;
  const mitigating = flags.filter(f => f.status === 'mitigating').length;

  const actionsFor = (row: StressorRow) => {
    const { flag } = row;
    if (flag && flag.status !== 'resolved') {
      return canUpdate ? (
        <>
          <Button
            size="small"
            aria-label={`Edit ${row.title}`}
            onClick={() => setDialog({ mode: 'edit', flag })}
          >
            Edit
          </Button>
          <Button
            size="small"
            aria-label={`Resolve ${row.title}`}
            onClick={() => setDialog({ mode: 'resolve', flag })}
          >
            Resolve
          </Button>
        </>
      ) : null;
    }
    if (canCreate && !unresolvedKeys.includes(row.stressorKey)) {
      return (
        <Button
          size="small"
          color="primary"
          aria-label={`Flag ${row.title}`}
          onClick={() =>
            setDialog({ mode: 'create', stressorKey: row.stressorKey })
          }
        >
          {flag ? 'Flag again' : 'Flag'}
        </Button>
      );
    }
    return null;
  };

  const columns: TableColumn<StressorRow>[] = [
    {
      title: 'Stressor',
      render: row => <StressorTitle row={row} />,
    },
    { title: 'State', render: row => <FlagState flag={row.flag} /> },
    {
      title: 'Stress level',
      render: row =>
        row.flag ? (
          <span aria-label={`stress level ${row.flag.stressLevel} of 5`}>
            {row.flag.stressLevel} / 5
          </span>
        ) : (
          '—'
        ),
    },
    {
      title: 'Source',
      render: row => (row.flag ? SOURCE_LABELS[row.flag.source] : '—'),
    },
    {
      title: 'Evidence',
      render: row =>
        row.flag?.evidence ? (
          <Typography
            variant="body2"
            style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}
          >
            {row.flag.evidence}
          </Typography>
        ) : (
          '—'
        ),
    },
    {
      title: 'Flagged by',
      render: row =>
        row.flag ? (
          <>
            <Typography variant="body2">{shortRef(row.flag.author)}</Typography>
            <Typography variant="caption" color="textSecondary">
              {formatDate(row.flag.createdAt)}
              {row.flag.resolvedAt &&
                `, resolved ${formatDate(row.flag.resolvedAt)}`}
            </Typography>
          </>
        ) : (
          '—'
        ),
    },
  ];
  if (canCreate || canUpdate) {
    columns.push({ title: 'Actions', render: row => actionsFor(row) });
  }

  return (
    <InfoCard
      title="Stressors"
      subheader={`${open} open, ${mitigating} mitigating — the kindling, by stress level`}
      action={
        canCreate ? (
          <Box pt={1} pr={1}>
            <Button
              variant="outlined"
              color="primary"
              onClick={() => setDialog({ mode: 'create' })}
            >
              Flag a stressor
            </Button>
          </Box>
        ) : undefined
      }
      noPadding
    >
      <Table<StressorRow>
        columns={columns}
        data={rows.map(r => ({ ...r }))}
        options={{
          paging: false,
          search: false,
          sorting: false,
          toolbar: false,
          draggable: false,
          padding: 'dense',
        }}
        style={{ boxShadow: 'none' }}
      />
      {dialog && (
        <StressorFlagDialog
          entityRef={entityRef}
          mode={dialog.mode}
          flag={dialog.flag}
          initialStressorKey={dialog.stressorKey}
          flaggedKeys={unresolvedKeys}
          onClose={() => setDialog(undefined)}
          onSaved={onChange}
        />
      )}
    </InfoCard>
  );
}
