import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import HistoryIcon from '@material-ui/icons/History';
import Divider from '@material-ui/core/Divider';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type {
  SloDefinitionProblem,
  SloNotComputable,
  SloStatus,
  SloSummary,
} from '@sre-health/backstage-plugin-sre-health-common';
import { Fragment, useState } from 'react';
import Button from '@material-ui/core/Button';
import { usePermission } from '@backstage/plugin-permission-react';
import {
  SLO_SOURCE_PUSHED_EVENTS,
  VERDICT_ANCHORS,
  describeFiringRule,
  sreHealthEngagementUpdatePermission,
  sreHealthSloManagePermission,
} from '@sre-health/backstage-plugin-sre-health-common';
import { BudgetPolicyDecisionDialog } from './BudgetPolicyDecisionDialog';
import { SloBackfillDialog } from '../SloBackfillDialog';
import { SloEditorDialog } from '../SloEditorDialog';
import { formatPercent } from '../../../utils/format';
import { SloBurnDownChart } from '../SloBurnDownChart';
import { StatusKind, StatusText } from '../../shared/StatusText';
import { AlertRulesTable, BurnRateRow } from './BurnRateTables';
import { SloEmptyState } from './SloEmptyState';
import { SloNotComputableList, SloProblemList } from './SloProblemList';
import {
  formatAge,
  formatBudget,
  formatBudgetLeft,
} from '../../../utils/sloFormat';
import { Disclosure } from '../../shared/Disclosure';
import { InfoTip } from '../../shared/InfoTip';

const STATUS_LABEL: Record<SloStatus, string> = {
  healthy: 'healthy',
  'at-risk': 'at risk',
  breached: 'breached',
  'no-data': 'no data',
};

const STATUS_KIND: Record<SloStatus, StatusKind> = {
  healthy: 'ok',
  'at-risk': 'warning',
  breached: 'error',
  'no-data': 'pending',
};

/** The status of an SLO as a chip with the matching status icon. */
export function SloStatusChip(props: { status: SloStatus }) {
  const label = STATUS_LABEL[props.status];
  return (
    <Chip
      size="small"
      variant="outlined"
      aria-label={`SLO status: ${label}`}
      label={<StatusText kind={STATUS_KIND[props.status]}>{label}</StatusText>}
    />
  );
}

/** The SLO's alert state: page (error) or ticket (warning); nothing when quiet. */
function AlertStateChip(props: { state: 'page' | 'ticket' | 'none' }) {
  if (props.state === 'none') {
    return null;
  }
  const page = props.state === 'page';
  return (
    <Box ml={1} component="span">
      <Chip
        size="small"
        aria-label={`Alert: ${props.state}`}
        label={
          <StatusText kind={page ? 'error' : 'warning'}>
            {page ? 'paging' : 'ticket'}
          </StatusText>
        }
      />
    </Box>
  );
}

function Unavailable(props: {
  unavailable: NonNullable<SloSummary['unavailable']>;
}) {
  const { reason, lastKnownAt } = props.unavailable;
  return (
    <Box mb={1}>
      <Alert severity="warning" role="status">
        Source unavailable: {reason}.{' '}
        {lastKnownAt ? (
          <>
            Last known <span title={lastKnownAt}>{formatAge(lastKnownAt)}</span>
            ; the numbers below are from then.
          </>
        ) : (
          'No data yet.'
        )}
      </Alert>
    </Box>
  );
}

