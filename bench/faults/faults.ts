/* Fault scripts (issue #8): two portal replicas on one PostgreSQL, PostgreSQL restarted under
 * load, data sources that hang. Progress on stderr, a markdown table on stdout.
 * Usage: bench/faults/run.sh [--writers 8] [--writes 200] [--races 10] [--starts 24]
 *          [--window 75] [--interval 0.25] [--outage 5] [--connect-timeout MS]
 *          [--acquire-timeout MS] [--client-timeout 90] [--keep]
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import knexFactory from 'knex';
import {
  Answer,
  Cluster,
  Replica,
  call,
  hangRepository,
  hangingServer,
  log,
  sleep,
} from './cluster';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}
const opts = {
  writers: arg('writers', 8),
  writes: arg('writes', 200),
  races: arg('races', 10),
  starts: arg('starts', 24),
  window: arg('window', 75),
  interval: arg('interval', 0.25),
  outage: arg('outage', 5),
  /** pg's connectionTimeoutMillis for the replicas; 0 = the driver's default (none). */
  connectTimeout: arg('connect-timeout', 0),
  /** knex's acquireConnectionTimeout for the replicas (ms); 0 = knex's default (60 s). */
  acquireTimeout: arg('acquire-timeout', 0),
  /** How long a client waits for an answer in the restart scenario. */
  clientTimeout: arg('client-timeout', 90),
  keep: process.argv.includes('--keep'),
};
const PG_PORT = 5433;
const PORTS = [7207, 7208];
const PROMETHEUS_PORT = 7209;
const ALERTMANAGER_PORT = 7210;
const SOURCE_TIMEOUT_MS = 2000;
const GIT_TIMEOUT_S = 3;
const SERVICE = 'component:default/payments-api';

interface Row {
  scenario: string;
  requests: number;
  acknowledged: number | string;
  lost: number | string;
  s5xx: number;
  s503: number;
  result: string;
  pass: boolean;
}
const rows: Row[] = [];
const notes: string[] = [];

function tally(answers: Answer[]) {
  return {
    requests: answers.length,
    s5xx: answers.filter(a => a.status >= 500).length,
    s503: answers.filter(a => a.status === 503).length,
    statuses: histogram(answers.map(a => a.status)),
  };
}
function histogram(values: number[]): string {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([k, n]) => `${k === 0 ? 'no answer' : k}×${n}`)
    .join(', ');
}

/** Runs `tasks` with at most `n` at a time. */
async function pool<T>(
  n: number,
  count: number,
  task: (i: number) => Promise<T>,
): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < count) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

const fireBody = (title: string) => ({
  entityRef: SERVICE,
  title,
  occurredAt: new Date().toISOString(),
});

/** Every acknowledged id read back through `via`; returns the ids not found. */
async function missing(
  via: Replica,
  path: string,
  ids: string[],
): Promise<string[]> {
  const lost: string[] = [];
  await pool(8, ids.length, async i => {
    const a = await call(via, 'GET', `/${path}/${ids[i]}`);
    if (a.status !== 200) lost.push(`${ids[i]} (${a.status})`);
  });
  return lost;
}

