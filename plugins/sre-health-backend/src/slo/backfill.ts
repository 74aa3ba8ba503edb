import type { Entity } from '@backstage/catalog-model';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  BackfillFileFormat,
  MAX_BACKFILL_MINUTES,
  SloBackfillResult,
} from '@sre-health/backstage-plugin-sre-health-common';
import { PrometheusClient, PrometheusRejectedQuery } from './PrometheusClient';
import type { SloEventBucket, SloEventStore } from './SloEventStore';
import type { SloService } from './SloService';

const MINUTE = 60_000;
/** Prometheus answers at most 11,000 points per range query. */
const PROMETHEUS_CHUNK_MINUTES = 10_000;
/** Problems listed in one refusal; the rest are counted. */
const MAX_LISTED = 20;

/** A row as read: where it was, and its fields as text or numbers. */
interface Row {
  where: string;
  start: unknown;
  good: unknown;
  total: unknown;
}

/** A JSON value as a row, or the problem of one that is no `{start, good, total}` object. */
function objectRow(value: unknown, where: string): Row | string {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return `${where}: must be an object with start, good and total`;
  }
  return { where, ...value } as Row;
}

/**
 * The rows of a backfill file. CSV: a header naming `start`, `good` and `total` (any order),
 * then one minute a line. JSON Lines: one `{"start", "good", "total"}` object a line. JSON:
 * an array of such objects, named by their index. Empty lines are skipped; lines are
 * numbered from 1 as an editor shows them.
 */
export function readBackfillRows(
  text: string,
  format: BackfillFileFormat,
): { rows: Row[]; problems: string[] } {
  const rows: Row[] = [];
  const problems: string[] = [];
  const take = (row: Row | string) =>
    typeof row === 'string' ? problems.push(row) : rows.push(row);
  if (format === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      return { rows, problems: [`is not JSON: ${(error as Error).message}`] };
    }
    if (!Array.isArray(value)) {
      return {
        rows,
        problems: ['must be a JSON array of {start, good, total} objects'],
      };
    }
    value.forEach((item, i) => take(objectRow(item, `index ${i}`)));
    return { rows, problems };
  }
  const lines = text.split(/\r?\n/);
  if (format === 'ndjson') {
    lines.forEach((line, i) => {
      if (!line.trim()) return;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        problems.push(`line ${i + 1}: is not JSON`);
        return;
      }
      take(objectRow(value, `line ${i + 1}`));
    });
    return { rows, problems };
  }
  const unquote = (v: string) => v.trim().replace(/^"(.*)"$/, '$1');
  const header = (lines[0] ?? '').split(',').map(h => unquote(h).toLowerCase());
  const column = (name: string) => header.indexOf(name);
  const missing = ['start', 'good', 'total'].filter(c => column(c) < 0);
  if (missing.length > 0) {
    return {
      rows,
      problems: [
        `line 1: the header must name start, good and total (missing ${missing.join(
          ', ',
        )})`,
      ],
    };
  }
  lines.slice(1).forEach((line, i) => {
    if (!line.trim()) return;
    const cells = line.split(',').map(unquote);
    if (cells.length !== header.length) {
      problems.push(
        `line ${i + 2}: has ${cells.length} fields, the header ${
          header.length
        }`,
      );
      return;
    }
    const number = (c: string) => (c === '' ? c : Number(c));
    rows.push({
      where: `line ${i + 2}`,
      start: cells[column('start')],
      good: number(cells[column('good')]),
      total: number(cells[column('total')]),
    });
  });
  return { rows, problems };
}

/**
 * Checks rows into buckets: a start with a time zone on a whole minute, not in the future;
 * good and total whole numbers, good ≤ total; each minute once.
 */
export function checkBackfillRows(
  rows: ReadonlyArray<Row>,
  now: number,
): { buckets: SloEventBucket[]; problems: string[] } {
  const problems: string[] = [];
  const seen = new Map<number, string>();
  const buckets: SloEventBucket[] = [];
  if (rows.length > MAX_BACKFILL_MINUTES) {
    problems.push(`more than ${MAX_BACKFILL_MINUTES} minutes in one backfill`);
  }
  for (const row of rows) {
    const { where } = row;
    const start =
      typeof row.start === 'string' &&
      /([zZ]|[+-]\d\d:\d\d)$/.test(row.start.trim())
        ? Date.parse(row.start)
        : NaN;
    if (Number.isNaN(start)) {
      problems.push(
        `${where}: start ${JSON.stringify(
          row.start,
        )} is not a date-time with a time zone (e.g. 2026-11-01T10:00:00Z)`,
      );
      continue;
    }
    if (start % MINUTE !== 0) {
      problems.push(`${where}: start ${row.start} is not on a whole minute`);
    }
    if (start > now + MINUTE) {
      problems.push(`${where}: start ${row.start} is in the future`);
    }
    const earlier = seen.get(start);
    if (earlier) {
      problems.push(`${where}: start ${row.start} appears on ${earlier} too`);
    }
    seen.set(start, where);
    const count = (v: unknown) =>
      typeof v === 'number' && Number.isInteger(v) && v >= 0;
    if (!count(row.good) || !count(row.total)) {
      problems.push(`${where}: good and total must be whole numbers ≥ 0`);
    } else if ((row.good as number) > (row.total as number)) {
      problems.push(
        `${where}: good (${row.good}) exceeds total (${row.total})`,
      );
    }
    buckets.push({
      start: new Date(start),
      good: row.good as number,
      total: row.total as number,
    });
  }
  return { buckets, problems };
}

