import { InfoCard } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import Menu from '@material-ui/core/Menu';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import Tooltip from '@material-ui/core/Tooltip';
import CheckCircleOutline from '@material-ui/icons/CheckCircleOutline';
import MoreVert from '@material-ui/icons/MoreVert';
import {
  StressorFlag,
  stressorTitle,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useId, useState } from 'react';
import { sreHealthApiRef } from '../../../api';
import {
  useAnnotationPermissions,
  useFlagDismissPermission,
  useStressorRatePermission,
} from '../../../hooks';
import { useWrite } from '../../shared/ActionDialog';
import { SetupLine } from '../../shared/SetupLine';
import {
  StressorFlagDialog,
  StressorFlagDialogMode,
} from '../StressorFlagDialog';
import { FlagDismissDialog } from './FlagDismissDialog';
import { FlagExemptDialog } from './FlagExemptDialog';
import { FlagRatingDialog } from './FlagRatingDialog';
import { FlagTableHead, FlagTableRow, useFlagTableStyles } from './FlagRow';
import { isClosed } from './flagFormat';
import {
  ClosedToggle,
  NotFlaggedLine,
  StressorsSubheader,
} from './NotFlaggedLine';
import { StressorRow, groupStressorRows } from './rows';
import { useStressorTarget } from './useStressorTarget';

export { buildStressorRows, groupStressorRows, stressorAnchor } from './rows';
export type { StressorRow, StressorGroups } from './rows';

type DialogState =
  | {
      mode: StressorFlagDialogMode;
      flag?: StressorFlag;
      stressorKey?: string;
    }
  | {
      mode: 'dismiss' | 'rate' | 'exempt';
      flag: StressorFlag;
      stressorKey?: never;
    };

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
 * detectors, prioritised by stress level. Stress is what the team feels: the level is
 * the team's rating, and a detector's evidence proposes one until someone rates. Each
 * flag expands to its evidence, the detector's facts and its history. The owning team's
 * members and the SREs rate (the rate permission); people allowed to annotate the entity
 * can flag, confirm, edit and resolve, and run the detectors; the SREs (the dismiss
 * permission) dismiss a detection, or exempt a flag until a date and end the exemption;
 * everyone else reads.
 * @public
 */