// a. concurrent writes through both replicas; versioned-update races
async function concurrentWrites(replicas: Replica[]) {
  log(
    `a. ${opts.writes} fire creations by ${opts.writers} writers across both replicas`,
  );
  const acked: Array<{ id: string; by: number }> = [];
  const creates = await pool(opts.writers, opts.writes, async i => {
    const by = i % 2;
    const a = await call(
      replicas[by],
      'POST',
      '/fires',
      fireBody(`fault-a ${i}`),
    );
    if (a.status === 201) acked.push({ id: a.body.id, by });
    return a;
  });
  // each acknowledged write read back through the other replica
  const lost = [
    ...(await missing(
      replicas[1],
      'fires',
      acked.filter(x => x.by === 0).map(x => x.id),
    )),
    ...(await missing(
      replicas[0],
      'fires',
      acked.filter(x => x.by === 1).map(x => x.id),
    )),
  ];
  const t = tally(creates);
  rows.push({
    scenario: 'a1. concurrent creates via both replicas',
    requests: t.requests,
    acknowledged: acked.length,
    lost: lost.length,
    s5xx: t.s5xx,
    s503: t.s503,
    result: `${t.statuses}; all read back via the other replica: ${
      lost.length === 0 ? 'yes' : lost.slice(0, 3).join(' ')
    }`,
    pass: lost.length === 0 && t.s5xx === 0 && acked.length === opts.writes,
  });

  log(
    `a. ${opts.races} versioned-update races (${opts.writers} updates of one version each)`,
  );
  const raceAnswers: Answer[] = [];
  let oneWinner = 0;
  let winnersKept = 0;
  for (let r = 0; r < opts.races; r++) {
    const fire = acked[r % acked.length];
    const current = await call(replicas[0], 'GET', `/fires/${fire.id}`);
    const version = current.body.version;
    const answers = await Promise.all(
      Array.from({ length: opts.writers }, (_, k) =>
        call(replicas[k % 2], 'PATCH', `/fires/${fire.id}`, {
          version,
          rationale: `race ${r} writer ${k}`,
        }),
      ),
    );
    raceAnswers.push(...answers);
    const winners = answers.filter(a => a.status === 200);
    const losers = answers.filter(a => a.status === 409);
    if (winners.length === 1 && losers.length === answers.length - 1)
      oneWinner++;
    // the stored record is the winner's, read through the other replica
    const after = await call(replicas[1], 'GET', `/fires/${fire.id}`);
    if (
      winners.length === 1 &&
      after.body.rationale === winners[0].body.rationale &&
      after.body.version === version + 1
    ) {
      winnersKept++;
    }
  }
  const rt = tally(raceAnswers);
  rows.push({
    scenario: 'a2. versioned-update races via both replicas',
    requests: rt.requests,
    acknowledged: raceAnswers.filter(a => a.status === 200).length,
    lost: opts.races - winnersKept,
    s5xx: rt.s5xx,
    s503: rt.s503,
    result: `${rt.statuses}; exactly one winner in ${oneWinner}/${opts.races} races, winner's value stored in ${winnersKept}/${opts.races}`,
    pass:
      oneWinner === opts.races && winnersKept === opts.races && rt.s5xx === 0,
  });
}

/**
 * a3. The tab's read is cached per entity on each replica (EntityHealthCache): a write
 * through one replica must show on the other's next read, its cached answer notwithstanding.
 */
async function tabReadsAcrossReplicas(replicas: Replica[]) {
  const rounds = 20;
  log(`a. ${rounds} writes, each read back in the other replica's cached tab`);
  const health = `/entities/${SERVICE.replace(':', '/')}/health`;
  const answers: Answer[] = [];
  const lost: string[] = [];
  for (let r = 0; r < rounds; r++) {
    const [writer, reader] = r % 2 ? [replicas[1], replicas[0]] : replicas;
    // The reader's cache holds the tab from before the write.
    answers.push(await call(reader, 'GET', health));
    const created = await call(
      writer,
      'POST',
      '/fires',
      fireBody(`fault-a3 ${r}`),
    );
    answers.push(created);
    const after = await call(reader, 'GET', health);
    answers.push(after);
    const ids = (after.body?.fires ?? []).map((f: { id: string }) => f.id);
    if (created.status !== 201 || !ids.includes(created.body.id)) {
      lost.push(`round ${r}: ${created.status} ${after.status}`);
    }
  }
  const t = tally(answers);
  rows.push({
    scenario: 'a3. tab read after a write through the other replica',
    requests: t.requests,
    acknowledged: rounds - lost.length,
    lost: lost.length,
    s5xx: t.s5xx,
    s503: t.s503,
    result: `${t.statuses}; every write in the other replica's next tab read: ${
      lost.length === 0 ? 'yes' : lost.slice(0, 3).join('; ')
    }`,
    pass: lost.length === 0 && t.s5xx === 0,
  });
}

