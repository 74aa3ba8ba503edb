import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { parseEntityRef } from '@backstage/catalog-model';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import GetApp from '@material-ui/icons/GetApp';
import {
  FIRE_KINDS,
  Fire,
  FireKind,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useId, useState } from 'react';
import { sreHealthApiRef } from '../../../api';
import { useAnnotationPermissions } from '../../../hooks';
import { formatDate, formatMinutes } from '../../../utils/format';
import {
  WriteProblem,
  WriteProblemAlert,
  describeWriteError,
} from '../../shared/ActionDialog';
import { Disclosure } from '../../shared/Disclosure';
import { Figure } from '../../shared/Figure';
import { InfoTip } from '../../shared/InfoTip';
import { SetupLine } from '../../shared/SetupLine';
import { FIRE_KIND_HELP, FIRE_KIND_TITLES, FireDialog } from './FireDialog';
import { downloadText } from '../../../utils/downloadText';

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

/** How many of the newest fires the summary lists. */
export const NEWEST_FIRES_SHOWN = 3;

/** The id of the card, for links from the verdict. */
export const FIRES_ANCHOR = 'fires';

const FIGURE_LABELS: Record<FireKind, string> = {
  toil: 'toil',
  overhead: 'overhead',
  unsorted: 'not sorted yet',
};

const useStyles = makeStyles(theme => ({
  figures: {
    display: 'grid',
    gridTemplateColumns: 'repeat(3, minmax(0, 1fr)) auto',
    gap: theme.spacing(1),
    alignItems: 'start',
  },
}));

/** "Show all 4 fires", or which of them the tab's read carries. */
function showAllLabel(listed: number, total: number): string {
  if (total > listed) return `Show the newest ${listed} of ${total} fires`;
  return total === 1 ? 'Show the fire' : `Show all ${total} fires`;
}

/** The counts by kind, as figures, with what the kinds mean behind an info icon. */
function FireCounts(props: { counts: Record<FireKind, number> }) {
  const { counts } = props;
  const classes = useStyles();
  const sentence = FIRE_KINDS.map(
    kind => `${counts[kind]} ${FIGURE_LABELS[kind]}`,
  ).join(', ');
  return (
    <Box role="group" aria-label={sentence} className={classes.figures}>
      {FIRE_KINDS.map(kind => (
        <Figure key={kind} value={counts[kind]} label={FIGURE_LABELS[kind]} />
      ))}
      <InfoTip label="fires">
        Toil should never happen: automate it away. Overhead is legitimate work
        that merely causes stress. Sort every fire into one or the other; the
        Markdown export hands the list to the team.
      </InfoTip>
    </Box>
  );
}

/** " · 1 h 30 min spent" when the time spent was recorded. */
const spent = (fire: Fire) =>
  fire.timeSpentMinutes === null || fire.timeSpentMinutes === undefined
    ? ''
    : ` · ${formatMinutes(fire.timeSpentMinutes)} spent`;

/** The newest fires of any kind: title, date, kind and time spent. */
function NewestFires(props: { fires: Fire[] }) {
  const newest = [...props.fires]
    .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt))
    .slice(0, NEWEST_FIRES_SHOWN);
  return (
    <List dense disablePadding aria-label="Newest fires">
      {newest.map(fire => (
        <ListItem key={fire.id} disableGutters>
          <ListItemText
            primary={fire.title}
            primaryTypographyProps={{ style: { overflowWrap: 'break-word' } }}
            secondary={`${formatDate(fire.occurredAt)} · ${
              FIRE_KIND_TITLES[fire.kind]
            }${spent(fire)}`}
          />
        </ListItem>
      ))}
    </List>
  );
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
                    {spent(fire)}
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

  const partial = total > fires.length;

  return (
    <div id={FIRES_ANCHOR}>
      <InfoCard
        title="Fires"
        action={
          <Box pt={1} display="flex" alignItems="center" style={{ gap: 4 }}>
            <Tooltip title="Export as Markdown">
              <span>
                <IconButton
                  aria-label="Export as Markdown"
                  disabled={exporting || total === 0}
                  onClick={exportMarkdown}
                >
                  <GetApp />
                </IconButton>
              </span>
            </Tooltip>
            {canCreate && (
              <Button
                size="small"
                variant="outlined"
                color="primary"
                onClick={() => setDialog({})}
                style={{ whiteSpace: 'nowrap' }}
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
        {total === 0 ? (
          <SetupLine>
            No fire recorded yet: record the fires the team fights, then sort
            them into toil and overhead.
          </SetupLine>
        ) : (
          <>
            <FireCounts counts={counts} />
            <NewestFires fires={fires} />
            <Disclosure
              label={showAllLabel(fires.length, total)}
              hideLabel="Hide the fires by kind"
            >
              {partial && (
                <Typography variant="body2" color="textSecondary" paragraph>
                  The newest {fires.length} of {total} fires are listed; the
                  Markdown export has them all.
                </Typography>
              )}
              {FIRE_KINDS.map(kind => (
                <FireGroup
                  key={kind}
                  kind={kind}
                  fires={groups[kind]}
                  count={counts[kind]}
                  canSort={canUpdate}
                  onSort={fire => setDialog({ fire })}
                />
              ))}
            </Disclosure>
          </>
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
    </div>
  );
}