export function StressorFlagsCard(props: StressorFlagsCardProps) {
  const { entityRef, flags, onChange } = props;
  const api = useApi(sreHealthApiRef);
  const { canCreate, canUpdate } = useAnnotationPermissions(entityRef);
  const canRate = useStressorRatePermission(entityRef);
  // dismissing and exempting (and undoing them) are the SRE's verdicts: their own permission
  const canDismiss = useFlagDismissPermission(entityRef);
  const [dialog, setDialog] = useState<DialogState | undefined>();
  const [menu, setMenu] = useState<RowMenu | undefined>();
  const { run: write, busy } = useWrite();
  const groups = groupStressorRows(flags);
  const { active, closed, notFlagged, anchorOf } = groups;
  const { targetKey, targetId, expanded, toggle, showClosed, toggleClosed } =
    useStressorTarget(groups);
  const closedId = useId();
  const classes = useFlagTableStyles();
  // The backend keeps one unresolved (open, mitigating or dismissed) flag per stressor.
  const unresolvedKeys = flags
    .filter(f => f.status !== 'resolved')
    .map(f => f.stressorKey);
  const count = (pred: (f: StressorFlag) => boolean) =>
    flags.filter(pred).length;
  const open = count(f => f.status === 'open');
  const mitigating = count(f => f.status === 'mitigating');
  const exempt = count(f => f.status === 'exempt');
  const toTriage = count(f => f.source === 'detected' && !isClosed(f));
  const now = Date.now();

  /** A write without a dialog (confirm, reopen, run detection); resolves to its toast. */
  const run = (action: () => Promise<string>) =>
    write(action, {
      success: notice => notice,
      onDone: onChange,
      onConflict: onChange,
    });

  const runDetection = () =>
    run(async () => {
      const result = await api.runStressorDetection(entityRef);
      const found = result.detected.length;
      return (
        `Detection found ${found} stressor${found === 1 ? '' : 's'}: ` +
        `${result.created} new, ${result.updated} updated, ${result.resolved} resolved` +
        `${
          result.reopened
            ? `, ${result.reopened} re-opened (exemption over)`
            : ''
        }.`
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

  const endExemption = (flag: StressorFlag) =>
    run(async () => {
      await api.updateStressorFlag(flag.id, {
        version: flag.version,
        status: 'open',
      });
      return `Exemption ended: ${stressorTitle(flag.stressorKey)} is open.`;
    });

  const menuAction = (action: () => void) => () => {
    setMenu(undefined);
    action();
  };

  /** Triage of an unresolved flag; flagging a stressor anew is on its chip. */
  const actionsFor = (row: StressorRow & { flag: StressorFlag }) => {
    const { flag } = row;
    if (
      flag.status === 'resolved' ||
      !canUpdate ||
      ((flag.status === 'dismissed' || flag.status === 'exempt') && !canDismiss)
    ) {
      return null;
    }
    return (
      <Box display="flex" alignItems="center" justifyContent="flex-end">
        {flag.source === 'detected' &&
          flag.status !== 'dismissed' &&
          flag.status !== 'exempt' && (
            <Tooltip title="Confirm the detection">
              <span>
                <IconButton
                  size="small"
                  color="primary"
                  disabled={busy}
                  aria-label={`Confirm ${row.title}`}
                  onClick={() => confirm(flag)}
                >
                  <CheckCircleOutline fontSize="small" />
                </IconButton>
              </span>
            </Tooltip>
          )}
        <IconButton
          size="small"
          aria-label={`More actions for ${row.title}`}
          aria-haspopup="menu"
          disabled={busy}
          onClick={e => setMenu({ anchor: e.currentTarget, row })}
        >
          <MoreVert fontSize="small" />
        </IconButton>
      </Box>
    );
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
    if (flag.status === 'exempt') {
      return [
        <MenuItem key="end" onClick={menuAction(() => endExemption(flag))}>
          End exemption
        </MenuItem>,
        <MenuItem
          key="exempt"
          onClick={menuAction(() => setDialog({ mode: 'exempt', flag }))}
        >
          Change exemption…
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
      detectorInvolved && canDismiss && (
        <MenuItem
          key="dismiss"
          onClick={menuAction(() => setDialog({ mode: 'dismiss', flag }))}
        >
          Dismiss…
        </MenuItem>
      ),
      canDismiss && (
        <MenuItem
          key="exempt"
          onClick={menuAction(() => setDialog({ mode: 'exempt', flag }))}
        >
          Exempt until…
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

  // Flagging is on the chips under the table; a row's actions are triage.
  const withActions = canUpdate;
  const flagRow = (row: StressorRow & { flag: StressorFlag }) => (
    <FlagTableRow
      key={row.id}
      row={row}
      anchored={anchorOf.get(row.stressorKey) === row.id}
      selected={row.id === targetId}
      expanded={expanded.has(row.flag.id)}
      onToggle={() => toggle(row.flag.id)}
      withActions={withActions}
      actions={actionsFor(row)}
      onRate={
        canRate && !isClosed(row.flag) && row.flag.status !== 'exempt'
          ? () => setDialog({ mode: 'rate', flag: row.flag })
          : undefined
      }
      now={now}
    />
  );
  const noneShown = active.length === 0 && !(showClosed && closed.length > 0);
  const counts = [
    `${open} open`,
    `${mitigating} mitigating`,
    ...(exempt ? [`${exempt} exempt`] : []),
    ...(toTriage ? [`${toTriage} to confirm`] : []),
  ].join(' · ');

  return (
    <InfoCard
      title="Stressors"
      subheader={<StressorsSubheader counts={counts} />}
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
      {noneShown && (
        <Box px={2} pt={1.5}>
          <SetupLine>
            No stressor is flagged now: flag one below when you see it
            {canUpdate ? ', or run detection' : ''}.
          </SetupLine>
        </Box>
      )}
      <Box style={{ overflowX: 'auto' }} hidden={noneShown}>
        <Table
          size="small"
          aria-label="Stressors by priority"
          className={classes.table}
        >
          <FlagTableHead withActions={withActions} />
          <TableBody>{active.map(flagRow)}</TableBody>
          {closed.length > 0 && (
            <TableBody id={closedId} hidden={!showClosed}>
              {closed.map(flagRow)}
            </TableBody>
          )}
        </Table>
      </Box>
      <ClosedToggle
        count={closed.length}
        shown={showClosed}
        controls={closedId}
        onToggle={toggleClosed}
      />
      <NotFlaggedLine
        rows={notFlagged}
        anchorOf={anchorOf}
        targetKey={targetKey}
        onFlag={
          canCreate
            ? stressorKey => setDialog({ mode: 'create', stressorKey })
            : undefined
        }
      />
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
      {dialog?.mode === 'exempt' && (
        <FlagExemptDialog
          flag={dialog.flag}
          onClose={() => setDialog(undefined)}
          onDone={onChange}
        />
      )}
      {dialog?.mode === 'rate' && (
        <FlagRatingDialog
          flag={dialog.flag}
          onClose={() => setDialog(undefined)}
          onDone={onChange}
        />
      )}
      {dialog &&
        dialog.mode !== 'dismiss' &&
        dialog.mode !== 'rate' &&
        dialog.mode !== 'exempt' && (
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