// b. the one-SRE rule across replicas
async function oneSre(replicas: Replica[]) {
  const teamRef = 'group:default/identity-team';
  log(
    `b. ${opts.starts} concurrent engagement starts for ${teamRef} across both replicas`,
  );
  const answers = await Promise.all(
    Array.from({ length: opts.starts }, (_, k) =>
      call(replicas[k % 2], 'POST', '/engagements/start', {
        teamRef,
        sreRef:
          k % 3 === 0
            ? 'user:default/alice'
            : k % 3 === 1
            ? 'user:default/bob'
            : 'user:default/guest',
        situation: 'small-team-critical-service',
        goals: `fault-b ${k}`,
        plannedEndDate: new Date(Date.now() + 60 * 86_400_000)
          .toISOString()
          .slice(0, 10),
        // the team's one seat is what this tests, not the SRE's other engagements
        concurrentReason: 'fault drill',
      }),
    ),
  );
  const created = answers.filter(a => a.status === 201);
  const conflicts = answers.filter(a => a.status === 409);
  const history = await call(
    replicas[1],
    'GET',
    `/engagement-records?teamRef=${encodeURIComponent(teamRef)}`,
  );
  const stored = Array.isArray(history.body) ? history.body.length : -1;
  const t = tally(answers);
  rows.push({
    scenario: 'b. one SRE per team: concurrent starts',
    requests: t.requests,
    acknowledged: created.length,
    lost: created.length === 1 && stored === 1 ? 0 : `stored ${stored}`,
    s5xx: t.s5xx,
    s503: t.s503,
    result: `${t.statuses}; engagements stored for the team: ${stored}${
      conflicts[0]
        ? `; 409 says: "${String(conflicts[0].body?.error?.message).slice(
            0,
            90,
          )}…"`
        : ''
    }`,
    pass:
      created.length === 1 &&
      conflicts.length === opts.starts - 1 &&
      stored === 1,
  });
  if (history.status !== 200)
    notes.push(
      `b. engagement history read answered ${history.status}: ${JSON.stringify(
        history.body,
      ).slice(0, 200)}`,
    );
}

/** Lines of a replica's log that match `pattern`, with their timestamps. */
function logLines(
  replica: Replica,
  pattern: RegExp,
): Array<{ at: number; line: string }> {
  return readFileSync(replica.logFile, 'utf8')
    .replace(/\x1b\[[0-9;]*m/g, '')
    .split('\n')
    .filter(l => pattern.test(l))
    .map(line => ({ at: Date.parse(line.slice(0, 24)), line }))
    .filter(e => !Number.isNaN(e.at));
}
function logTimes(replica: Replica, pattern: RegExp): number[] {
  return logLines(replica, pattern).map(e => e.at);
}

// c. scheduled jobs once per interval across replicas
async function scheduledOnce(
  replicas: Replica[],
  cluster: Cluster,
  since: number,
) {
  const windowEnd = since + opts.window * 1000;
  if (Date.now() < windowEnd) {
    log(
      `c. watching the scheduled tasks until ${opts.window} s after start-up`,
    );
    await sleep(windowEnd - Date.now());
  }
  const intervalMs = opts.interval * 60_000;
  const db = knexFactory({
    client: 'pg',
    connection: cluster.connection('backstage_plugin_sre-health'),
  });
  const query = async (sql: string, bindings: any[] = []): Promise<any[]> =>
    (await db.raw(sql, bindings)).rows;
  try {
    const runs = (
      await query(
        `select started_at from detection_runs where trigger = 'schedule' and started_at >= ? order by started_at`,
        [new Date(since)],
      )
    ).map((r): number => new Date(r.started_at).getTime());
    const detectionGaps = runs.slice(1).map((t, i) => t - runs[i]);
    const detectionByReplica = replicas.map(
      r =>
        logTimes(r, /Stressor detection: (\d+)\/\1 entities/).filter(
          t => t >= since,
        ).length,
    );
    // the line is logged at the end of a sync and names its duration: its start is the earlier
    const scorecard = replicas.map(r =>
      logLines(r, /Scorecard sync:/)
        .map(e => e.at - Number(/in (\d+) ms/.exec(e.line)?.[1] ?? 0))
        .filter(t => t >= since),
    );
    const allScorecard = scorecard.flat().sort((a, b) => a - b);
    const scorecardGaps = allScorecard
      .slice(1)
      .map((t, i) => t - allScorecard[i]);
    const today = new Date().toISOString().slice(0, 10);
    const snapshotDays = Number(
      (
        await query(
          `select count(*) as n from scorecard_snapshot_days where day = ?`,
          [today],
        )
      )[0].n,
    );
    // one org-wide row per stressor key and day
    const [org] = await query(
      `select count(*) as n, count(distinct stressor_key) as keys from scorecard_snapshots where day = ? and group_ref = '*'`,
      [today],
    );
    const snapshotLogs = replicas.map(
      r =>
        logTimes(r, new RegExp(`Scorecard snapshot of ${today} taken`)).length,
    );
    const tasks = await query(
      `select id, next_run_start_at from backstage_backend_tasks__tasks where id like 'sre-health%' order by id`,
    );
    notes.push(
      `c. scheduler table: ${tasks
        .map(
          t =>
            `${t.id} next at ${new Date(t.next_run_start_at)
              .toISOString()
              .slice(11, 19)}`,
        )
        .join('; ')}`,
    );
    const minGap = (gaps: number[]) =>
      gaps.length ? `${(Math.min(...gaps) / 1000).toFixed(1)} s` : 'n/a';
    const observed = (Date.now() - since) / 1000;
    const expected = Math.floor(observed / (intervalMs / 1000));
    const overlapping = (gaps: number[]) =>
      gaps.filter(g => g < intervalMs * 0.9).length;
    rows.push({
      scenario: `c1. stressor detection every ${
        opts.interval * 60
      } s, 2 replicas`,
      requests: 0,
      acknowledged: '-',
      lost: '-',
      s5xx: 0,
      s503: 0,
      result: `${runs.length} runs in ${observed.toFixed(0)} s (at most ~${
        expected + 1
      } expected); per replica ${detectionByReplica.join(
        ' + ',
      )}; shortest gap ${minGap(detectionGaps)}`,
      pass:
        runs.length >= 1 &&
        runs.length <= expected + 1 &&
        overlapping(detectionGaps) === 0,
    });
    rows.push({
      scenario: `c2. scorecard sync every ${opts.interval * 60} s, 2 replicas`,
      requests: 0,
      acknowledged: '-',
      lost: '-',
      s5xx: 0,
      s503: 0,
      result: `${allScorecard.length} runs (per replica ${scorecard
        .map(s => s.length)
        .join(' + ')}); shortest gap ${minGap(scorecardGaps)}`,
      pass:
        allScorecard.length >= 1 &&
        allScorecard.length <= expected + 1 &&
        overlapping(scorecardGaps) === 0,
    });
    rows.push({
      scenario: 'c3. daily scorecard snapshot, 2 replicas',
      requests: 0,
      acknowledged: '-',
      lost: '-',
      s5xx: 0,
      s503: 0,
      result: `snapshot days for ${today}: ${snapshotDays}; org rows ${
        org.n
      } for ${
        org.keys
      } stressor keys; "snapshot taken" logged ${snapshotLogs.join(
        ' + ',
      )} times`,
      pass:
        snapshotDays === 1 &&
        Number(org.n) === Number(org.keys) &&
        snapshotLogs.reduce((a, b) => a + b, 0) === 1,
    });
  } finally {
    await db.destroy();
  }
}

// c4. notifications once per episode across replicas (issue #18 part 4): both replicas run
// detection and the scorecard sync; each episode is told once, whichever replica saw it
async function notifiedOnce(replicas: Replica[], cluster: Cluster) {
  const db = knexFactory({
    client: 'pg',
    connection: cluster.connection('backstage_plugin_sre-health'),
  });
  try {
    const episodes: Array<{
      kind: string;
      subject_ref: string;
      episode_key: string;
      notified_at: Date | null;
    }> = (
      await db.raw(
        `select kind, subject_ref, episode_key, notified_at from notification_episodes`,
      )
    ).rows;
    const runs = Number(
      (
        await db.raw(
          `select count(*) as n from detection_runs where trigger = 'schedule'`,
        )
      ).rows[0].n,
    );
    const key = (kind: string, subject: string, k: string) =>
      `${kind} ${subject} ${k}`;
    const expected = new Map<string, number>();
    for (const e of episodes.filter(x => x.notified_at)) {
      const k = key(e.kind, e.subject_ref, e.episode_key);
      expected.set(k, (expected.get(k) ?? 0) + 1);
    }
    // "Notified <recipient> of <kind> on <subject> (<key>)", one line per send
    const sent = new Map<string, number>();
    const perReplica = replicas.map(r => {
      const lines = logLines(r, /Notified \S+ of \S+ on \S+ \(/);
      for (const { line } of lines) {
        const m = /Notified \S+ of (\S+) on (\S+) \((.*?)\)/.exec(line);
        if (!m) continue;
        const k = key(m[1], m[2], m[3]);
        sent.set(k, (sent.get(k) ?? 0) + 1);
      }
      return lines.length;
    });
    const repeated = [...sent].filter(([k, n]) => n > (expected.get(k) ?? 0));
    const unsent = [...expected].filter(([k, n]) => (sent.get(k) ?? 0) < n);
    const kinds = [...new Set(episodes.map(e => e.kind))].sort();
    rows.push({
      scenario: 'c4. notifications once per episode, 2 replicas',
      requests: 0,
      acknowledged: '-',
      lost: '-',
      s5xx: 0,
      s503: 0,
      result: `${episodes.length} episodes (${kinds.join(
        ', ',
      )}) over ${runs} detection runs; sends logged ${perReplica.join(
        ' + ',
      )}; told more than once: ${repeated.length}; notified but not logged: ${
        unsent.length
      }`,
      pass:
        runs >= 2 &&
        episodes.length > 0 &&
        repeated.length === 0 &&
        unsent.length === 0,
    });
    for (const [k, n] of repeated) notes.push(`c4. told ${n} times: ${k}`);
  } finally {
    await db.destroy();
  }
}

// d. PostgreSQL restarted under load
async function restartUnderLoad(replicas: Replica[], cluster: Cluster) {
  const [a, b] = replicas;
  log(
    `d. writer + reader loops on ${a.name}; PostgreSQL stopped for ${opts.outage} s`,
  );
  type Sample = Answer & { at: number; kind: 'write' | 'read' };
  const samples: Sample[] = [];
  const acked: string[] = [];
  let stop = false;
  let n = 0;
  const writer = async () => {
    while (!stop) {
      const at = Date.now();
      const ans = await call(
        a,
        'POST',
        '/fires',
        fireBody(`fault-d ${n++}`),
        opts.clientTimeout * 1000,
      );
      samples.push({ ...ans, at, kind: 'write' });
      if (ans.status === 201) acked.push(ans.body.id);
      if (ans.status !== 201) await sleep(100);
    }
  };
  const reader = async () => {
    while (!stop) {
      const at = Date.now();
      const ans = await call(
        a,
        'GET',
        `/fires?entityRef=${encodeURIComponent(SERVICE)}`,
        undefined,
        opts.clientTimeout * 1000,
      );
      samples.push({ ...ans, at, kind: 'read' });
      await sleep(ans.status === 200 ? 20 : 100);
    }
  };
  const loops = [writer(), writer(), reader()];
  await sleep(3000);
  const down = Date.now();
  cluster.stop();
  log('d. PostgreSQL stopped');
  await sleep(opts.outage * 1000);
  const startAt = Date.now();
  cluster.start();
  const up = Date.now();
  log(`d. PostgreSQL started again (pg_ctl start took ${up - startAt} ms)`);
  // run until writes have succeeded again for a while (or give up after 60 s)
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const okAfter = samples.filter(s => s.at > up && s.status === 201);
    if (okAfter.length > 0 && Date.now() - okAfter[0].at > 3000) break;
    await sleep(200);
  }
  stop = true;
  await Promise.all(loops);

  const during = samples.filter(s => s.at >= down && s.at < up);
  const firstOk = (kind: 'write' | 'read', ok: number) =>
    samples
      .filter(s => s.kind === kind && s.at >= up && s.status === ok)
      .map(s => s.at + s.ms)[0];
  const writeBack = firstOk('write', 201);
  const readBack = firstOk('read', 200);
  const errorsAfterRecovery = samples.filter(
    s => writeBack && s.at > writeBack + 1000 && s.status >= 500,
  ).length;
  const lost = await missing(b, 'fires', acked);
  const t = tally(samples);
  const dt = tally(during);
  const non503 = samples.filter(s => s.status >= 500 && s.status !== 503);
  const example503 = samples.find(s => s.status === 503);
  const slowest = samples.reduce((m, x) => (x.ms > m.ms ? x : m), samples[0]);
  rows.push({
    scenario: `d. PostgreSQL down ${opts.outage} s under load (${a.name})`,
    requests: t.requests,
    acknowledged: acked.length,
    lost: lost.length,
    s5xx: t.s5xx,
    s503: t.s503,
    result: `while down: ${dt.statuses || 'no requests'}; all: ${
      t.statuses
    }; reads back ${
      readBack ? `${((readBack - up) / 1000).toFixed(1)} s` : 'never'
    } and writes back ${
      writeBack ? `${((writeBack - up) / 1000).toFixed(1)} s` : 'never'
    } after PostgreSQL accepted connections again; slowest answer ${(
      slowest.ms / 1000
    ).toFixed(1)} s (${slowest.status || 'none'}, ${slowest.kind} sent ${(
      (slowest.at - down) /
      1000
    ).toFixed(1)} s after the stop)`,
    pass:
      lost.length === 0 &&
      non503.length === 0 &&
      dt.s503 > 0 &&
      !!writeBack &&
      errorsAfterRecovery === 0,
  });
  if (example503) {
    notes.push(
      `d. a 503 body: ${JSON.stringify(
        example503.body?.error?.message,
      )}; non-503 5xx: ${
        non503.length
          ? histogram(non503.map(s => s.status)) +
            ' e.g. ' +
            JSON.stringify(non503[0].body).slice(0, 300)
          : 'none'
      }`,
    );
  }
  const silent = samples.filter(s => s.status === 0);
  if (silent.length) {
    notes.push(
      `d. ${silent.length} requests got no HTTP answer: ${silent
        .map(
          s =>
            `${s.kind} sent ${((s.at - down) / 1000).toFixed(
              1,
            )} s after the stop, gave up after ${(s.ms / 1000).toFixed(
              1,
            )} s: ${String(s.body).slice(0, 120)}`,
        )
        .join('; ')}`,
    );
  }
  const unauth = samples.filter(s => s.status === 401 || s.status === 403);
  if (unauth.length)
    notes.push(
      `d. ${unauth.length} answers were 401/403, e.g. ${JSON.stringify(
        unauth[0].body,
      ).slice(0, 200)}`,
    );
}

// e. data sources that hang
async function hangingSources(replicas: Replica[], repoDir: string) {
  const [a] = replicas;
  log('e. Prometheus that hangs: the search-api tab');
  const tab = await call(
    a,
    'GET',
    '/entities/component/default/search-api/health',
  );
  // the tab shows "source unavailable: <reason>" for an SLO whose summary carries `unavailable`
  const slos: any[] = Array.isArray(tab.body?.slos) ? tab.body.slos : [];
  const unavailable = slos
    .filter(x => x.unavailable?.reason)
    .map(
      x =>
        `SLO ${x.name ?? x.slo ?? '?'}: ${x.status}, source unavailable: ${
          x.unavailable.reason
        }`,
    );
  const sections = [
    'slos',
    'stressors',
    'knowledgeSilo',
    'fires',
    'postmortems',
    'engagement',
  ];
  const present = sections.filter(s => tab.body && s in tab.body);
  rows.push({
    scenario: `e1. Prometheus hangs (timeout ${SOURCE_TIMEOUT_MS} ms)`,
    requests: 1,
    acknowledged: '-',
    lost: '-',
    s5xx: tab.status >= 500 ? 1 : 0,
    s503: tab.status === 503 ? 1 : 0,
    result: `tab ${tab.status} in ${(tab.ms / 1000).toFixed(1)} s; ${
      unavailable[0] ?? `no SLO marked unavailable (${slos.length} SLOs)`
    }; sections present: ${present.join(', ')}`,
    pass:
      tab.status === 200 &&
      unavailable.some(u => /did not answer within/.test(u)) &&
      tab.ms < SOURCE_TIMEOUT_MS + 3000 &&
      present.length === sections.length,
  });

  log('e. Alertmanager that hangs: the scheduled detection run');
  const amLines = replicas.flatMap(r =>
    readFileSync(r.logFile, 'utf8')
      .split('\n')
      .filter(l => /Alertmanager unavailable/.test(l)),
  );
  const detectionDone = replicas.flatMap(r =>
    logTimes(r, /Stressor detection: (\d+)\/\1 entities/),
  ).length;
  rows.push({
    scenario: `e2. Alertmanager hangs (timeout ${SOURCE_TIMEOUT_MS} ms)`,
    requests: 0,
    acknowledged: '-',
    lost: '-',
    s5xx: 0,
    s503: 0,
    result: `${amLines.length} polls gave up: "${(amLines[0] ?? '')
      .replace(/^.*?Alertmanager unavailable/, 'Alertmanager unavailable')
      .slice(0, 110)}"; detection runs completed anyway: ${detectionDone}`,
    pass: amLines.length > 0 && detectionDone > 0,
  });

  log('e. git repository that hangs: analysis of ledger-service');
  const ref = 'component/default/ledger-service';
  const before = await call(a, 'GET', `/knowledge/${ref}`);
  const restore = hangRepository(repoDir);
  try {
    const analyze = await call(
      a,
      'POST',
      `/knowledge/${ref}/analyze`,
      undefined,
      60_000,
    );
    const tf = analyze.body?.truckFactor;
    const page = await call(a, 'GET', `/entities/${ref}/health`);
    const knowledge = await call(a, 'GET', `/knowledge/${ref}`);
    rows.push({
      scenario: `e3. git repository hangs (timeout ${GIT_TIMEOUT_S} s)`,
      requests: 3,
      acknowledged: '-',
      lost: '-',
      s5xx: [analyze, page, knowledge].filter(x => x.status >= 500).length,
      s503: [analyze, page, knowledge].filter(x => x.status === 503).length,
      result: `analyze ${analyze.status} in ${(analyze.ms / 1000).toFixed(
        1,
      )} s: truck factor ${tf?.status} "${tf?.reason ?? ''}" (was ${
        before.body?.truckFactor?.status
      }); tab ${page.status}, knowledge ${knowledge.status}`,
      pass:
        analyze.status === 200 &&
        tf?.status !== 'ok' &&
        /timed out/.test(tf?.reason ?? '') &&
        analyze.ms < GIT_TIMEOUT_S * 1000 + 5000 &&
        page.status === 200 &&
        knowledge.status === 200,
    });
    if (!tf)
      notes.push(
        `e3. analyze answered ${JSON.stringify(analyze.body).slice(0, 300)}`,
      );
  } finally {
    restore();
  }
}

