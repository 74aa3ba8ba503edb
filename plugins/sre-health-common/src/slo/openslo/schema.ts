import { z } from 'zod';

/*
 * The OpenSLO v1 specification (https://github.com/OpenSLO/OpenSLO, README "Specification")
 * as zod schemas, one per kind. Each rule names the spec text it follows; cross-field rules
 * ("exactly one of …") are refinements so a problem names the field it is about.
 */

/** `metadata.name`: an RFC 1123 label, up to 63 characters ("General Schema" notes). */
export const NAME_PATTERN = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const name = z
  .string()
  .regex(
    NAME_PATTERN,
    'must be an RFC 1123 label: up to 63 lower-case letters, digits or "-", starting and ending with a letter or digit',
  );

/** "optional up to 1050 characters" (SLO, SLI, DataSource, Service, AlertPolicy, …). */
export const description = z
  .string()
  .max(1050, 'must be at most 1050 characters');

/** duration-shorthand: a positive integer and one of m h d w M Q Y, no whitespace. */
export const DURATION_PATTERN = /^[1-9][0-9]*[mhdwMQY]$/;
export const duration = z
  .string()
  .regex(
    DURATION_PATTERN,
    'must be a duration shorthand: a positive integer and one of m, h, d, w, M, Q, Y (e.g. 5m, 28d, 1M)',
  );

const LABEL_KEY = /^[a-zA-Z0-9]([-_.a-zA-Z0-9]{0,61}[a-zA-Z0-9])?$/;
const DNS_SUBDOMAIN =
  /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

const labels = z
  .record(z.string(), z.union([z.string(), z.array(z.string())]))
  .superRefine((value, ctx) => {
    for (const key of Object.keys(value)) {
      if (!LABEL_KEY.test(key)) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message:
            'label keys are at most 63 characters, alphanumerics with "-", "_" or "." between',
        });
      }
    }
  });

const annotations = z
  .record(z.string(), z.string())
  .superRefine((value, ctx) => {
    for (const key of Object.keys(value)) {
      const slash = key.lastIndexOf('/');
      const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
      const keyName = key.slice(slash + 1);
      if (
        !LABEL_KEY.test(keyName) ||
        (prefix !== undefined && !DNS_SUBDOMAIN.test(prefix))
      ) {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message:
            'annotation keys are an optional DNS-subdomain prefix and "/", then a name of at most 63 characters',
        });
      }
    }
  });

export const metadata = z.looseObject({
  name,
  displayName: z.string().optional(),
  labels: labels.optional(),
  annotations: annotations.optional(),
});

const operator = z.enum(['lt', 'lte', 'gt', 'gte']);

/** `metricSource`: `type` may be left out only when `metricSourceRef` names a DataSource. */
export const metricSource = z
  .looseObject({
    metricSourceRef: name.optional(),
    type: z.string().min(1).optional(),
    spec: z.record(z.string(), z.unknown(), {
      error: 'required: the data source fields (e.g. a query)',
    }),
  })
  .superRefine((m, ctx) => {
    if (m.type === undefined && m.metricSourceRef === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['type'],
        message:
          'required when no metricSourceRef names a DataSource to take the type from',
      });
    }
  });

export const metric = z.looseObject({ metricSource });

const present = (v: unknown) => v !== undefined && v !== null;

export const ratioMetric = z
  .looseObject({
    counter: z.boolean().optional(),
    good: metric.optional(),
    bad: metric.optional(),
    total: metric.optional(),
    rawType: z.enum(['success', 'failure']).optional(),
    raw: metric.optional(),
  })
  .superRefine((r, ctx) => {
    const issue = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: path ? [path] : [], message });
    if (present(r.raw)) {
      for (const key of ['good', 'bad', 'total'] as const) {
        if (present(r[key])) issue(key, 'cannot be used together with raw');
      }
      if (!present(r.rawType)) issue('rawType', 'required with raw');
      return;
    }
    if (present(r.rawType)) issue('rawType', 'only used with raw');
    if (!present(r.total)) issue('total', 'required (or use raw)');
    if (present(r.good) === present(r.bad)) {
      issue('', 'needs exactly one of good or bad');
    }
  });

export const sliSpec = z
  .looseObject({
    description: description.optional(),
    thresholdMetric: metric.optional(),
    ratioMetric: ratioMetric.optional(),
  })
  .superRefine((s, ctx) => {
    if (present(s.thresholdMetric) === present(s.ratioMetric)) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'needs exactly one of thresholdMetric or ratioMetric',
      });
    }
  });

export const inlineIndicator = z.looseObject({
  metadata: metadata.optional(),
  spec: sliSpec,
});

