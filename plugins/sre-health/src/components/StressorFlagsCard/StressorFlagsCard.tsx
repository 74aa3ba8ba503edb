import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import IconButton from '@material-ui/core/IconButton';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import KeyboardArrowDown from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowRight from '@material-ui/icons/KeyboardArrowRight';
import MoreVert from '@material-ui/icons/MoreVert';
import Alert from '@material-ui/lab/Alert';
import {
  StressorDefinition,
  StressorFlag,
  STRESSORS,
  compareFlagsByPriority,
  effectiveStressLevel,
  stressorTitle,
} from '@internal/backstage-plugin-sre-health-common';
import { Fragment, useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router-dom';
import { sreHealthApiRef } from '../../api';
import { useAnnotationPermissions } from '../../hooks';
import { formatDate } from '../../utils/format';
import {
  WriteProblem,
  WriteProblemAlert,
  describeWriteError,
} from '../ActionDialog';
import { StatusText } from '../StatusText';
import {
  StressorFlagDialog,
  StressorFlagDialogMode,
} from '../StressorFlagDialog';
import { FlagDetails } from './FlagDetails';
import { FlagDismissDialog } from './FlagDismissDialog';
import { FlagLevelDialog } from './FlagLevelDialog';
import {
  SOURCE_HELP,
  SOURCE_LABELS,
  flaggedBy,
  formatDuration,
  isClosed,
  openDuration,
} from './flagFormat';

/** One row of the card: a flag, or one of the eight stressors nobody has flagged. */
export interface StressorRow {
  id: string;
  stressorKey: string;
  title: string;
  definition?: StressorDefinition;
  flag?: StressorFlag;
}

/**
 * Flags by priority (effective stress level, then how long they have been open; resolved
 * and dismissed last), then the stressors of the book nobody has flagged, so all eight are
 * always on the list.
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

/** The anchor of a stressor's row, which the scorecard's cells link to. */
export function stressorAnchor(stressorKey: string): string {
  return `stressor-${stressorKey}`;
}

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
    case 'dismissed':
      return <StatusText kind="pending">dismissed</StatusText>;
    default:
      return <StatusText kind="ok">resolved</StatusText>;
  }
}

function StressLevel(props: { flag: StressorFlag }) {
  const { flag } = props;
  const level = effectiveStressLevel(flag);
  return (
    <>
      <Typography variant="body2" aria-label={`stress level ${level} of 5`}>
        {level} / 5
      </Typography>
      {flag.levelOverride !== null && (
        <Typography variant="caption" color="textSecondary" display="block">
          overridden from {flag.stressLevel}
        </Typography>
      )}
    </>
  );
}

type DialogState =
  | {
      mode: StressorFlagDialogMode;
      flag?: StressorFlag;
      stressorKey?: string;
    }
  | { mode: 'dismiss' | 'override'; flag: StressorFlag; stressorKey?: never };

interface RowMenu {
  anchor: HTMLElement;
  row: StressorRow & { flag: StressorFlag };
}

/** @public */
export interface StressorFlagsCardProps {
  /** The entity the flags annotate, e.g. `component:default/checkout`. */
  entityRef: string;
  flags: StressorFlag[];
  /** Called after a change so the tab reloads its data. */
  onChange: () => void;
}

/**
 * The eight stressors of SRE book chapter 30 and any custom ones, flagged by SREs or
 * detectors, prioritised by stress level. Each flag expands to its evidence, the
 * detector's facts and its history. People allowed to annotate the entity can flag,
 * confirm, dismiss, override, edit and resolve, and run the detectors; everyone else
 * reads.
 * @public
 */
