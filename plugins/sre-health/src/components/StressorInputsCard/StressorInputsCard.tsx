import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  AlertSummary,
  DEFAULT_DETECTION_THRESHOLDS,
  isAlertDiagnosed,
  isDeferredProblemOverdue,
} from '@internal/backstage-plugin-sre-health-common';
import { ReactNode, useId, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreHealthApiRef } from '../../api';
import { useAnnotationPermissions } from '../../hooks';
import { formatDate, shortRef } from '../../utils/format';
import {
  WriteProblem,
  WriteProblemAlert,
  describeWriteError,
} from '../ActionDialog';
import { StatusText } from '../StatusText';
import {
  AlertDiagnosisDialog,
  ComplaintDialog,
  DeferredProblemDialog,
} from './InputDialogs';

type OpenDialog =
  | { kind: 'deferred' }
  | { kind: 'complaint' }
  | { kind: 'alert'; alert: AlertSummary };

function Section(props: {
  title: string;
  help: string;
  action?: ReactNode;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <Box component="section" aria-labelledby={headingId} mb={2}>
      <Box display="flex" alignItems="center" justifyContent="space-between">
        <Typography variant="subtitle2" component="h3" id={headingId}>
          {props.title}
        </Typography>
        {props.action}
      </Box>
      <Typography variant="caption" color="textSecondary">
        {props.help}
      </Typography>
      {props.children}
    </Box>
  );
}

function Empty(props: { children: ReactNode }) {
  return (
    <Typography variant="body2" color="textSecondary">
      {props.children}
    </Typography>
  );
}

/** @public */
export interface StressorInputsCardProps {
  entityRef: string;
  /** Called after a change, so the tab can reload (e.g. after re-running detection). */
  onChange?: () => void;
}

/**
 * What three of the stressor detectors read, and where SREs record it: alerts that fire
 * without a diagnosis ("alerts nobody can diagnose"), problems deferred to a future
 * release ("the next big thing") and customer complaints ("complaints without an SLO").
 * @public
 */