export const objective = z
  .looseObject({
    displayName: z.string().optional(),
    name: name.optional(),
    op: operator.optional(),
    value: z.number().optional(),
    target: z
      .number()
      .gte(0, 'must be in [0.0, 1.0)')
      .lt(1, 'must be in [0.0, 1.0)')
      .optional(),
    targetPercent: z
      .number()
      .gte(0, 'must be in [0.0, 100)')
      .lt(100, 'must be in [0.0, 100)')
      .optional(),
    timeSliceTarget: z
      .number()
      .gt(0, 'must be in (0.0, 1.0]')
      .lte(1, 'must be in (0.0, 1.0]')
      .optional(),
    // "(numeric | duration-shorthand)": a number counts minutes
    timeSliceWindow: z
      .union([z.number().int().positive(), duration], {
        error:
          'must be a duration shorthand (e.g. 1m, 5m) or a positive number of minutes',
      })
      .optional(),
    indicator: inlineIndicator.optional(),
    indicatorRef: name.optional(),
    compositeWeight: z.number().gt(0, 'must be greater than 0').optional(),
  })
  .superRefine((o, ctx) => {
    if (present(o.target) === present(o.targetPercent)) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'needs exactly one of target or targetPercent',
      });
    }
    if (present(o.indicator) && present(o.indicatorRef)) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'needs at most one of indicator or indicatorRef',
      });
    }
  });

/**
 * A time window: rolling (`isRolling: true`) or calendar-aligned (`calendar` with
 * `startTime` as `YYYY-MM-DD hh:mm:ss` without a zone, and an IANA `timeZone`).
 */
export const timeWindow = z
  .looseObject({
    duration,
    isRolling: z.boolean().optional(),
    calendar: z
      .looseObject({
        startTime: z
          .string()
          .regex(
            /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/,
            'must be a date and 24h time without a time zone, e.g. 2020-01-21 12:30:00',
          )
          .refine(
            v => !Number.isNaN(Date.parse(`${v.replace(' ', 'T')}Z`)),
            'is not a real date and time',
          ),
        timeZone: z
          .string()
          .refine(
            isIanaTimeZone,
            'must be a time zone name of the IANA database, e.g. America/New_York',
          ),
      })
      .optional(),
  })
  .superRefine((w, ctx) => {
    if (w.isRolling === true && present(w.calendar)) {
      ctx.addIssue({
        code: 'custom',
        path: ['calendar'],
        message: 'cannot be set when isRolling is true',
      });
    }
    if (w.isRolling !== true && !present(w.calendar)) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message:
          'needs isRolling: true (a rolling window) or a calendar (a calendar-aligned window)',
      });
    }
  });

export function isIanaTimeZone(zone: string): boolean {
  try {
    // throws a RangeError for a zone the IANA database does not know
    return (
      zone.length > 0 &&
      new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions()
        .timeZone !== undefined
    );
  } catch {
    return false;
  }
}

export const alertConditionSpec = z.looseObject({
  description: description.optional(),
  severity: z.string().min(1, 'required'),
  condition: z.looseObject({
    kind: z.enum(['burnrate']).optional(),
    op: operator,
    threshold: z.number(),
    lookbackWindow: duration,
    alertAfter: duration.optional(),
  }),
});

export const notificationTargetSpec = z.looseObject({
  description: description.optional(),
  target: z.string().min(1, 'required'),
});

/** An item of a list that holds either `<ref>: name` or an inline object of `kind`. */
function refOrInline<T extends z.ZodType>(
  refKey: string,
  kind: string,
  spec: T,
) {
  return z.unknown().superRefine((item, ctx) => {
    const value = (item ?? {}) as Record<string, unknown>;
    if (typeof item !== 'object' || item === null || Array.isArray(item)) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `must be a ${refKey} or an inline ${kind}`,
      });
      return;
    }
    const hasRef = refKey in value;
    const hasInline = 'kind' in value || 'spec' in value || 'metadata' in value;
    if (hasRef === hasInline) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: `needs exactly one of ${refKey} or an inline ${kind} (kind, metadata, spec)`,
      });
      return;
    }
    const schema = hasRef
      ? z.looseObject({ [refKey]: name })
      : z.looseObject({ kind: z.literal(kind), metadata, spec });
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        ctx.addIssue({
          code: 'custom',
          path: issue.path as PropertyKey[] as (string | number)[],
          message: issue.message,
        });
      }
    }
  });
}