export function StressorFlagsCard(props: StressorFlagsCardProps) {
  const { entityRef, flags, onChange } = props;
  const api = useApi(sreHealthApiRef);
  const { canCreate, canUpdate } = useAnnotationPermissions(entityRef);
  const [dialog, setDialog] = useState<DialogState | undefined>();
  const [menu, setMenu] = useState<RowMenu | undefined>();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<WriteProblem | undefined>();
  const [notice, setNotice] = useState<string | undefined>();

  const rows = buildStressorRows(flags);
  // A link like `…/sre-health#stressor-knowledge-gap` (the scorecard's cells) names a
  // stressor: its first row (the unresolved flag, if any) carries the anchor, is
  // highlighted, expanded and scrolled to.
  const { hash } = useLocation();
  const targetKey = hash.startsWith('#stressor-')
    ? decodeURIComponent(hash.slice('#stressor-'.length))
    : undefined;
  const target = rows.find(r => r.stressorKey === targetKey);
  const handledHash = useRef<string | undefined>();
  useEffect(() => {
    if (!target || handledHash.current === hash) return;
    handledHash.current = hash;
    const flagId = target.flag?.id;
    if (flagId) setExpanded(current => new Set(current).add(flagId));
    document
      .getElementById(stressorAnchor(target.stressorKey))
      ?.scrollIntoView?.({ block: 'start' });
  }, [hash, target]);
  // The backend keeps one unresolved (open, mitigating or dismissed) flag per stressor.
  const unresolvedKeys = flags
    .filter(f => f.status !== 'resolved')
    .map(f => f.stressorKey);
  const count = (pred: (f: StressorFlag) => boolean) =>
    flags.filter(pred).length;
  const open = count(f => f.status === 'open');
  const mitigating = count(f => f.status === 'mitigating');
  const toTriage = count(f => f.source === 'detected' && !isClosed(f));
  const now = Date.now();

  const toggle = (id: string) =>
    setExpanded(current => {
      const next = new Set(current);
      if (next.has(id)) {
        next.delete(id);
      } else {
        next.add(id);
      }
      return next;
    });

  /** A write without a dialog (confirm, reopen, run detection); resolves to a notice. */
  const run = async (write: () => Promise<string>) => {
    setBusy(true);
    setProblem(undefined);
    setNotice(undefined);
    try {
      setNotice(await write());
      onChange();
    } catch (error) {
      setProblem(describeWriteError(error));
    } finally {
      setBusy(false);
    }
  };

  const runDetection = () =>
    run(async () => {
      const result = await api.runStressorDetection(entityRef);
      const found = result.detected.length;
      return (
        `Detection found ${found} stressor${found === 1 ? '' : 's'}: ` +
        `${result.created} new, ${result.updated} updated, ${result.resolved} resolved.`
      );
    });

  const confirm = (flag: StressorFlag) =>
    run(async () => {
      await api.updateStressorFlag(flag.id, {
        version: flag.version,
        confirm: true,
      });
      return `Confirmed: ${stressorTitle(flag.stressorKey)}.`;
    });

  const reopen = (flag: StressorFlag) =>
    run(async () => {
      await api.updateStressorFlag(flag.id, {
        version: flag.version,
        status: 'open',
      });
      return `Reopened: ${stressorTitle(flag.stressorKey)}.`;
    });

  const menuAction = (action: () => void) => () => {
    setMenu(undefined);
    action();
  };

  const actionsFor = (row: StressorRow) => {
    const { flag } = row;
    if (flag && flag.status !== 'resolved') {
      if (!canUpdate) {
        return null;
      }
      return (
        <Box display="flex" alignItems="center" justifyContent="flex-end">
          {flag.source === 'detected' && flag.status !== 'dismissed' && (
            <Button
              size="small"
              color="primary"
              disabled={busy}
              aria-label={`Confirm ${row.title}`}
              onClick={() => confirm(flag)}
            >
              Confirm
            </Button>
          )}
          <IconButton
            size="small"
            aria-label={`More actions for ${row.title}`}
            aria-haspopup="menu"
            disabled={busy}
            onClick={e =>
              setMenu({ anchor: e.currentTarget, row: { ...row, flag } })
            }
          >
            <MoreVert fontSize="small" />
          </IconButton>
        </Box>
      );
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

  const menuItems = (flag: StressorFlag) => {
    if (flag.status === 'dismissed') {
      return [
        <MenuItem key="reopen" onClick={menuAction(() => reopen(flag))}>
          Reopen
        </MenuItem>,
        <MenuItem
          key="resolve"
          onClick={menuAction(() => setDialog({ mode: 'resolve', flag }))}
        >
          Resolve…
        </MenuItem>,
      ];
    }
    const detectorInvolved = flag.source !== 'sre';
    return [
      (detectorInvolved || flag.levelOverride !== null) && (
        <MenuItem
          key="override"
          onClick={menuAction(() => setDialog({ mode: 'override', flag }))}
        >
          Override level…
        </MenuItem>
      ),
      detectorInvolved && (
        <MenuItem
          key="dismiss"
          onClick={menuAction(() => setDialog({ mode: 'dismiss', flag }))}
        >
          Dismiss…
        </MenuItem>
      ),
      <MenuItem
        key="edit"
        onClick={menuAction(() => setDialog({ mode: 'edit', flag }))}
      >
        Edit…
      </MenuItem>,
      <MenuItem
        key="resolve"
        onClick={menuAction(() => setDialog({ mode: 'resolve', flag }))}
      >
        Resolve…
      </MenuItem>,
    ].filter(Boolean);
  };

  const withActions = canCreate || canUpdate;
  const columnCount = withActions ? 8 : 7;

  return (
    <InfoCard
      title="Stressors"
      subheader={`${open} open, ${mitigating} mitigating${
        toTriage ? `, ${toTriage} detected and not confirmed` : ''
      } — the kindling, by stress level`}
      action={
        canCreate || canUpdate ? (
          <Box pt={1} pr={1} display="flex" style={{ gap: 8 }}>
            {canUpdate && (
              <Button variant="outlined" disabled={busy} onClick={runDetection}>
                Run detection
              </Button>
            )}
            {canCreate && (
              <Button
                variant="outlined"
                color="primary"
                onClick={() => setDialog({ mode: 'create' })}
              >
                Flag a stressor
              </Button>
            )}
          </Box>
        ) : undefined
      }
      noPadding
    >
      {(problem || notice) && (
        <Box px={2} pb={1}>
          {problem && (
            <WriteProblemAlert problem={problem} onReload={onChange} />
          )}
          {notice && (
            <Alert severity="success" onClose={() => setNotice(undefined)}>
              {notice}
            </Alert>
          )}
        </Box>
      )}
      <Box overflow="auto">
        <Table size="small" aria-label="Stressors by priority">
          <TableHead>
            <TableRow>
              <TableCell padding="checkbox">
                <Typography variant="srOnly">Details</Typography>
              </TableCell>
              <TableCell>Stressor</TableCell>
              <TableCell>Source</TableCell>
              <TableCell>Stress level</TableCell>
              <TableCell>State</TableCell>
              <TableCell>Flagged by</TableCell>
              <TableCell>Open for</TableCell>
              {withActions && <TableCell align="right">Actions</TableCell>}
            </TableRow>
          </TableHead>
          <TableBody>
            {rows.map((row, index) => {
              const { flag } = row;
              const isOpen = flag ? expanded.has(flag.id) : false;
              const detailsId = `sre-health-flag-details-${row.id}`;
              const first =
                rows.findIndex(r => r.stressorKey === row.stressorKey) ===
                index;
              return (
                <Fragment key={row.id}>
                  <TableRow
                    id={first ? stressorAnchor(row.stressorKey) : undefined}
                    selected={row === target}
                  >
                    <TableCell padding="checkbox">
                      {flag && (
                        <IconButton
                          size="small"
                          aria-label={`Details of ${row.title}`}
                          aria-expanded={isOpen}
                          aria-controls={isOpen ? detailsId : undefined}
                          onClick={() => toggle(flag.id)}
                        >
                          {isOpen ? (
                            <KeyboardArrowDown />
                          ) : (
                            <KeyboardArrowRight />
                          )}
                        </IconButton>
                      )}
                    </TableCell>
                    <TableCell component="th" scope="row" role="rowheader">
                      <StressorTitle row={row} />
                    </TableCell>
                    <TableCell>
                      {flag ? (
                        <Tooltip title={SOURCE_HELP[flag.source]}>
                          <Chip
                            size="small"
                            variant={
                              flag.source === 'detected'
                                ? 'outlined'
                                : 'default'
                            }
                            label={SOURCE_LABELS[flag.source]}
                          />
                        </Tooltip>
                      ) : (
                        '—'
                      )}
                    </TableCell>
                    <TableCell>
                      {flag ? <StressLevel flag={flag} /> : '—'}
                    </TableCell>
                    <TableCell>
                      <FlagState flag={flag} />
                    </TableCell>
                    <TableCell>
                      {flag ? (
                        <>
                          <Typography variant="body2">
                            {flaggedBy(flag.author)}
                          </Typography>
                          <Typography
                            variant="caption"
                            color="textSecondary"
                            display="block"
                          >
                            {formatDate(flag.createdAt)}
                            {flag.confirmedBy &&
                              `, confirmed by ${flaggedBy(flag.confirmedBy)}`}
                          </Typography>
                        </>
                      ) : (
                        '—'
                      )}
                    </TableCell>
                    <TableCell>
                      {flag ? (
                        <Typography variant="body2">
                          {isClosed(flag) ? 'was open ' : ''}
                          {formatDuration(openDuration(flag, now))}
                        </Typography>
                      ) : (
                        '—'
                      )}
                    </TableCell>
                    {withActions && (
                      <TableCell align="right">{actionsFor(row)}</TableCell>
                    )}
                  </TableRow>
                  {flag && isOpen && (
                    <TableRow>
                      <TableCell colSpan={columnCount}>
                        <Box
                          id={detailsId}
                          role="region"
                          aria-label={`Details of ${row.title}`}
                          py={1}
                        >
                          <FlagDetails flag={flag} />
                        </Box>
                      </TableCell>
                    </TableRow>
                  )}
                </Fragment>
              );
            })}
          </TableBody>
        </Table>
      </Box>
      <Menu
        anchorEl={menu?.anchor}
        open={Boolean(menu)}
        onClose={() => setMenu(undefined)}
        keepMounted={false}
      >
        {menu && menuItems(menu.row.flag)}
      </Menu>
      {dialog?.mode === 'dismiss' && (
        <FlagDismissDialog
          flag={dialog.flag}
          onClose={() => setDialog(undefined)}
          onDone={onChange}
        />
      )}
      {dialog?.mode === 'override' && (
        <FlagLevelDialog
          flag={dialog.flag}
          onClose={() => setDialog(undefined)}
          onDone={onChange}
        />
      )}
      {dialog && dialog.mode !== 'dismiss' && dialog.mode !== 'override' && (
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