/** The SLO's numbers in one line: the budget left, the objective and the SLI. */
function SloFigures(props: { slo: SloSummary; onDecide?: () => void }) {
  const { slo, onDecide } = props;
  const remaining = slo.budget?.remainingFraction ?? slo.budgetRemaining;
  const known = remaining !== null && remaining !== undefined;
  const method =
    slo.budgetingMethod && slo.budgetingMethod !== 'Occurrences'
      ? ` (${slo.budgetingMethod})`
      : '';
  const nowrap = { whiteSpace: 'nowrap' } as const;
  return (
    <Box display="flex" flexWrap="wrap" style={{ columnGap: 24, rowGap: 4 }}>
      {known ? (
        <Typography variant="body2" style={nowrap}>
          Budget left{' '}
          <strong style={{ fontSize: '1.25rem' }}>
            {formatBudgetLeft(remaining, remaining < 0.1 ? 1 : 0)}
          </strong>
          {slo.budget && ` (${formatBudget(slo.budget)})`}
        </Typography>
      ) : (
        <Typography variant="body2" color="textSecondary" style={nowrap}>
          No error budget data yet
        </Typography>
      )}
      <Typography variant="body2" style={nowrap}>
        Objective <strong>{formatPercent(slo.target, 3)}</strong> over{' '}
        {slo.window || `${slo.windowDays}d`}
        {method}
      </Typography>
      <Typography variant="body2" style={nowrap}>
        SLI{' '}
        <strong>
          {slo.sli === null ? 'no data' : formatPercent(slo.sli, 3)}
        </strong>
        {slo.totalEvents > 0 &&
          ` (${slo.badEvents.toLocaleString(
            'en-US',
          )} bad of ${slo.totalEvents.toLocaleString('en-US')})`}
      </Typography>
      {slo.policyStep && (
        <Typography
          variant="body2"
          style={nowrap}
          aria-label="Error-budget policy"
        >
          Budget policy: <strong>{slo.policyStep.action}</strong>
          {onDecide && (
            <Button
              size="small"
              onClick={onDecide}
              style={{ padding: '0 4px', minWidth: 0, marginLeft: 4 }}
              aria-label={`Record the budget policy decision for ${
                slo.displayName || slo.name
              }`}
            >
              Record decision
            </Button>
          )}
        </Typography>
      )}
    </Box>
  );
}

/**
 * One sentence per firing rule: what it means for the budget and what to do. The card shows
 * the first (the rules come fastest window first); the others open with the burn rates.
 */
function FiringSentences(props: {
  slo: SloSummary;
  from?: number;
  to?: number;
}) {
  const { slo, from = 0, to } = props;
  const firing = (slo.alert?.rules ?? []).filter(r => r.firing).slice(from, to);
  if (firing.length === 0) return null;
  const rate = (w: string) =>
    slo.burnRates.find(b => b.window === w)?.rate ?? null;
  return (
    <Box
      mt={1}
      component="ul"
      pl={2.5}
      my={0}
      aria-label={from === 0 ? 'Firing alerts' : 'More firing alerts'}
    >
      {firing.map(rule => (
        <Typography
          key={`${rule.long}/${rule.policy ?? ''}`}
          component="li"
          variant="body2"
        >
          {describeFiringRule(slo, rule, rate(rule.long))}
        </Typography>
      ))}
    </Box>
  );
}

/** Where the SLO comes from and its numbers in full, for the info icon. */
function SloAbout(props: { slo: SloSummary }) {
  const { slo } = props;
  return (
    <>
      {slo.description && <p>{slo.description}</p>}
      <p>Source: {slo.source}</p>
      <p>
        The budget is what the objective allows to fail over the window; the
        chart projects when it runs out at the current burn.
      </p>
    </>
  );
}

function SloSection(props: {
  slo: SloSummary;
  onEdit?: (definitionId: string) => void;
  onDecide?: (slo: SloSummary) => void;
  onImport?: (slo: SloSummary) => void;
}) {
  const { slo, onEdit, onDecide, onImport } = props;
  const definitionId = slo.location?.startsWith('api:')
    ? slo.location.slice(4)
    : undefined;
  const title = slo.displayName || slo.name;
  const alertState = slo.alert?.state ?? 'none';
  return (
    <Box
      component="section"
      aria-label={`SLO ${title}`}
      id={VERDICT_ANCHORS.slo(slo.name)}
      py={1}
    >
      <Box display="flex" alignItems="center" mb={0.5} style={{ gap: 8 }}>
        <Box flexGrow={1} display="flex" alignItems="center" minWidth={0}>
          <Typography variant="h6" component="h3" noWrap>
            {title}
          </Typography>
          <InfoTip label={`SLO ${title}`}>
            <SloAbout slo={slo} />
          </InfoTip>
        </Box>
        <SloStatusChip status={slo.status} />
        <AlertStateChip state={alertState} />
        {onEdit && definitionId && (
          <Button
            size="small"
            onClick={() => onEdit(definitionId)}
            aria-label={`Edit SLO ${title}`}
          >
            Edit
          </Button>
        )}
        {onImport && slo.source === SLO_SOURCE_PUSHED_EVENTS && (
          // an icon, so the SLO's name keeps the row at 1024 px
          <Tooltip title="Import history (backfill)">
            <IconButton
              size="small"
              onClick={() => onImport(slo)}
              aria-label={`Import history of SLO ${title}`}
            >
              <HistoryIcon fontSize="small" />
            </IconButton>
          </Tooltip>
        )}
      </Box>
      {slo.unavailable && <Unavailable unavailable={slo.unavailable} />}
      <SloFigures slo={slo} onDecide={onDecide && (() => onDecide(slo))} />
      <FiringSentences slo={slo} to={1} />
      <Box mt={1}>
        <SloBurnDownChart slo={slo} />
      </Box>
      <Disclosure
        label={
          alertState === 'none'
            ? 'Burn rates against their alert thresholds'
            : `Burn rates: ${
                alertState === 'page' ? 'paging' : 'ticket'
              } rule firing`
        }
        hideLabel="Hide burn rates"
      >
        <FiringSentences slo={slo} from={1} />
        <AlertRulesTable slo={slo} />
        <BurnRateRow slo={slo} />
      </Disclosure>
    </Box>
  );
}

