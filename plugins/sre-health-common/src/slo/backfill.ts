import { z } from 'zod';
import { entityRefSchema } from '../core/entityRef';

/*
 * Backfill: historical good/total minutes of a pushed-events SLO, imported by an SRE beyond
 * the late-arrival tolerance, from a file (CSV, JSON or JSON Lines) or from a Prometheus range
 * query. Idempotent per minute (a second import of the same minutes changes nothing), and
 * all or nothing: one bad row refuses the import, naming its line.
 */

/** The `source` of an SLO summary over events pushed to SRE Health: what a backfill takes. @public */
export const SLO_SOURCE_PUSHED_EVENTS = 'pushed events';

/** The file formats a backfill reads. @public */
export const BACKFILL_FILE_FORMATS = ['csv', 'json', 'ndjson'] as const;

/** @public */
export type BackfillFileFormat = (typeof BACKFILL_FILE_FORMATS)[number];

/** Most minutes one backfill writes: 139 days of one-minute buckets. @public */
export const MAX_BACKFILL_MINUTES = 200_000;

const wholeMinute = z
  .string()
  .refine(
    v => /([zZ]|[+-]\d\d:\d\d)$/.test(v) && !Number.isNaN(Date.parse(v)),
    'must be a date-time with a time zone, e.g. 2026-11-01T10:00:00Z',
  )
  .refine(v => Date.parse(v) % 60_000 === 0, 'must be on a whole minute');

/** Most characters of a backfill file: 200,000 minutes of CSV, JSON or JSON Lines fit. @public */
export const MAX_BACKFILL_FILE_CHARS = 12_000_000;

/**
 * Per-minute good and total counts from a data source of `sreHealth.dataSources`, e.g.
 * `sum(increase(http_requests_total{code!~"5.."}[1m]))`.
 */
const prometheusBackfill = z
  .object({
    source: z.string().min(1).max(128),
    good: z.string().min(1).max(4000),
    total: z.string().min(1).max(4000),
    from: wholeMinute,
    to: wholeMinute,
  })
  .strict()
  .refine(b => Date.parse(b.from) < Date.parse(b.to), {
    message: 'must be before to',
    path: ['from'],
  })
  .refine(
    b =>
      (Date.parse(b.to) - Date.parse(b.from)) / 60_000 <= MAX_BACKFILL_MINUTES,
    {
      message: `spans more than ${MAX_BACKFILL_MINUTES} minutes`,
      path: ['to'],
    },
  );

/**
 * `POST /slo-backfill`: the minutes of a pushed-events SLO from a file (`file.format` `csv`
 * with a `start,good,total` header, `json`, an array of `{start, good, total}` objects, or
 * `ndjson`, one such object a line) or from Prometheus.
 * @public
 */
export const sloBackfillSchema = z
  .object({
    entityRef: entityRefSchema(),
    slo: z.string().min(1).max(128),
    file: z
      .object({
        format: z.enum(BACKFILL_FILE_FORMATS),
        text: z.string().min(1).max(MAX_BACKFILL_FILE_CHARS),
      })
      .strict()
      .optional(),
    prometheus: prometheusBackfill.optional(),
  })
  .strict()
  .refine(b => (b.file === undefined) !== (b.prometheus === undefined), {
    message: 'needs exactly one of file or prometheus',
  });

/** The body of `POST /slo-backfill`. @public */
export type SloBackfillRequest = z.input<typeof sloBackfillSchema>;

/** @public */
export interface SloBackfillResult {
  /** Minutes written (or rewritten with the same counts). */
  accepted: number;
  /** Of those, minutes already stored with the same counts: a backfill run again changes nothing. */
  unchanged: number;
  /** Of those, minutes stored before with other counts, now replaced. */
  replaced: number;
  from: string | null;
  to: string | null;
}
