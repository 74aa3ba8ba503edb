/*
 * Mixed load: 90% tab reads, 10% writes through the real API as the guest SRE, spread over
 * the demo services. Writes create fires and update fires with the version last
 * acknowledged for them; two connections updating the same fire race, and the loser's 409
 * is the API working, so it is counted apart from errors. Every acknowledged (2xx) write is
 * recorded and read back afterwards.
 */
import autocannon from 'autocannon';
import { log, type Portal } from './portal';
import { TAB_LIST_LIMITS } from '@sre-health/backstage-plugin-sre-health-common';

const ENTITIES = [
  'component:default/payments-api',
  'component:default/ledger-service',
  'component:default/search-api',
  'component:default/search-indexer',
  'component:default/auth-service',
  'component:default/user-profile',
  'component:default/alert-router',
];

export interface MixedResult {
  db: string;
  requests: number;
  reads: number;
  creates: number;
  updates: number;
  conflicts: number;
  status5xx: number;
  otherNon2xx: number;
  errors: number;
  latency: autocannon.Histogram;
  acknowledged: number;
  /** Distinct fires the acknowledged writes left (updates collapse into their fire). */
  fires: number;
  readBack: number;
  lost: number;
  lostExamples: string[];
}

/** What the tab read of an entity says about its fires. */
interface TabFires {
  ids: Set<string>;
  /** The list is cut at TAB_LIST_LIMITS.fires: older fires are counted, not listed. */
  full: boolean;
  oldest: string;
  total: number;
}

interface AckedFire {
  entityRef: string;
  version: number;
  title: string;
}

const tabPath = (ref: string) => {
  const [kind, rest] = ref.split(':');
  return `/api/sre-health/entities/${kind}/${rest}/health`;
};
const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];

