import { Gauge, InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Chip from '@material-ui/core/Chip';
import Divider from '@material-ui/core/Divider';
import Grid from '@material-ui/core/Grid';
import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import type {
  SloDefinitionProblem,
  SloStatus,
  SloSummary,
} from '@internal/backstage-plugin-sre-health-common';
import { Fragment, useState } from 'react';
import Button from '@material-ui/core/Button';
import { usePermission } from '@backstage/plugin-permission-react';
import { sreHealthSloManagePermission } from '@internal/backstage-plugin-sre-health-common';
import { SloEditorDialog } from '../SloEditorDialog';
import { formatPercent } from '../../utils/format';
import { SloBurnDownChart } from '../SloBurnDownChart';
import { StatusKind, StatusText } from '../StatusText';
import { AlertRulesTable, BurnRateRow } from './BurnRateTables';
import { SloEmptyState } from './SloEmptyState';
import { SloProblemList } from './SloProblemList';
import { formatAge, formatBudget } from './sloFormat';

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

function ErrorBudgetGauge(props: { slo: SloSummary }) {
  const { slo } = props;
  const remaining = slo.budget?.remainingFraction ?? slo.budgetRemaining;
  if (remaining === null || remaining === undefined) {
    return (
      <Typography variant="body2" color="textSecondary">
        No error budget data yet
      </Typography>
    );
  }
  const kind = STATUS_KIND[slo.status];
  return (
    <>
      <Box maxWidth={120} mx="auto">
        <Gauge
          value={Math.max(0, Math.min(1, remaining))}
          description="Share of the error budget left in the window"
          getColor={({ palette }) => palette.status[kind]}
        />
      </Box>
      <Typography variant="caption" display="block">
        {remaining < 0
          ? `Error budget overspent by ${formatPercent(-remaining, 1)}`
          : 'error budget remaining'}
      </Typography>
      {slo.budget && (
        <Typography variant="body2" display="block">
          {formatBudget(slo.budget)}
        </Typography>
      )}
    </>
  );
}

function SloSection(props: { slo: SloSummary; onEdit?: (definitionId: string) => void }) {
  const { slo, onEdit } = props;
  const definitionId = slo.location?.startsWith('api:') ? slo.location.slice(4) : undefined;
  const title = slo.displayName || slo.name;
  const alertState = slo.alert?.state ?? 'none';
  return (
    <Box component="section" aria-label={`SLO ${title}`} py={1}>
      <Box display="flex" alignItems="center" mb={1}>
        <Box flexGrow={1}>
          <Typography variant="h6" component="h3">
            {title}
          </Typography>
          {slo.description && (
            <Typography variant="caption" color="textSecondary">
              {slo.description}
            </Typography>
          )}
        </Box>
        <SloStatusChip status={slo.status} />
        <AlertStateChip state={alertState} />
        {onEdit && definitionId && (
          <Button size="small" onClick={() => onEdit(definitionId)} aria-label={`Edit SLO ${title}`}>
            Edit
          </Button>
        )}
      </Box>
      {slo.unavailable && <Unavailable unavailable={slo.unavailable} />}
      <Grid container spacing={2} alignItems="center">
        <Grid item xs={12} sm={7}>
          <Typography variant="body2">
            Objective: <strong>{formatPercent(slo.target, 3)}</strong> over{' '}
            {slo.window || `${slo.windowDays}d`}
            {slo.budgetingMethod && slo.budgetingMethod !== 'Occurrences'
              ? ` (${slo.budgetingMethod})`
              : ''}
          </Typography>
          <Typography variant="body2">
            Current SLI:{' '}
            <strong>
              {slo.sli === null ? 'no data' : formatPercent(slo.sli, 3)}
            </strong>
            {slo.totalEvents > 0 &&
              ` (${slo.badEvents.toLocaleString(
                'en-US',
              )} bad of ${slo.totalEvents.toLocaleString('en-US')})`}
          </Typography>
          {alertState !== 'none' && (
            <Typography variant="body2">
              {alertState === 'page' ? (
                <StatusText kind="error">
                  Burning fast enough to page
                </StatusText>
              ) : (
                <StatusText kind="warning">
                  Burning fast enough for a ticket
                </StatusText>
              )}
            </Typography>
          )}
          <Typography variant="caption" color="textSecondary">
            Source: {slo.source}
          </Typography>
        </Grid>
        <Grid item xs={12} sm={5}>
          <Box textAlign="center">
            <ErrorBudgetGauge slo={slo} />
          </Box>
        </Grid>
      </Grid>
      <Box mt={1}>
        <Typography variant="subtitle2" component="h4">
          Error budget over the window
        </Typography>
        <SloBurnDownChart slo={slo} />
      </Box>
      <Box mt={1}>
        <Typography variant="subtitle2" component="h4">
          Burn-rate alerts
        </Typography>
        <AlertRulesTable slo={slo} />
        <BurnRateRow slo={slo} />
      </Box>
    </Box>
  );
}

/** @public */
export interface SloStatusCardProps {
  slos: SloSummary[];
  /** SLO definitions that could not be used, shown so their authors can fix them. */
  problems?: SloDefinitionProblem[];
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
  const { slos, problems = [], entityRef, onChange } = props;
  const { allowed: canManage } = usePermission({
    permission: sreHealthSloManagePermission,
    resourceRef: entityRef,
  });
  const editable = Boolean(entityRef) && canManage;
  const [editor, setEditor] = useState<{ definitionId?: string } | undefined>();
  return (
    <InfoCard
      title="Service level objectives"
      action={
        editable ? (
          <Button size="small" color="primary" variant="outlined" onClick={() => setEditor({})}>
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
      {problems.length > 0 && (
        <Box mb={1}>
          <SloProblemList problems={problems} />
        </Box>
      )}
      {slos.length === 0 ? (
        <SloEmptyState />
      ) : (
        slos.map((slo, index) => (
          <Fragment key={slo.name}>
            {index > 0 && <Divider />}
            <SloSection
              slo={slo}
              onEdit={editable ? definitionId => setEditor({ definitionId }) : undefined}
            />
          </Fragment>
        ))
      )}
    </InfoCard>
  );
}