export const alertPolicySpec = z.looseObject({
  description: description.optional(),
  alertWhenNoData: z.boolean().optional(),
  alertWhenResolved: z.boolean().optional(),
  alertWhenBreaching: z.boolean().optional(),
  conditions: z
    .array(refOrInline('conditionRef', 'AlertCondition', alertConditionSpec))
    .length(1, 'must hold exactly one condition'),
  notificationTargets: z
    .array(
      refOrInline(
        'targetRef',
        'AlertNotificationTarget',
        notificationTargetSpec,
      ),
    )
    .min(1, 'needs at least one notification target'),
});

export const sloSpec = z
  .looseObject({
    description: description.optional(),
    service: z.string().min(1).optional(),
    indicator: inlineIndicator.optional(),
    indicatorRef: name.optional(),
    timeWindow: z
      .array(timeWindow)
      .length(1, 'must hold exactly one time window')
      .optional(),
    budgetingMethod: z.enum(['Occurrences', 'Timeslices', 'RatioTimeslices']),
    objectives: z.array(objective).min(1, 'needs at least one objective'),
    // `alertPolicies:` left empty (as in the spec's own examples) is null
    alertPolicies: z
      .array(refOrInline('alertPolicyRef', 'AlertPolicy', alertPolicySpec))
      .nullish(),
  })
  .superRefine((s, ctx) => {
    const composite = s.objectives.some(
      o => present(o.indicator) || present(o.indicatorRef),
    );
    const atSpec = present(s.indicator) || present(s.indicatorRef);
    if (composite) {
      if (atSpec) {
        ctx.addIssue({
          code: 'custom',
          path: [],
          message:
            'a composite SLO names its indicators in objectives[], not in spec.indicator or spec.indicatorRef',
        });
      }
      s.objectives.forEach((o, i) => {
        if (!present(o.indicator) && !present(o.indicatorRef)) {
          ctx.addIssue({
            code: 'custom',
            path: ['objectives', i],
            message:
              'every objective of a composite SLO needs indicator or indicatorRef',
          });
        }
      });
    } else if (present(s.indicator) === present(s.indicatorRef)) {
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'needs exactly one of indicator or indicatorRef',
      });
    }
    if (s.indicator?.spec.thresholdMetric && s.objectives.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: ['objectives'],
        message: 'a thresholdMetric indicator allows only one objective',
      });
    }
    s.objectives.forEach((o, i) => {
      if (s.budgetingMethod === 'Timeslices' && !present(o.timeSliceTarget)) {
        ctx.addIssue({
          code: 'custom',
          path: ['objectives', i, 'timeSliceTarget'],
          message: 'required with budgetingMethod Timeslices',
        });
      }
      if (s.budgetingMethod !== 'Occurrences' && !present(o.timeSliceWindow)) {
        ctx.addIssue({
          code: 'custom',
          path: ['objectives', i, 'timeSliceWindow'],
          message: `required with budgetingMethod ${s.budgetingMethod}`,
        });
      }
    });
  });

export const dataSourceSpec = z.looseObject({
  description: description.optional(),
  type: z.string().min(1, 'required: the source type, e.g. Prometheus'),
  connectionDetails: z.unknown().refine(present, 'required'),
});

export const serviceSpec = z.looseObject({
  description: description.optional(),
});

/** The kinds of OpenSLO v1. @public */
export type OpenSloKind =
  | 'SLO'
  | 'SLI'
  | 'DataSource'
  | 'Service'
  | 'AlertPolicy'
  | 'AlertCondition'
  | 'AlertNotificationTarget';

export const SPEC_OF_KIND: Record<OpenSloKind, z.ZodType> = {
  SLO: sloSpec,
  SLI: sliSpec,
  DataSource: dataSourceSpec,
  Service: serviceSpec,
  AlertPolicy: alertPolicySpec,
  AlertCondition: alertConditionSpec,
  AlertNotificationTarget: notificationTargetSpec,
};

export const envelope = z.looseObject({
  apiVersion: z.literal('openslo/v1', { error: 'must be openslo/v1' }),
  kind: z.enum(Object.keys(SPEC_OF_KIND) as [OpenSloKind, ...OpenSloKind[]], {
    error: `must be one of ${Object.keys(SPEC_OF_KIND).join(', ')}`,
  }),
  metadata,
  spec: z.custom(present, 'required'),
});

export type SloSpec = z.infer<typeof sloSpec>;
export type SliSpec = z.infer<typeof sliSpec>;
export type Metric = z.infer<typeof metric>;
export type AlertPolicySpec = z.infer<typeof alertPolicySpec>;
export type AlertConditionSpec = z.infer<typeof alertConditionSpec>;
export type ObjectiveSpec = z.infer<typeof objective>;