function replicaConfig(port: number, work: string): string {
  return `# generated by bench/faults/faults.ts
backend:
  baseUrl: http://localhost:${port}
  listen: { port: ${port} }
  database:
    client: pg
    connection: { host: 127.0.0.1, port: ${PG_PORT}, user: postgres${
    opts.connectTimeout
      ? `, connectionTimeoutMillis: ${opts.connectTimeout}`
      : ''
  } }
${
  opts.acquireTimeout
    ? `    knexConfig: { acquireConnectionTimeout: ${opts.acquireTimeout} }\n`
    : ''
}sreHealth:
  demoData: true
  detection: { intervalMinutes: ${opts.interval} }
  scorecard: { intervalMinutes: ${opts.interval} }
  dataSources:
    - name: demo-prometheus
      type: prometheus
      url: http://127.0.0.1:${PROMETHEUS_PORT}
      timeoutMs: ${SOURCE_TIMEOUT_MS}
  alertmanager:
    url: http://127.0.0.1:${ALERTMANAGER_PORT}
    timeoutMs: ${SOURCE_TIMEOUT_MS}
  knowledge:
    onDemandTimeoutSeconds: ${GIT_TIMEOUT_S}
    repositories:
      - entityRef: component:default/ledger-service
        path: ${join(work, 'repos/ledger-service')}
      - entityRef: component:default/payments-api
        path: ${join(work, 'repos/payments-api')}
    localRoots: [${join(work, 'repos')}]
`;
}