export async function runMixed(
  portal: Portal,
  options: { connections: number; duration: number; writeShare?: number },
): Promise<MixedResult> {
  const writeShare = options.writeShare ?? 0.1;
  // A fresh object per request: autocannon writes Content-Length into the one it is given,
  // and a GET carrying a POST's Content-Length hangs its connection.
  const headersFor = () => ({
    Authorization: `Bearer ${portal.token}`,
    'Content-Type': 'application/json',
  });
  const headers = headersFor();
  const fires = new Map<string, AckedFire>();
  const counts = {
    reads: 0,
    creates: 0,
    updates: 0,
    conflicts: 0,
    s5xx: 0,
    other: 0,
  };
  const otherExamples: string[] = [];
  let seq = 0;
  const readTabs = async () => {
    const tabs = new Map<string, TabFires>();
    for (const ref of ENTITIES) {
      const res = await fetch(`${portal.baseUrl}${tabPath(ref)}`, { headers });
      // a failed read must not pass for a tab with fewer fires
      if (!res.ok) throw new Error(`tab read of ${ref} answered ${res.status}`);
      const health = (await res.json()) as {
        fires?: Array<{ id: string; occurredAt: string }>;
        fireCounts?: Record<string, number>;
      };
      const listed = health.fires ?? [];
      tabs.set(ref, {
        ids: new Set(listed.map(f => f.id)),
        full: listed.length >= TAB_LIST_LIMITS.fires,
        oldest: listed.length ? listed[listed.length - 1].occurredAt : '',
        total: Object.values(health.fireCounts ?? {}).reduce(
          (a, b) => a + b,
          0,
        ),
      });
    }
    return tabs;
  };
  const tabsBefore = await readTabs();

  const result = await autocannon({
    url: portal.baseUrl,
    connections: options.connections,
    duration: options.duration,
    timeout: 10,
    requests: [
      {
        setupRequest(req, context) {
          if (Math.random() >= writeShare) {
            context.op = 'read';
            return {
              ...req,
              method: 'GET',
              path: tabPath(pick(ENTITIES)),
              headers: headersFor(),
              body: undefined,
            };
          }
          const n = ++seq;
          const title = `load ${n}`;
          // Half the writes update a fire already acknowledged, half create one.
          if (fires.size > 0 && Math.random() < 0.5) {
            const id = pick([...fires.keys()]);
            const fire = fires.get(id)!;
            Object.assign(context, {
              op: 'update',
              id,
              title,
              entityRef: fire.entityRef,
            });
            return {
              ...req,
              method: 'PATCH',
              path: `/api/sre-health/fires/${id}`,
              headers: headersFor(),
              body: JSON.stringify({ version: fire.version, title }),
            };
          }
          const entityRef = pick(ENTITIES);
          Object.assign(context, { op: 'create', title, entityRef });
          return {
            ...req,
            method: 'POST',
            path: '/api/sre-health/fires',
            headers: headersFor(),
            body: JSON.stringify({
              entityRef,
              title,
              occurredAt: new Date().toISOString(),
              rationale: 'mixed load benchmark',
            }),
          };
        },
        onResponse(status, body, context) {
          if (status >= 500) counts.s5xx++;
          if (context.op === 'read') {
            if (status === 200) counts.reads++;
            else if (status < 500) record(status, body);
            return;
          }
          if (status === 409 && context.op === 'update') {
            counts.conflicts++;
            return;
          }
          if (status >= 300) {
            if (status < 500) record(status, body);
            return;
          }
          const fire = JSON.parse(body) as {
            id: string;
            version: number;
            title: string;
          };
          if (context.op === 'create') counts.creates++;
          else counts.updates++;
          const known = fires.get(fire.id);
          // Responses of one fire may arrive out of order across connections: keep the newest.
          if (!known || known.version < fire.version) {
            fires.set(fire.id, {
              entityRef: context.entityRef,
              version: fire.version,
              title: fire.title,
            });
          }
        },
      },
    ],
  });

  function record(status: number, body: string) {
    counts.other++;
    if (otherExamples.length < 5)
      otherExamples.push(`${status} ${body.slice(0, 200)}`);
  }
  if (otherExamples.length) {
    log(`unexpected answers: ${otherExamples.join(' | ')}`);
  }

  // Read back every acknowledged write: by id, and through the tab read of its entity,
  // which lists the newest TAB_LIST_LIMITS.fires fires and counts them all.
  let readBack = 0;
  const lostExamples: string[] = [];
  const tabs = await readTabs();
  const created = new Map<string, number>();
  for (const fire of fires.values()) {
    created.set(fire.entityRef, (created.get(fire.entityRef) ?? 0) + 1);
  }
  for (const ref of ENTITIES) {
    // At least: a create whose answer timed out may still have landed.
    const expected = tabsBefore.get(ref)!.total + (created.get(ref) ?? 0);
    if (tabs.get(ref)!.total < expected) {
      lostExamples.push(
        `${ref}: the tab counts ${
          tabs.get(ref)!.total
        } fires, expected ${expected} or more`,
      );
    }
  }
  for (const [id, acked] of fires) {
    const res = await fetch(`${portal.baseUrl}/api/sre-health/fires/${id}`, {
      headers,
    });
    // A later version is fine: an update whose answer timed out may still have landed.
    const stored = res.ok
      ? ((await res.json()) as {
          version: number;
          title: string;
          occurredAt: string;
        })
      : undefined;
    const tab = tabs.get(acked.entityRef)!;
    let problem: string | undefined;
    if (!stored) {
      problem = `fire ${id}: ${res.status} on read back`;
    } else if (
      stored.version < acked.version ||
      (stored.version === acked.version && stored.title !== acked.title)
    ) {
      problem = `fire ${id}: stored v${stored.version} "${stored.title}", acknowledged v${acked.version} "${acked.title}"`;
    } else if (
      !tab.ids.has(id) &&
      !(tab.full && stored.occurredAt <= tab.oldest)
    ) {
      problem = `fire ${id}: missing from the tab read of ${acked.entityRef}`;
    }
    if (problem) {
      if (lostExamples.length < 5) lostExamples.push(problem);
    } else {
      readBack++;
    }
  }
  if (lostExamples.length) {
    log(`lost writes: ${lostExamples.join(' | ')}`);
  }

  const acknowledged = counts.creates + counts.updates;
  return {
    db: portal.db,
    requests: result.requests.total,
    reads: counts.reads,
    creates: counts.creates,
    updates: counts.updates,
    conflicts: counts.conflicts,
    status5xx: counts.s5xx,
    otherNon2xx: counts.other,
    errors: result.errors, // timeouts included
    latency: result.latency,
    acknowledged,
    fires: fires.size,
    readBack,
    lost: fires.size - readBack,
    lostExamples,
  };
}
