import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import GetApp from '@material-ui/icons/GetApp';
import {
  FIRE_KINDS,
  Fire,
  FireKind,
} from '@internal/backstage-plugin-sre-health-common';
import { useId, useState } from 'react';
import { sreHealthApiRef } from '../../api';
import { useAnnotationPermissions } from '../../hooks';
import { formatDate } from '../../utils/format';
import {
  WriteProblem,
  WriteProblemAlert,
  describeWriteError,
} from '../ActionDialog';
import { FIRE_KIND_HELP, FIRE_KIND_TITLES, FireDialog } from './FireDialog';
import { downloadText } from './downloadText';

/** The fires of each kind, newest first. */
export function groupFires(
  fires: ReadonlyArray<Fire>,
): Record<FireKind, Fire[]> {
  const sorted = [...fires].sort((a, b) =>
    b.occurredAt.localeCompare(a.occurredAt),
  );
  return Object.fromEntries(
    FIRE_KINDS.map(kind => [kind, sorted.filter(f => f.kind === kind)]),
  ) as Record<FireKind, Fire[]>;
}

/** `fires-checkout.md`, like the backend's Content-Disposition. */
export function firesFileName(entityRef: string): string {
  let name = 'entity';
  try {
    name = parseEntityRef(entityRef).name;
  } catch {
    // keep the fallback
  }
  return `fires-${name.replace(/[^A-Za-z0-9._-]/g, '_')}.md`;
}

function FireGroup(props: {
  kind: FireKind;
  fires: Fire[];
  /** All fires of the kind, listed or not. */
  count: number;
  canSort: boolean;
  onSort: (fire: Fire) => void;
}) {
  const { kind, fires, count, canSort, onSort } = props;
  const headingId = useId();
  return (
    <Box component="section" aria-labelledby={headingId} mb={2}>
      <Typography variant="subtitle2" component="h3" id={headingId}>
        {FIRE_KIND_TITLES[kind]} ({count})
      </Typography>
      <Typography variant="caption" color="textSecondary">
        {FIRE_KIND_HELP[kind]}
      </Typography>
      {fires.length === 0 ? (
        <Typography variant="body2" color="textSecondary">
          None.
        </Typography>
      ) : (
        <List dense disablePadding>
          {fires.map(fire => (
            <ListItem key={fire.id} disableGutters>
              <ListItemText
                primary={fire.title}
                secondary={
                  <>
                    {formatDate(fire.occurredAt)}
                    {' · '}
                    <span style={{ whiteSpace: 'pre-wrap' }}>
                      {fire.rationale.trim() ||
                        (kind === 'unsorted'
                          ? 'Not sorted yet'
                          : 'No rationale yet')}
                    </span>
                  </>
                }
                style={canSort ? { paddingRight: 72 } : undefined}
              />
              {canSort && (
                <ListItemSecondaryAction>
                  <Button
                    size="small"
                    color={kind === 'unsorted' ? 'primary' : 'default'}
                    aria-label={`Sort ${fire.title}`}
                    onClick={() => onSort(fire)}
                  >
                    {kind === 'unsorted' ? 'Sort' : 'Re-sort'}
                  </Button>
                </ListItemSecondaryAction>
              )}
            </ListItem>
          ))}
        </List>
      )}
    </Box>
  );
}

/** @public */
export interface FiresCardProps {
  entityRef: string;
  /** The newest fires (the tab's read carries at most `TAB_LIST_LIMITS.fires`). */
  fires: Fire[];
  /** All of the entity's fires by kind; the listed ones when not given. */
  counts?: Record<FireKind, number>;
  /** Called after a change so the tab reloads its data. */
  onChange: () => void;
}

/**
 * The fires, sorted by type: toil (should never happen: automate it away) and overhead
 * (legitimate, merely stressful), each with the reason, plus the ones not sorted yet.
 * Anyone can download the list as Markdown to hand to the team; SREs sort the fires.
 * @public
 */
export function FiresCard(props: FiresCardProps) {
  const { entityRef, fires, onChange } = props;
  const api = useApi(sreHealthApiRef);
  const { canCreate, canUpdate } = useAnnotationPermissions(entityRef);
  const [dialog, setDialog] = useState<{ fire?: Fire } | undefined>();
  const [exporting, setExporting] = useState(false);
  const [problem, setProblem] = useState<WriteProblem | undefined>();
  const groups = groupFires(fires);
  const counts = props.counts ?? {
    toil: groups.toil.length,
    overhead: groups.overhead.length,
    unsorted: groups.unsorted.length,
  };
  const total = FIRE_KINDS.reduce((sum, kind) => sum + counts[kind], 0);

  const exportMarkdown = async () => {
    setExporting(true);
    setProblem(undefined);
    try {
      const markdown = await api.getFiresMarkdown(entityRef);
      downloadText(markdown, firesFileName(entityRef));
    } catch (error) {
      setProblem(describeWriteError(error));
    } finally {
      setExporting(false);
    }
  };

  return (
    <InfoCard
      title="Fires"
      subheader={`${counts.toil} toil, ${counts.overhead} overhead, ${counts.unsorted} not sorted yet`}
      action={
        <Box pt={1} pr={1} display="flex" style={{ gap: 8 }}>
          <Button
            variant="outlined"
            startIcon={<GetApp />}
            disabled={exporting || total === 0}
            onClick={exportMarkdown}
          >
            Export as Markdown
          </Button>
          {canCreate && (
            <Button
              variant="outlined"
              color="primary"
              onClick={() => setDialog({})}
            >
              Record a fire
            </Button>
          )}
        </Box>
      }
    >
      {problem && (
        <Box mb={2}>
          <WriteProblemAlert problem={problem} />
        </Box>
      )}
      {total > fires.length && (
        <Typography variant="body2" color="textSecondary" paragraph>
          The newest {fires.length} of {total} fires are listed; the Markdown
          export has them all.
        </Typography>
      )}
      {total === 0 ? (
        <Typography variant="body2" color="textSecondary">
          No fire recorded yet. Record the fires the team fights, then sort
          them: toil should never happen, overhead merely causes stress.
        </Typography>
      ) : (
        FIRE_KINDS.map(kind => (
          <FireGroup
            key={kind}
            kind={kind}
            fires={groups[kind]}
            count={counts[kind]}
            canSort={canUpdate}
            onSort={fire => setDialog({ fire })}
          />
        ))
      )}
      {dialog && (
        <FireDialog
          entityRef={entityRef}
          fire={dialog.fire}
          onClose={() => setDialog(undefined)}
          onDone={onChange}
        />
      )}
    </InfoCard>
  );
}