async function main() {
  const work = join(tmpdir(), `sre-health-faults-${process.pid}`);
  mkdirSync(work, { recursive: true });
  const cluster = new Cluster(join(work, 'pg'), PG_PORT);
  const replicas = PORTS.map((port, i) => {
    const file = join(work, `replica-${i + 1}.yaml`);
    writeFileSync(file, replicaConfig(port, work));
    return new Replica(`replica-${i + 1}`, port, file, work);
  });
  const servers: Array<{ close(): Promise<void> }> = [];
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    log('cleaning up');
    await Promise.all(replicas.map(r => r.stop()));
    await Promise.all(servers.map(s => s.close()));
    if (cluster.running()) cluster.stop();
    if (!opts.keep) rmSync(work, { recursive: true, force: true });
    else log(`kept ${work}`);
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => cleanup().finally(() => process.exit(130)));
  }

  try {
    log(`throwaway PostgreSQL 15 cluster on ${PG_PORT} in ${cluster.dir}`);
    cluster.init();
    cluster.start();
    servers.push(
      await hangingServer(PROMETHEUS_PORT),
      await hangingServer(ALERTMANAGER_PORT),
    );
    // one after the other: the first creates the plugin databases and runs the migrations
    for (const r of replicas) {
      log(`starting ${r.name} on :${r.port} (log ${r.logFile})`);
      const t = Date.now();
      r.start();
      await r.waitReady(240_000);
      log(`${r.name} ready in ${((Date.now() - t) / 1000).toFixed(0)} s`);
    }
    const since = Date.now();
    for (const r of replicas) await r.signIn();
    // the catalog must have ingested the demo org before writes can resolve entities
    for (let i = 0; ; i++) {
      const ok = await Promise.all(
        replicas.map(r =>
          call(
            r,
            'GET',
            '/entities/component/default/payments-api/health',
          ).then(x => x.status === 200),
        ),
      );
      if (ok.every(Boolean)) break;
      if (i > 120)
        throw new Error(
          'the catalog did not ingest the demo organisation in 2 minutes',
        );
      await sleep(1000);
    }

    await concurrentWrites(replicas);
    await tabReadsAcrossReplicas(replicas);
    await oneSre(replicas);
    await scheduledOnce(replicas, cluster, since);
    await notifiedOnce(replicas, cluster);
    await hangingSources(replicas, join(work, 'repos/ledger-service'));
    await restartUnderLoad(replicas, cluster);
  } catch (error) {
    notes.push(`run aborted: ${(error as Error).stack ?? error}`);
    process.exitCode = 1;
  } finally {
    await cleanup();
  }

  const passed = rows.filter(r => r.pass).length;
  console.log(`## Fault scripts (${new Date().toISOString().slice(0, 16)}Z)\n`);
  console.log(
    `two replicas (:${PORTS.join(
      ', :',
    )}) on a throwaway PostgreSQL 15 (:${PG_PORT}); writers ${
      opts.writers
    }, writes ${opts.writes}, races ${opts.races}, starts ${
      opts.starts
    }, task interval ${opts.interval} min, outage ${
      opts.outage
    } s, pg connect timeout ${
      opts.connectTimeout || 'none (driver default)'
    }, knex acquire timeout ${opts.acquireTimeout || '60000 (default)'}\n`,
  );
  console.log(
    '| scenario | requests | acknowledged writes | lost writes | 5xx | 503s | result | pass |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- | --- |');
  for (const r of rows) {
    console.log(
      `| ${r.scenario} | ${r.requests} | ${r.acknowledged} | ${r.lost} | ${
        r.s5xx
      } | ${r.s503} | ${r.result.replace(/\|/g, '\\|')} | ${
        r.pass ? 'yes' : '**NO**'
      } |`,
    );
  }
  console.log(`\n${passed}/${rows.length} scenarios pass.`);
  if (notes.length) console.log(`\n${notes.map(n => `- ${n}`).join('\n')}`);
  if (passed < rows.length) process.exitCode = 1;
}

main();