/** @public */
export interface SloStatusCardProps {
  slos: SloSummary[];
  /** SLO definitions that could not be used, shown so their authors can fix them. */
  problems?: SloDefinitionProblem[];
  /** Valid SLOs not computed here (e.g. no reader for their source), shown as defined. */
  notComputable?: SloNotComputable[];
  /** With an entity, SREs may add SLOs and edit those created in the portal. */
  entityRef?: string;
  /** Called after an SLO was saved, to reload the tab. */
  onChange?: () => void;
}

/**
 * The entity's service level objectives: objective, current SLI, error budget left (share
 * and amount), its burn-down over the window, and the multi-window burn-rate alerts.
 * SLOs measure the impact of outages quantitatively.
 * @public
 */
export function SloStatusCard(props: SloStatusCardProps) {
  const {
    slos,
    problems = [],
    notComputable = [],
    entityRef,
    onChange,
  } = props;
  const { allowed: canManage } = usePermission({
    permission: sreHealthSloManagePermission,
    resourceRef: entityRef,
  });
  const editable = Boolean(entityRef) && canManage;
  const [editor, setEditor] = useState<{ definitionId?: string } | undefined>();
  // recording the team's decision on a budget-policy step is the SREs' (like the engagement)
  const { allowed: canDecide } = usePermission({
    permission: sreHealthEngagementUpdatePermission,
    resourceRef: entityRef,
  });
  const [deciding, setDeciding] = useState<SloSummary | undefined>();
  const [importing, setImporting] = useState<SloSummary | undefined>();
  return (
    <Box id={VERDICT_ANCHORS.slos} height="100%">
      <InfoCard
        title="Service level objectives"
        action={
          editable ? (
            <Button
              size="small"
              color="primary"
              variant="outlined"
              onClick={() => setEditor({})}
            >
              Add SLO
            </Button>
          ) : undefined
        }
      >
        {editable && entityRef && (
          <SloEditorDialog
            open={editor !== undefined}
            entityRef={entityRef}
            definitionId={editor?.definitionId}
            onClose={() => setEditor(undefined)}
            onSaved={() => onChange?.()}
          />
        )}
        {entityRef && deciding && (
          <BudgetPolicyDecisionDialog
            open
            entityRef={entityRef}
            sloName={deciding.name}
            sloTitle={deciding.displayName || deciding.name}
            onClose={() => setDeciding(undefined)}
            onSaved={() => onChange?.()}
          />
        )}
        {entityRef && importing && (
          <SloBackfillDialog
            entityRef={entityRef}
            sloName={importing.name}
            sloTitle={importing.displayName || importing.name}
            onClose={() => setImporting(undefined)}
            onDone={() => onChange?.()}
          />
        )}
        {problems.length > 0 && (
          <Box mb={1}>
            <SloProblemList problems={problems} />
          </Box>
        )}
        {notComputable.length > 0 && (
          <Box mb={1}>
            <SloNotComputableList slos={notComputable} />
          </Box>
        )}
        {slos.length === 0 && notComputable.length === 0 ? (
          <SloEmptyState />
        ) : (
          slos.map((slo, index) => (
            <Fragment key={slo.name}>
              {index > 0 && <Divider />}
              <SloSection
                slo={slo}
                onEdit={
                  editable
                    ? definitionId => setEditor({ definitionId })
                    : undefined
                }
                onDecide={entityRef && canDecide ? setDeciding : undefined}
                // the backend's own check: backfill takes the SLO-manage permission
                onImport={editable ? setImporting : undefined}
              />
            </Fragment>
          ))
        )}
      </InfoCard>
    </Box>
  );
}
