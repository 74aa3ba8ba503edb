import { z } from 'zod';
import { Duration, parseDuration } from './duration';
import type {
  MetricQuery,
  SloDefinition,
  SloIndicator,
  SloProblem,
} from './definition';

/*
 * OpenSLO v1 (https://github.com/OpenSLO/OpenSLO) → normalised SLO definitions. Kinds SLO,
 * SLI, DataSource and AlertPolicy are accepted; SLOs may inline their indicator or point
 * at an SLI by name. Invalid documents become problems naming the document, the field
 * path and what is wrong, and never hide the valid SLOs beside them.
 */

const name = z
  .string()
  .regex(
    /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/,
    'must be a DNS label (lower-case letters, digits, dashes)',
  );
const duration = z
  .string()
  .refine(
    v => parseDuration(v) !== undefined,
    'must be a duration like 5m, 1h, 28d or 1M',
  );
const fraction = z.number().gt(0).lt(1);

const metricSource = z
  .object({
    metricSourceRef: z.string().optional(),
    type: z.string(),
    spec: z.record(z.string(), z.unknown()).optional(),
  })
  .passthrough();

const metric = z.object({ metricSource }).passthrough();

const sliSpec = z
  .object({
    description: z.string().optional(),
    thresholdMetric: metric.optional(),
    ratioMetric: z
      .object({
        counter: z.boolean().optional(),
        good: metric.optional(),
        bad: metric.optional(),
        total: metric,
      })
      .passthrough()
      .refine(r => (r.good === undefined) !== (r.bad === undefined), {
        message: 'needs exactly one of good or bad',
      })
      .optional(),
  })
  .passthrough()
  .refine(
    s => (s.thresholdMetric === undefined) !== (s.ratioMetric === undefined),
    {
      message: 'needs exactly one of thresholdMetric or ratioMetric',
    },
  );

const objective = z
  .object({
    displayName: z.string().optional(),
    name: name.optional(),
    op: z.enum(['lt', 'lte', 'gt', 'gte']).optional(),
    value: z.number().optional(),
    target: fraction.optional(),
    targetPercent: z.number().gt(0).lt(100).optional(),
    timeSliceTarget: fraction.optional(),
    timeSliceWindow: duration.optional(),
  })
  .passthrough()
  .refine(o => (o.target === undefined) !== (o.targetPercent === undefined), {
    message: 'needs exactly one of target or targetPercent',
  });

const sloSpec = z
  .object({
    description: z.string().optional(),
    service: z.string().optional(),
    indicator: z
      .object({
        metadata: z.object({ name }).passthrough().optional(),
        spec: sliSpec,
      })
      .passthrough()
      .optional(),
    indicatorRef: z.string().optional(),
    timeWindow: z
      .array(
        z
          .object({
            duration,
            isRolling: z.boolean().optional(),
            calendar: z
              .object({
                startTime: z.string(),
                timeZone: z.string().optional(),
              })
              .passthrough()
              .optional(),
          })
          .passthrough(),
      )
      .length(1, 'must hold exactly one time window'),
    budgetingMethod: z.enum(['Occurrences', 'Timeslices', 'RatioTimeslices']),
    objectives: z.array(objective).min(1),
  })
  .passthrough()
  .refine(s => (s.indicator === undefined) !== (s.indicatorRef === undefined), {
    message: 'needs exactly one of indicator or indicatorRef',
  });

const envelope = z
  .object({
    apiVersion: z.literal('openslo/v1'),
    kind: z.enum([
      'SLO',
      'SLI',
      'DataSource',
      'AlertPolicy',
      'AlertCondition',
      'AlertNotificationTarget',
      'Service',
    ]),
    metadata: z
      .object({ name, displayName: z.string().optional() })
      .passthrough(),
    spec: z.unknown(),
  })
  .passthrough();

/** @public */
export interface ParsedOpenSlo {
  slos: SloDefinition[];
  problems: SloProblem[];
}

function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return path
    .map((p, i) =>
      typeof p === 'number' ? `[${p}]` : `${i === 0 ? '' : '.'}${String(p)}`,
    )
    .join('');
}