export function StressorInputsCard(props: StressorInputsCardProps) {
  const { entityRef, onChange } = props;
  const api = useApi(sreHealthApiRef);
  const { canCreate, canUpdate } = useAnnotationPermissions(entityRef);
  const [dialog, setDialog] = useState<OpenDialog | undefined>();
  const [problem, setProblem] = useState<WriteProblem | undefined>();
  const { value, loading, error, retry } = useAsyncRetry(async () => {
    const [alerts, deferred, complaints] = await Promise.all([
      api.listAlerts(entityRef),
      api.listDeferredProblems(entityRef),
      api.listComplaints(entityRef),
    ]);
    return { alerts, deferred, complaints };
  }, [api, entityRef]);

  const done = () => {
    retry();
    onChange?.();
  };
  const closeProblem = async (id: string, version: number) => {
    setProblem(undefined);
    try {
      await api.updateDeferredProblem(id, { version, status: 'closed' });
      done();
    } catch (e) {
      setProblem(describeWriteError(e));
    }
  };

  const recordButton = (kind: 'deferred' | 'complaint') =>
    canCreate && (
      <Button size="small" color="primary" onClick={() => setDialog({ kind })}>
        Record
      </Button>
    );

  const now = new Date();
  const { alertWindowDays, deferredMaxAgeDays } = DEFAULT_DETECTION_THRESHOLDS;

  let body: ReactNode;
  if (!value) {
    body = error ? <ResponseErrorPanel error={error} /> : <Progress />;
  } else {
    const alerts = [...value.alerts].sort((a, b) => b.firings - a.firings);
    const deferred = [...value.deferred].sort(
      (a, b) =>
        Number(b.status === 'open') - Number(a.status === 'open') ||
        a.createdAt.localeCompare(b.createdAt),
    );
    const complaints = [...value.complaints].sort((a, b) =>
      b.receivedAt.localeCompare(a.receivedAt),
    );
    body = (
      <>
        <Section
          title={`Alerts, last ${alertWindowDays} days (${alerts.length})`}
          help="Alerts that fire often with no diagnosis, runbook or owner are kindling: nobody can tell what they mean."
        >
          {alerts.length === 0 ? (
            <Empty>No alert fired.</Empty>
          ) : (
            <List dense disablePadding>
              {alerts.map(alert => {
                const known = isAlertDiagnosed(alert.diagnosis);
                // editing a diagnosis is an update, the first one a create
                const canDiagnose = alert.diagnosis ? canUpdate : canCreate;
                return (
                  <ListItem key={alert.alertName} disableGutters>
                    <ListItemText
                      primary={
                        <>
                          {alert.alertName}{' '}
                          <StatusText kind={known ? 'ok' : 'warning'}>
                            {known
                              ? 'diagnosed'
                              : 'no diagnosis, runbook or owner'}
                          </StatusText>
                        </>
                      }
                      secondary={
                        <>
                          {alert.firings} firings, last{' '}
                          {formatDate(alert.lastFiredAt)}
                          {alert.diagnosis?.diagnosis && (
                            <>
                              {' · '}
                              <span style={{ whiteSpace: 'pre-wrap' }}>
                                {alert.diagnosis.diagnosis}
                              </span>
                            </>
                          )}
                          {alert.diagnosis?.runbookUrl && (
                            <>
                              {' · '}
                              <Link to={alert.diagnosis.runbookUrl}>
                                runbook
                              </Link>
                            </>
                          )}
                          {alert.diagnosis?.ownerRef && (
                            <> · owner {shortRef(alert.diagnosis.ownerRef)}</>
                          )}
                        </>
                      }
                      style={canDiagnose ? { paddingRight: 88 } : undefined}
                    />
                    {canDiagnose && (
                      <ListItemSecondaryAction>
                        <Button
                          size="small"
                          color={known ? 'default' : 'primary'}
                          aria-label={`Diagnose ${alert.alertName}`}
                          onClick={() => setDialog({ kind: 'alert', alert })}
                        >
                          {alert.diagnosis ? 'Edit' : 'Diagnose'}
                        </Button>
                      </ListItemSecondaryAction>
                    )}
                  </ListItem>
                );
              })}
            </List>
          )}
        </Section>
        <Section
          title={`Deferred problems (${
            deferred.filter(p => p.status === 'open').length
          } open)`}
          help={`"The next big thing will fix it": problems left open for a future release; overdue once past their date, or after ${deferredMaxAgeDays} days without one.`}
          action={recordButton('deferred')}
        >
          {deferred.length === 0 ? (
            <Empty>No problem deferred.</Empty>
          ) : (
            <List dense disablePadding>
              {deferred.map(p => {
                const overdue = isDeferredProblemOverdue(
                  p,
                  now,
                  deferredMaxAgeDays,
                );
                return (
                  <ListItem key={p.id} disableGutters>
                    <ListItemText
                      primary={
                        <>
                          {p.title}{' '}
                          {p.status === 'closed' ? (
                            <StatusText kind="ok">closed</StatusText>
                          ) : (
                            overdue && (
                              <StatusText kind="error">overdue</StatusText>
                            )
                          )}
                        </>
                      }
                      secondary={`waiting for ${p.deferredUntil}${
                        p.dueDate ? `, due ${p.dueDate}` : ''
                      } · recorded ${formatDate(p.createdAt)}`}
                      style={canUpdate ? { paddingRight: 72 } : undefined}
                    />
                    {canUpdate && p.status === 'open' && (
                      <ListItemSecondaryAction>
                        <Button
                          size="small"
                          aria-label={`Close ${p.title}`}
                          onClick={() => closeProblem(p.id, p.version)}
                        >
                          Close
                        </Button>
                      </ListItemSecondaryAction>
                    )}
                  </ListItem>
                );
              })}
            </List>
          )}
        </Section>
        <Section
          title={`Customer complaints (${complaints.length})`}
          help="Complaints about a service without an SLO: nobody can say whether the service is doing well enough."
          action={recordButton('complaint')}
        >
          {complaints.length === 0 ? (
            <Empty>No complaint recorded.</Empty>
          ) : (
            <List dense disablePadding>
              {complaints.map(c => (
                <ListItem key={c.id} disableGutters>
                  <ListItemText
                    primary={
                      <span style={{ whiteSpace: 'pre-wrap' }}>
                        {c.summary}
                      </span>
                    }
                    secondary={`${formatDate(c.receivedAt)}${
                      c.source ? ` · ${c.source}` : ''
                    }`}
                  />
                </ListItem>
              ))}
            </List>
          )}
        </Section>
      </>
    );
  }

  return (
    <InfoCard
      title="Alerts, deferred problems and complaints"
      subheader="What the detectors read for three of the stressors"
    >
      {problem && (
        <Box mb={2}>
          <WriteProblemAlert problem={problem} onReload={retry} />
        </Box>
      )}
      {loading && value && <Progress />}
      {body}
      {dialog?.kind === 'deferred' && (
        <DeferredProblemDialog
          entityRef={entityRef}
          onClose={() => setDialog(undefined)}
          onDone={done}
        />
      )}
      {dialog?.kind === 'complaint' && (
        <ComplaintDialog
          entityRef={entityRef}
          onClose={() => setDialog(undefined)}
          onDone={done}
        />
      )}
      {dialog?.kind === 'alert' && (
        <AlertDiagnosisDialog
          entityRef={entityRef}
          alert={dialog.alert}
          onClose={() => setDialog(undefined)}
          onDone={done}
        />
      )}
    </InfoCard>
  );
}