/** Backfills the minutes of pushed-events SLOs; nothing is written while a row is bad. */
export class SloBackfill {
  constructor(
    private readonly deps: {
      slos: SloService;
      events: SloEventStore;
      clients: ReadonlyMap<string, PrometheusClient>;
      now?: () => number;
    },
  ) {}

  /** From a CSV, JSON or JSON Lines file. */
  async fromFile(
    entity: Entity,
    entityRef: string,
    slo: string,
    format: BackfillFileFormat,
    text: string,
  ): Promise<SloBackfillResult> {
    await this.pushedSlo(entity, entityRef, slo);
    const read = readBackfillRows(text, format);
    const checked = checkBackfillRows(read.rows, this.now());
    return this.write(entityRef, slo, checked.buckets, [
      ...read.problems,
      ...checked.problems,
    ]);
  }

  /**
   * From two range queries at one-minute steps, each giving a minute's count; the sample at
   * t counts the minute that ends at t.
   */
  async fromPrometheus(
    entity: Entity,
    entityRef: string,
    slo: string,
    query: {
      source: string;
      good: string;
      total: string;
      from: string;
      to: string;
    },
  ): Promise<SloBackfillResult> {
    await this.pushedSlo(entity, entityRef, slo);
    const client = this.deps.clients.get(query.source);
    if (!client) {
      throw new InputError(
        `Invalid body: prometheus.source: "${query.source}" is not a data source of sreHealth.dataSources`,
      );
    }
    const from = Date.parse(query.from);
    const to = Date.parse(query.to);
    const samples = {
      good: new Map<number, number>(),
      total: new Map<number, number>(),
    };
    for (let a = from; a < to; a += PROMETHEUS_CHUNK_MINUTES * MINUTE) {
      const b = Math.min(to, a + PROMETHEUS_CHUNK_MINUTES * MINUTE);
      // samples at a+1m … b: the minutes [a, b)
      const [good, total] = await Promise.all(
        (['good', 'total'] as const).map(key =>
          client
            .range(query[key], new Date(a + MINUTE), new Date(b), 60)
            .catch(error => {
              // a query Prometheus cannot run is the request's fault, named by its field
              if (error instanceof PrometheusRejectedQuery) {
                throw new InputError(
                  `Invalid body: prometheus.${key}: ${error.message}`,
                );
              }
              throw error;
            }),
        ),
      );
      good.forEach(s => samples.good.set(s.t - MINUTE, s.value));
      total.forEach(s => samples.total.set(s.t - MINUTE, s.value));
    }
    const rows: Row[] = [...samples.total.keys()]
      .sort((x, y) => x - y)
      .map(t => ({
        where: `minute ${new Date(t).toISOString()}`,
        start: new Date(t).toISOString(),
        // extrapolated counters are not whole: a minute's count is the nearest whole number
        good: samples.good.has(t)
          ? Math.round(samples.good.get(t)!)
          : undefined,
        total: Math.round(samples.total.get(t)!),
      }));
    const checked = checkBackfillRows(rows, this.now());
    const goodOnly = [...samples.good.keys()].filter(
      t => !samples.total.has(t),
    );
    return this.write(entityRef, slo, checked.buckets, [
      ...checked.problems,
      ...goodOnly.map(
        t => `minute ${new Date(t).toISOString()}: good without total`,
      ),
    ]);
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }

  private async pushedSlo(entity: Entity, entityRef: string, slo: string) {
    const definition = await this.deps.slos.find(entity, entityRef, slo);
    const ind = definition?.indicator;
    if (
      !definition ||
      (ind?.type === 'ratio' ? ind.total : ind?.metric)?.sourceType !== 'pushed'
    ) {
      throw new NotFoundError(
        `slo: ${entityRef} has no SLO named ${slo} that takes pushed events`,
      );
    }
  }

  private async write(
    entityRef: string,
    slo: string,
    buckets: SloEventBucket[],
    problems: string[],
  ): Promise<SloBackfillResult> {
    if (problems.length > 0) {
      const more = problems.length - MAX_LISTED;
      throw new InputError(
        `Invalid backfill, nothing written: ${problems
          .slice(0, MAX_LISTED)
          .join('; ')}${more > 0 ? `; and ${more} more` : ''}`,
      );
    }
    if (buckets.length === 0) {
      throw new InputError('Invalid backfill, nothing written: no minutes');
    }
    const stored = await this.deps.events.backfill(entityRef, slo, buckets);
    let first = Infinity;
    let last = -Infinity;
    for (const b of buckets) {
      first = Math.min(first, b.start.getTime());
      last = Math.max(last, b.start.getTime());
    }
    return {
      accepted: buckets.length,
      ...stored,
      from: new Date(first).toISOString(),
      to: new Date(last).toISOString(),
    };
  }
}