function problemsOf(
  error: z.ZodError,
  document: string,
  prefix: string,
): SloProblem[] {
  return error.issues.map(issue => ({
    document,
    path: [prefix, pathOf(issue.path)]
      .filter(Boolean)
      .join('.')
      .replace(/\.\[/g, '['),
    message: issue.message,
  }));
}

function toQuery(m: z.infer<typeof metric>): MetricQuery | string {
  const type = m.metricSource.type.toLocaleLowerCase('en-US');
  if (type === 'prometheus') {
    const query = m.metricSource.spec?.query;
    if (typeof query !== 'string' || !query.trim()) {
      return 'metricSource.spec.query: a Prometheus source needs a query';
    }
    if (!m.metricSource.metricSourceRef) {
      return 'metricSource.metricSourceRef: name the data source (sreHealth.dataSources in app-config)';
    }
    return {
      sourceType: 'prometheus',
      sourceRef: m.metricSource.metricSourceRef,
      query,
    };
  }
  if (type === 'sre-health' || type === 'pushed') {
    return { sourceType: 'pushed' };
  }
  return `metricSource.type: unsupported source type "${m.metricSource.type}" (supported: Prometheus, sre-health)`;
}

function toIndicator(
  spec: z.infer<typeof sliSpec>,
  problem: (path: string, message: string) => void,
  at: string,
): SloIndicator | undefined {
  if (spec.thresholdMetric) {
    const q = toQuery(spec.thresholdMetric);
    if (typeof q === 'string')
      return void problem(
        `${at}.thresholdMetric.${q.split(':')[0]}`,
        q.split(': ').slice(1).join(': '),
      );
    if (q.sourceType === 'pushed') {
      return void problem(
        `${at}.thresholdMetric.metricSource.type`,
        'pushed events carry good/total counts; threshold metrics need Prometheus',
      );
    }
    return { type: 'threshold', metric: q };
  }
  const ratio = spec.ratioMetric!;
  const parts: Record<string, MetricQuery | undefined> = {};
  for (const key of ['good', 'bad', 'total'] as const) {
    const m = ratio[key];
    if (!m) continue;
    const q = toQuery(m);
    if (typeof q === 'string') {
      return void problem(
        `${at}.ratioMetric.${key}.${q.split(':')[0]}`,
        q.split(': ').slice(1).join(': '),
      );
    }
    parts[key] = q;
  }
  const types = new Set(Object.values(parts).map(p => p!.sourceType));
  if (types.size > 1) {
    return void problem(
      `${at}.ratioMetric`,
      'good/bad and total must come from the same kind of source',
    );
  }
  return {
    type: 'ratio',
    counter: ratio.counter ?? true,
    good: parts.good,
    bad: parts.bad,
    total: parts.total!,
  };
}

/**
 * Parses the documents of one or more OpenSLO files (already YAML-decoded).
 * @public
 */
export function parseOpenSlo(documents: ReadonlyArray<unknown>): ParsedOpenSlo {
  const problems: SloProblem[] = [];
  const slis = new Map<string, z.infer<typeof sliSpec>>();
  const slos: Array<{
    label: string;
    doc: z.infer<typeof envelope>;
    spec: z.infer<typeof sloSpec>;
  }> = [];

  documents.forEach((raw, index) => {
    if (raw === null || raw === undefined) return; // empty YAML document
    const parsed = envelope.safeParse(raw);
    const rawName = (raw as { metadata?: { name?: unknown } })?.metadata?.name;
    const rawKind = (raw as { kind?: unknown })?.kind;
    const fallback =
      typeof rawKind === 'string' && typeof rawName === 'string'
        ? `${rawKind} ${rawName}`
        : `document ${index + 1}`;
    if (!parsed.success) {
      problems.push(...problemsOf(parsed.error, fallback, ''));
      return;
    }
    const doc = parsed.data;
    const label = `${doc.kind} ${doc.metadata.name}`;
    if (doc.kind === 'SLI') {
      const spec = sliSpec.safeParse(doc.spec);
      if (spec.success) slis.set(doc.metadata.name, spec.data);
      else problems.push(...problemsOf(spec.error, label, 'spec'));
    } else if (doc.kind === 'SLO') {
      const spec = sloSpec.safeParse(doc.spec);
      if (spec.success) slos.push({ label, doc, spec: spec.data });
      else problems.push(...problemsOf(spec.error, label, 'spec'));
    }
    // DataSource / AlertPolicy documents are accepted; connection details come from
    // app-config only, so a catalog file can never point the backend at an arbitrary URL.
  });

  const definitions: SloDefinition[] = [];
  for (const { label, doc, spec } of slos) {
    const problem = (path: string, message: string) =>
      problems.push({ document: label, path, message });
    const sli = spec.indicator?.spec ?? slis.get(spec.indicatorRef ?? '');
    if (!sli) {
      problem(
        'spec.indicatorRef',
        `no SLI named "${spec.indicatorRef}" in the same files`,
      );
      continue;
    }
    const indicator = toIndicator(
      sli,
      problem,
      spec.indicator ? 'spec.indicator.spec' : `SLI ${spec.indicatorRef}.spec`,
    );
    if (!indicator) continue;

    const window = spec.timeWindow[0];
    const windowDuration = parseDuration(window.duration) as Duration;
    const rolling = window.isRolling ?? !window.calendar;
    if (!rolling && !window.calendar) {
      problem(
        'spec.timeWindow[0].calendar',
        'a calendar (isRolling: false) window needs calendar.startTime',
      );
      continue;
    }
    if (rolling && ['M', 'Q', 'Y'].includes(windowDuration.unit)) {
      problem(
        'spec.timeWindow[0].duration',
        'calendar units (M, Q, Y) need a calendar window; use days for a rolling window',
      );
      continue;
    }
    let calendarStart: string | undefined;
    if (!rolling) {
      const start = Date.parse(
        window.calendar!.startTime.replace(' ', 'T') +
          (/[zZ]|[+-]\d\d:?\d\d$/.test(window.calendar!.startTime) ? '' : 'Z'),
      );
      if (Number.isNaN(start)) {
        problem(
          'spec.timeWindow[0].calendar.startTime',
          'must be a date-time like 2026-01-01 00:00:00',
        );
        continue;
      }
      calendarStart = new Date(start).toISOString();
    }

    spec.objectives.forEach((o, i) => {
      const at = `spec.objectives[${i}]`;
      if (
        indicator.type === 'threshold' &&
        (o.op === undefined || o.value === undefined)
      ) {
        problem(at, 'a threshold indicator needs op and value');
        return;
      }
      if (
        spec.budgetingMethod !== 'Occurrences' &&
        (o.timeSliceWindow === undefined ||
          (spec.budgetingMethod === 'Timeslices' &&
            indicator.type === 'ratio' &&
            o.timeSliceTarget === undefined))
      ) {
        problem(
          at,
          `${spec.budgetingMethod} budgeting needs timeSliceWindow${
            spec.budgetingMethod === 'Timeslices' && indicator.type === 'ratio'
              ? ' and timeSliceTarget'
              : ''
          }`,
        );
        return;
      }
      const suffix = spec.objectives.length > 1 ? `/${o.name ?? i + 1}` : '';
      definitions.push({
        name: `${doc.metadata.name}${suffix}`,
        displayName: [
          doc.metadata.displayName ?? doc.metadata.name,
          o.displayName,
        ]
          .filter(Boolean)
          .join(' — '),
        description: spec.description ?? '',
        indicator,
        timeWindow: { duration: windowDuration, rolling, calendarStart },
        budgetingMethod: spec.budgetingMethod,
        target:
          o.target ?? Number(((o.targetPercent as number) / 100).toFixed(10)),
        op: o.op,
        threshold: o.value,
        timeSliceTarget: o.timeSliceTarget,
        timeSliceWindow: o.timeSliceWindow
          ? parseDuration(o.timeSliceWindow)
          : undefined,
      });
    });
  }
  return { slos: definitions, problems };
}
