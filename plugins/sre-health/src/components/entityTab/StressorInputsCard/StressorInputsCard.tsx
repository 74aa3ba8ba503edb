import {
  InfoCard,
  Link,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemSecondaryAction from '@material-ui/core/ListItemSecondaryAction';
import ListItemText from '@material-ui/core/ListItemText';
import {
  AlertSummary,
  DEFAULT_DETECTION_THRESHOLDS,
  isAlertDiagnosed,
  isDeferredProblemOverdue,
} from '@sre-health/backstage-plugin-sre-health-common';
import { ReactNode, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreHealthApiRef } from '../../../api';
import { useAnnotationPermissions } from '../../../hooks';
import { formatDate, shortRef } from '../../../utils/format';
import { useWrite } from '../../shared/ActionDialog';
import { StatusText } from '../../shared/StatusText';
import { Disclosure } from '../../shared/Disclosure';
import {
  AlertDiagnosisDialog,
  ComplaintDialog,
  DeferredProblemDialog,
} from './InputDialogs';
import { InputsSummary, Section } from './InputSections';

type OpenDialog =
  | { kind: 'deferred' }
  | { kind: 'complaint' }
  | { kind: 'alert'; alert: AlertSummary };

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
  const { run: write, busy } = useWrite();
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
  const closeProblem = (id: string, version: number, title: string) =>
    write(() => api.updateDeferredProblem(id, { version, status: 'closed' }), {
      success: `Closed: ${title}`,
      onDone: done,
      onConflict: retry,
    });

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
    const undiagnosed = alerts.filter(
      a => !isAlertDiagnosed(a.diagnosis),
    ).length;
    const overdueCount = deferred.filter(p =>
      isDeferredProblemOverdue(p, now, deferredMaxAgeDays),
    ).length;
    body = (
      <>
        <InputsSummary
          undiagnosed={undiagnosed}
          overdue={overdueCount}
          complaints={complaints.length}
        />
        <Disclosure
          label="Show alerts, deferred problems and complaints"
          hideLabel="Hide alerts, deferred problems and complaints"
        >
          <Section
            title={`Alerts, last ${alertWindowDays} days (${alerts.length})`}
            about="alerts"
            help="Alerts that fire often with no diagnosis, runbook or owner are kindling: nobody can tell what they mean."
            empty={
              alerts.length === 0 &&
              '— none fired. Firings come from Alertmanager (sreHealth.alertmanager) or the alert-firings API.'
            }
          >
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
          </Section>
          <Section
            title={`Deferred problems (${
              deferred.filter(p => p.status === 'open').length
            } open)`}
            about="deferred problems"
            help={`"The next big thing will fix it": problems left open for a future release; overdue once past their date, or after ${deferredMaxAgeDays} days without one.`}
            action={recordButton('deferred')}
            empty={
              deferred.length === 0 &&
              '— none recorded. Record a problem when its fix is put off until a future release.'
            }
          >
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
                          disabled={busy}
                          onClick={() => closeProblem(p.id, p.version, p.title)}
                        >
                          Close
                        </Button>
                      </ListItemSecondaryAction>
                    )}
                  </ListItem>
                );
              })}
            </List>
          </Section>
          <Section
            title={`Customer complaints (${complaints.length})`}
            about="customer complaints"
            help="Complaints about a service without an SLO: nobody can say whether the service is doing well enough."
            action={recordButton('complaint')}
            empty={
              complaints.length === 0 &&
              '— none recorded. Record what customers report, with its ticket.'
            }
          >
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
          </Section>
        </Disclosure>
      </>
    );
  }

  return (
    <InfoCard title="Alerts, deferred problems and complaints">
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
