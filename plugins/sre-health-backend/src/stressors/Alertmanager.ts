import { LoggerService } from '@backstage/backend-plugin-api';
import type { AlertmanagerConfig } from '../config';
import { AlertFiring, AlertFiringStore } from './AlertFiringStore';

export type { AlertmanagerConfig } from '../config';

/**
 * Reads the alerts Alertmanager knows (`GET /api/v2/alerts`) and records each firing
 * against the component named by its entity label. A firing is (alert, startsAt), so
 * polling again never counts the same firing twice. Each poll stores the end Alertmanager
 * projects (`endsAt`); a firing no longer listed was resolved, and ends at this poll.
 * @internal
 */
export async function pollAlertmanager(
  am: AlertmanagerConfig,
  alerts: AlertFiringStore,
  logger: LoggerService,
): Promise<number> {
  // the signal bounds the whole exchange, body included: a server that stalls mid-answer
  // must not hold the detection run
  const signal = AbortSignal.timeout(am.timeoutMs);
  let body: Array<{
    labels?: Record<string, string>;
    startsAt?: string;
    endsAt?: string;
  }>;
  try {
    const res = await fetch(`${am.url}/api/v2/alerts`, { signal });
    if (!res.ok) {
      throw new Error(`Alertmanager answered HTTP ${res.status}`);
    }
    body = await res.json();
  } catch (error) {
    if (signal.aborted) {
      throw new Error(
        `Alertmanager at ${am.url} did not answer within ${am.timeoutMs} ms`,
      );
    }
    throw error;
  }
  const byEntity = new Map<string, AlertFiring[]>();
  for (const alert of body) {
    const name = alert.labels?.alertname;
    const component = alert.labels?.[am.entityLabel];
    const startsAt = alert.startsAt ? new Date(alert.startsAt) : undefined;
    if (!name || !component || !startsAt || Number.isNaN(startsAt.getTime()))
      continue;
    const ref = `component:${am.namespace}/${component}`.toLocaleLowerCase(
      'en-US',
    );
    const endsAt = alert.endsAt ? new Date(alert.endsAt) : undefined;
    byEntity.set(ref, [
      ...(byEntity.get(ref) ?? []),
      {
        alertName: name,
        startsAt,
        ...(endsAt && !Number.isNaN(endsAt.getTime()) ? { endsAt } : {}),
      },
    ]);
  }
  let recorded = 0;
  for (const [ref, firings] of byEntity)
    recorded += await alerts.record(ref, firings, 'alertmanager');
  await alerts.closeUnlisted(
    [...byEntity].flatMap(([entityRef, firings]) =>
      firings.map(f => ({ entityRef, ...f })),
    ),
    new Date(),
  );
  logger.info(
    `Alertmanager: ${body.length} alerts, ${recorded} firings recorded for ${byEntity.size} components`,
  );
  return recorded;
}
