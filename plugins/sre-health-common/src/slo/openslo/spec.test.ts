import { parseOpenSlo, parseOpenSloFiles } from './parse';

/*
 * Every rule of the OpenSLO v1 specification (OpenSLO/OpenSLO README, "Specification"), a
 * valid and an invalid document each, written from the spec text. Each case changes one
 * field of a valid document, so a failing case names the rule it breaks.
 */

const doc = (kind: string, name: string, spec: unknown, extra = {}) => ({
  apiVersion: 'openslo/v1',
  kind,
  metadata: { name, ...extra },
  spec,
});

const prometheus = (query: string) => ({
  metricSource: {
    type: 'Prometheus',
    metricSourceRef: 'prometheus-datasource',
    spec: { query },
  },
});

/** The spec's ratioMetric example. */
const ratioMetric = {
  counter: true,
  good: prometheus('sum(localhost_server_requests{code=~"2xx|3xx"})'),
  total: prometheus('localhost_server_requests{code="total"}'),
};

/** An SLO of the spec's shape: inline indicator, rolling window, Occurrences. */
const sloSpec = (over: Record<string, unknown> = {}) => ({
  description: 'Requests that succeed',
  service: 'foo',
  indicator: { metadata: { name: 'foo-error' }, spec: { ratioMetric } },
  timeWindow: [{ duration: '28d', isRolling: true }],
  budgetingMethod: 'Occurrences',
  objectives: [{ displayName: 'Foo Total Errors', target: 0.98 }],
  ...over,
});

const sloDoc = (over: Record<string, unknown> = {}) =>
  doc('SLO', 'foo-slo', sloSpec(over));

/** The spec's AlertCondition example. */
const conditionSpec = (over: Record<string, unknown> = {}) => ({
  description:
    'If the CPU usage is too high for given period then it should alert',
  severity: 'page',
  condition: {
    kind: 'burnrate',
    op: 'lte',
    threshold: 2,
    lookbackWindow: '1h',
    alertAfter: '5m',
  },
  ...over,
});

const policySpec = (over: Record<string, unknown> = {}) => ({
  description: 'Alert policy for cpu usage breaches',
  alertWhenBreaching: true,
  alertWhenResolved: false,
  conditions: [{ conditionRef: 'cpu-usage-breach' }],
  notificationTargets: [{ targetRef: 'on-call-devops-mail-notification' }],
  ...over,
});

const companions = [
  doc('AlertCondition', 'cpu-usage-breach', conditionSpec()),
  doc('AlertNotificationTarget', 'on-call-devops-mail-notification', {
    description:
      'Notifies by a mail message to the on-call devops mailing group',
    target: 'email',
  }),
];

const problemsOf = (...documents: unknown[]) =>
  parseOpenSlo([...documents, ...companions]).problems;

const long = 'x'.repeat(1051);

type Case = [
  rule: string,
  valid: unknown,
  invalid: unknown,
  path: string,
  message: RegExp,
];

const cases: Case[] = [
  // General schema
  [
    'apiVersion is openslo/v1',
    sloDoc(),
    { ...sloDoc(), apiVersion: 'openslo/v2' },
    'apiVersion',
    /openslo\/v1/,
  ],
  [
    'kind is one of the seven',
    doc('Service', 'foo', {}),
    doc('Team', 'foo', {}),
    'kind',
    /one of/,
  ],
  [
    'metadata.name is required',
    doc('Service', 'foo', {}),
    { ...doc('Service', 'foo', {}), metadata: {} },
    'metadata.name',
    /./,
  ],
  [
    'metadata.name is an RFC 1123 label',
    doc('Service', 'a-1', {}),
    doc('Service', 'Foo_Bar', {}),
    'metadata.name',
    /RFC 1123/,
  ],
  [
    'metadata.name is at most 63 characters',
    doc('Service', 'a'.repeat(63), {}),
    doc('Service', 'a'.repeat(64), {}),
    'metadata.name',
    /63/,
  ],
  [
    'metadata.name ends with an alphanumeric',
    doc('Service', 'foo1', {}),
    doc('Service', 'foo-', {}),
    'metadata.name',
    /RFC 1123/,
  ],
  [
    'metadata.displayName is a string',
    doc('Service', 'foo', {}, { displayName: 'Foo' }),
    doc('Service', 'foo', {}, { displayName: 7 }),
    'metadata.displayName',
    /string/,
  ],
  [
    'label values are a string or a list of strings',
    doc(
      'Service',
      'foo',
      {},
      { labels: { organization: 'acme', team: ['identity', 'rbac'] } },
    ),
    doc('Service', 'foo', {}, { labels: { team: 3 } }),
    'metadata.labels.team',
    /./,
  ],
  [
    'label keys are at most 63 alphanumerics with - _ .',
    doc('Service', 'foo', {}, { labels: { 'cost_Centre.x': 'p1' } }),
    doc('Service', 'foo', {}, { labels: { '-bad': 'p1' } }),
    'metadata.labels.-bad',
    /63/,
  ],
  [
    'annotation keys are [prefix/]name and values strings',
    doc(
      'Service',
      'foo',
      {},
      { annotations: { 'openslo.com/key1': 'value1' } },
    ),
    doc('Service', 'foo', {}, { annotations: { 'Not A Prefix/key': 'v' } }),
    'metadata.annotations.Not A Prefix/key',
    /annotation keys/,
  ],
  // Service
  [
    'Service description is at most 1050 characters',
    doc('Service', 'foo', { description: 'x'.repeat(1050) }),
    doc('Service', 'foo', { description: long }),
    'spec.description',
    /1050/,
  ],
  // DataSource
  [
    'DataSource needs a type',
    doc('DataSource', 'cw', {
      type: 'CloudWatch',
      connectionDetails: { accessKeyID: 'k' },
    }),
    doc('DataSource', 'cw', { connectionDetails: {} }),
    'spec.type',
    /./,
  ],
  [
    'DataSource needs connectionDetails',
    doc('DataSource', 'cw', { type: 'CloudWatch', connectionDetails: {} }),
    doc('DataSource', 'cw', { type: 'CloudWatch' }),
    'spec.connectionDetails',
    /required/,
  ],
  [
    'DataSource description is at most 1050 characters',
    doc('DataSource', 'cw', {
      type: 'CloudWatch',
      connectionDetails: {},
      description: 'ok',
    }),
    doc('DataSource', 'cw', {
      type: 'CloudWatch',
      connectionDetails: {},
      description: long,
    }),
    'spec.description',
    /1050/,
  ],
  // SLI
  [
    'SLI needs thresholdMetric or ratioMetric',
    doc('SLI', 'foo', { ratioMetric }),
    doc('SLI', 'foo', { description: 'nothing' }),
    'spec',
    /exactly one of thresholdMetric or ratioMetric/,
  ],
  [
    'SLI has not both thresholdMetric and ratioMetric',
    doc('SLI', 'foo', { thresholdMetric: prometheus('latency') }),
    doc('SLI', 'foo', { ratioMetric, thresholdMetric: prometheus('latency') }),
    'spec',
    /exactly one/,
  ],
  [
    'SLI description is at most 1050 characters',
    doc('SLI', 'foo', { ratioMetric, description: 'ok' }),
    doc('SLI', 'foo', { ratioMetric, description: long }),
    'spec.description',
    /1050/,
  ],
  [
    'ratioMetric has good or bad, not both',
    doc('SLI', 'foo', {
      ratioMetric: {
        ...ratioMetric,
        good: undefined,
        bad: prometheus('errors'),
      },
    }),
    doc('SLI', 'foo', {
      ratioMetric: { ...ratioMetric, bad: prometheus('errors') },
    }),
    'spec.ratioMetric',
    /exactly one of good or bad/,
  ],
  [
    'ratioMetric needs total with good/bad',
    doc('SLI', 'foo', { ratioMetric }),
    doc('SLI', 'foo', { ratioMetric: { ...ratioMetric, total: undefined } }),
    'spec.ratioMetric.total',
    /required/,
  ],
  [
    'raw needs rawType',
    doc('SLI', 'foo', {
      ratioMetric: { rawType: 'success', raw: prometheus('ratio') },
    }),
    doc('SLI', 'foo', { ratioMetric: { raw: prometheus('ratio') } }),
    'spec.ratioMetric.rawType',
    /required with raw/,
  ],
  [
    'rawType is success or failure',
    doc('SLI', 'foo', {
      ratioMetric: { rawType: 'failure', raw: prometheus('ratio') },
    }),
    doc('SLI', 'foo', {
      ratioMetric: { rawType: 'good', raw: prometheus('ratio') },
    }),
    'spec.ratioMetric.rawType',
    /./,
  ],
  [
    'raw is not used with good/bad/total',
    doc('SLI', 'foo', {
      ratioMetric: { rawType: 'success', raw: prometheus('ratio') },
    }),
    doc('SLI', 'foo', {
      ratioMetric: {
        ...ratioMetric,
        rawType: 'success',
        raw: prometheus('ratio'),
      },
    }),
    'spec.ratioMetric.good',
    /together with raw/,
  ],
  [
    'counter is a boolean',
    doc('SLI', 'foo', { ratioMetric: { ...ratioMetric, counter: false } }),
    doc('SLI', 'foo', { ratioMetric: { ...ratioMetric, counter: 'yes' } }),
    'spec.ratioMetric.counter',
    /./,
  ],
  [
    'metricSource needs spec',
    doc('SLI', 'foo', {
      thresholdMetric: {
        metricSource: { type: 'Redshift', spec: { query: 'SELECT 1' } },
      },
    }),
    doc('SLI', 'foo', {
      thresholdMetric: { metricSource: { type: 'Redshift' } },
    }),
    'spec.thresholdMetric.metricSource.spec',
    /required/,
  ],
  [
    'metricSource needs type without metricSourceRef',
    doc('SLI', 'foo', {
      thresholdMetric: { metricSource: { type: 'Redshift', spec: {} } },
    }),
    doc('SLI', 'foo', { thresholdMetric: { metricSource: { spec: {} } } }),
    'spec.thresholdMetric.metricSource.type',
    /metricSourceRef/,
  ],
  [
    'metricSourceRef is a name',
    doc('SLI', 'foo', { thresholdMetric: prometheus('q') }),
    doc('SLI', 'foo', {
      thresholdMetric: {
        metricSource: { metricSourceRef: 'Not A Name', type: 'X', spec: {} },
      },
    }),
    'spec.thresholdMetric.metricSource.metricSourceRef',
    /RFC 1123/,
  ],
  // SLO
  [
    'SLO needs indicator or indicatorRef',
    sloDoc(),
    sloDoc({ indicator: undefined }),
    'spec',
    /exactly one of indicator or indicatorRef/,
  ],
  [
    'SLO has not both indicator and indicatorRef',
    sloDoc(),
    sloDoc({ indicatorRef: 'foo-error' }),
    'spec',
    /exactly one of indicator or indicatorRef/,
  ],
  [
    'SLO description is at most 1050 characters',
    sloDoc({ description: 'x'.repeat(1050) }),
    sloDoc({ description: long }),
    'spec.description',
    /1050/,
  ],
  [
    'budgetingMethod is required',
    sloDoc(),
    sloDoc({ budgetingMethod: undefined }),
    'spec.budgetingMethod',
    /./,
  ],
  [
    'budgetingMethod is Occurrences, Timeslices or RatioTimeslices',
    sloDoc({
      budgetingMethod: 'RatioTimeslices',
      objectives: [{ target: 0.9, timeSliceWindow: '5m' }],
    }),
    sloDoc({ budgetingMethod: 'Events' }),
    'spec.budgetingMethod',
    /./,
  ],
  [
    'objectives are required',
    sloDoc(),
    sloDoc({ objectives: [] }),
    'spec.objectives',
    /at least one/,
  ],
  [
    'an objective needs target or targetPercent',
    sloDoc({ objectives: [{ targetPercent: 99.99 }] }),
    sloDoc({ objectives: [{ displayName: 'none' }] }),
    'spec.objectives[0]',
    /exactly one of target or targetPercent/,
  ],
  [
    'target and targetPercent are not both used',
    sloDoc(),
    sloDoc({ objectives: [{ target: 0.99, targetPercent: 99 }] }),
    'spec.objectives[0]',
    /exactly one of target or targetPercent/,
  ],
  [
    'target is in [0.0, 1.0)',
    sloDoc({ objectives: [{ target: 0 }] }),
    sloDoc({ objectives: [{ target: 1 }] }),
    'spec.objectives[0].target',
    /\[0\.0, 1\.0\)/,
  ],
  [
    'targetPercent is in [0.0, 100)',
    sloDoc({ objectives: [{ targetPercent: 0 }] }),
    sloDoc({ objectives: [{ targetPercent: 100 }] }),
    'spec.objectives[0].targetPercent',
    /100/,
  ],
  [
    'Timeslices needs timeSliceTarget',
    sloDoc({
      budgetingMethod: 'Timeslices',
      objectives: [
        { target: 0.99, timeSliceTarget: 0.95, timeSliceWindow: '1m' },
      ],
    }),
    sloDoc({
      budgetingMethod: 'Timeslices',
      objectives: [{ target: 0.99, timeSliceWindow: '1m' }],
    }),
    'spec.objectives[0].timeSliceTarget',
    /Timeslices/,
  ],
  [
    'Timeslices needs timeSliceWindow',
    sloDoc({
      budgetingMethod: 'Timeslices',
      objectives: [{ target: 0.99, timeSliceTarget: 1, timeSliceWindow: 5 }],
    }),
    sloDoc({
      budgetingMethod: 'Timeslices',
      objectives: [{ target: 0.99, timeSliceTarget: 0.95 }],
    }),
    'spec.objectives[0].timeSliceWindow',
    /Timeslices/,
  ],
  [
    'RatioTimeslices needs timeSliceWindow',
    sloDoc({
      budgetingMethod: 'RatioTimeslices',
      objectives: [{ target: 0.99, timeSliceWindow: '10m' }],
    }),
    sloDoc({
      budgetingMethod: 'RatioTimeslices',
      objectives: [{ target: 0.99 }],
    }),
    'spec.objectives[0].timeSliceWindow',
    /RatioTimeslices/,
  ],
  [
    'timeSliceTarget is in (0.0, 1.0]',
    sloDoc({
      budgetingMethod: 'Timeslices',
      objectives: [{ target: 0.99, timeSliceTarget: 1, timeSliceWindow: '1m' }],
    }),
    sloDoc({
      budgetingMethod: 'Timeslices',
      objectives: [{ target: 0.99, timeSliceTarget: 0, timeSliceWindow: '1m' }],
    }),
    'spec.objectives[0].timeSliceTarget',
    /\(0\.0, 1\.0\]/,
  ],
  [
    'timeSliceWindow is a duration or a number of minutes',
    sloDoc({
      budgetingMethod: 'RatioTimeslices',
      objectives: [{ target: 0.99, timeSliceWindow: 5 }],
    }),
    sloDoc({
      budgetingMethod: 'RatioTimeslices',
      objectives: [{ target: 0.99, timeSliceWindow: '1 minute' }],
    }),
    'spec.objectives[0].timeSliceWindow',
    /duration/,
  ],
  [
    'op is lt, lte, gt or gte',
    sloDoc({ objectives: [{ target: 0.99, op: 'gte' }] }),
    sloDoc({ objectives: [{ target: 0.99, op: 'eq' }] }),
    'spec.objectives[0].op',
    /./,
  ],
  [
    'a thresholdMetric indicator allows one objective',
    sloDoc({
      indicator: { spec: { thresholdMetric: prometheus('latency') } },
      objectives: [{ op: 'lt', value: 500, target: 0.99 }],
    }),
    sloDoc({
      indicator: { spec: { thresholdMetric: prometheus('latency') } },
      objectives: [
        { op: 'lt', value: 500, target: 0.99 },
        { op: 'lt', value: 900, target: 0.999 },
      ],
    }),
    'spec.objectives',
    /only one objective/,
  ],
  [
    'a thresholdMetric objective needs op and value',
    sloDoc({
      indicator: { spec: { thresholdMetric: prometheus('latency') } },
      objectives: [{ op: 'lt', value: 500, target: 0.99 }],
    }),
    sloDoc({
      indicator: { spec: { thresholdMetric: prometheus('latency') } },
      objectives: [{ op: 'lt', target: 0.99 }],
    }),
    'spec.objectives[0].value',
    /thresholdMetric/,
  ],
  [
    'compositeWeight is above 0',
    sloDoc({
      indicator: undefined,
      objectives: [
        {
          target: 0.9,
          indicator: { spec: { ratioMetric } },
          compositeWeight: 2,
        },
      ],
    }),
    sloDoc({
      indicator: undefined,
      objectives: [
        {
          target: 0.9,
          indicator: { spec: { ratioMetric } },
          compositeWeight: 0,
        },
      ],
    }),
    'spec.objectives[0].compositeWeight',
    /greater than 0/,
  ],
  [
    'a composite SLO has no indicator at spec level',
    sloDoc({
      indicator: undefined,
      objectives: [{ target: 0.9, indicator: { spec: { ratioMetric } } }],
    }),
    sloDoc({
      objectives: [{ target: 0.9, indicator: { spec: { ratioMetric } } }],
    }),
    'spec',
    /composite/,
  ],
  // timeWindow
  [
    'timeWindow holds exactly one item',
    sloDoc(),
    sloDoc({
      timeWindow: [
        { duration: '1d', isRolling: true },
        { duration: '7d', isRolling: true },
      ],
    }),
    'spec.timeWindow',
    /exactly one/,
  ],
  [
    'a duration is a positive integer and m h d w M Q Y',
    sloDoc({ timeWindow: [{ duration: '4w', isRolling: true }] }),
    sloDoc({ timeWindow: [{ duration: '30s', isRolling: true }] }),
    'spec.timeWindow[0].duration',
    /duration shorthand/,
  ],
  [
    'a duration has no whitespace',
    sloDoc({ timeWindow: [{ duration: '31d', isRolling: true }] }),
    sloDoc({ timeWindow: [{ duration: '31 d', isRolling: true }] }),
    'spec.timeWindow[0].duration',
    /duration shorthand/,
  ],
  [
    'a window is rolling or has a calendar',
    sloDoc({
      timeWindow: [
        {
          duration: '1M',
          calendar: {
            startTime: '2020-01-21 12:30:00',
            timeZone: 'America/New_York',
          },
        },
      ],
    }),
    sloDoc({ timeWindow: [{ duration: '1M' }] }),
    'spec.timeWindow[0]',
    /isRolling: true .* or a calendar/,
  ],
  [
    'a rolling window has no calendar',
    sloDoc({
      timeWindow: [
        {
          duration: '1Q',
          isRolling: false,
          calendar: { startTime: '2020-01-01 00:00:00', timeZone: 'UTC' },
        },
      ],
    }),
    sloDoc({
      timeWindow: [
        {
          duration: '28d',
          isRolling: true,
          calendar: { startTime: '2020-01-01 00:00:00', timeZone: 'UTC' },
        },
      ],
    }),
    'spec.timeWindow[0].calendar',
    /isRolling is true/,
  ],
  [
    'calendar.startTime is a date and time without a zone',
    sloDoc({
      timeWindow: [
        {
          duration: '1M',
          calendar: { startTime: '2020-01-21 12:30:00', timeZone: 'UTC' },
        },
      ],
    }),
    sloDoc({
      timeWindow: [
        {
          duration: '1M',
          calendar: { startTime: '2020-01-21T12:30:00Z', timeZone: 'UTC' },
        },
      ],
    }),
    'spec.timeWindow[0].calendar.startTime',
    /without a time zone/,
  ],
  [
    'calendar.timeZone is an IANA name',
    sloDoc({
      timeWindow: [
        {
          duration: '1M',
          calendar: {
            startTime: '2020-01-21 12:30:00',
            timeZone: 'Europe/Berlin',
          },
        },
      ],
    }),
    sloDoc({
      timeWindow: [
        {
          duration: '1M',
          calendar: {
            startTime: '2020-01-21 12:30:00',
            timeZone: 'Mars/Olympus',
          },
        },
      ],
    }),
    'spec.timeWindow[0].calendar.timeZone',
    /IANA/,
  ],
  // alertPolicies of an SLO
  [
    'an SLO alert policy is a ref or inline, not both',
    sloDoc({ alertPolicies: [{ alertPolicyRef: 'cpu-policy' }] }),
    sloDoc({
      alertPolicies: [
        {
          alertPolicyRef: 'cpu-policy',
          kind: 'AlertPolicy',
          metadata: { name: 'x' },
          spec: policySpec(),
        },
      ],
    }),
    'spec.alertPolicies[0]',
    /exactly one of alertPolicyRef/,
  ],
  [
    'an inline alert policy is of kind AlertPolicy',
    sloDoc({
      alertPolicies: [
        {
          kind: 'AlertPolicy',
          metadata: { name: 'inline' },
          spec: policySpec(),
        },
      ],
    }),
    sloDoc({
      alertPolicies: [
        {
          kind: 'AlertCondition',
          metadata: { name: 'inline' },
          spec: policySpec(),
        },
      ],
    }),
    'spec.alertPolicies[0].kind',
    /./,
  ],
  // AlertPolicy
  [
    'AlertPolicy needs conditions',
    doc('AlertPolicy', 'cpu-policy', policySpec()),
    doc('AlertPolicy', 'cpu-policy', policySpec({ conditions: undefined })),
    'spec.conditions',
    /./,
  ],
  [
    'AlertPolicy holds at most one condition',
    doc('AlertPolicy', 'cpu-policy', policySpec()),
    doc(
      'AlertPolicy',
      'cpu-policy',
      policySpec({
        conditions: [
          { conditionRef: 'cpu-usage-breach' },
          { conditionRef: 'cpu-usage-breach' },
        ],
      }),
    ),
    'spec.conditions',
    /exactly one/,
  ],
  [
    'an AlertPolicy condition is a conditionRef or inline',
    doc(
      'AlertPolicy',
      'cpu-policy',
      policySpec({
        conditions: [
          {
            kind: 'AlertCondition',
            metadata: { name: 'cpu-usage-breach' },
            spec: conditionSpec(),
          },
        ],
      }),
    ),
    doc(
      'AlertPolicy',
      'cpu-policy',
      policySpec({ conditions: [{ severity: 'page' }] }),
    ),
    'spec.conditions[0]',
    /exactly one of conditionRef/,
  ],
  [
    'a conditionRef is a name',
    doc('AlertPolicy', 'cpu-policy', policySpec()),
    doc(
      'AlertPolicy',
      'cpu-policy',
      policySpec({ conditions: [{ conditionRef: 'CPU Breach' }] }),
    ),
    'spec.conditions[0].conditionRef',
    /RFC 1123/,
  ],
  [
    'an inline condition is validated as an AlertCondition',
    doc(
      'AlertPolicy',
      'cpu-policy',
      policySpec({
        conditions: [
          {
            kind: 'AlertCondition',
            metadata: { name: 'c' },
            spec: conditionSpec(),
          },
        ],
      }),
    ),
    doc(
      'AlertPolicy',
      'cpu-policy',
      policySpec({
        conditions: [
          {
            kind: 'AlertCondition',
            metadata: { name: 'c' },
            spec: conditionSpec({ severity: undefined }),
          },
        ],
      }),
    ),
    'spec.conditions[0].spec.severity',
    /./,
  ],
  [
    'AlertPolicy needs notificationTargets',
    doc('AlertPolicy', 'cpu-policy', policySpec()),
    doc(
      'AlertPolicy',
      'cpu-policy',
      policySpec({ notificationTargets: undefined }),
    ),
    'spec.notificationTargets',
    /./,
  ],
  [
    'AlertPolicy needs at least one notification target',
    doc('AlertPolicy', 'cpu-policy', policySpec()),
    doc('AlertPolicy', 'cpu-policy', policySpec({ notificationTargets: [] })),
    'spec.notificationTargets',
    /at least one/,
  ],
  [
    'a notification target is a targetRef or inline',
    doc(
      'AlertPolicy',
      'cpu-policy',
      policySpec({
        notificationTargets: [
          {
            kind: 'AlertNotificationTarget',
            metadata: { name: 'slack' },
            spec: { target: 'slack' },
          },
        ],
      }),
    ),
    doc(
      'AlertPolicy',
      'cpu-policy',
      policySpec({ notificationTargets: [{ targetRef: 'Bad Ref' }] }),
    ),
    'spec.notificationTargets[0].targetRef',
    /RFC 1123/,
  ],
  [
    'alertWhen* are booleans',
    doc('AlertPolicy', 'cpu-policy', policySpec({ alertWhenNoData: true })),
    doc('AlertPolicy', 'cpu-policy', policySpec({ alertWhenNoData: 'yes' })),
    'spec.alertWhenNoData',
    /./,
  ],
  [
    'AlertPolicy description is at most 1050 characters',
    doc('AlertPolicy', 'cpu-policy', policySpec()),
    doc('AlertPolicy', 'cpu-policy', policySpec({ description: long })),
    'spec.description',
    /1050/,
  ],
  // AlertCondition
  [
    'AlertCondition needs severity',
    doc('AlertCondition', 'c', conditionSpec({ severity: 'sev1' })),
    doc('AlertCondition', 'c', conditionSpec({ severity: undefined })),
    'spec.severity',
    /./,
  ],
  [
    'AlertCondition needs condition',
    doc('AlertCondition', 'c', conditionSpec()),
    doc('AlertCondition', 'c', conditionSpec({ condition: undefined })),
    'spec.condition',
    /./,
  ],
  [
    'condition.kind is burnrate (the default)',
    doc(
      'AlertCondition',
      'c',
      conditionSpec({
        condition: { op: 'gt', threshold: 2, lookbackWindow: '1h' },
      }),
    ),
    doc(
      'AlertCondition',
      'c',
      conditionSpec({
        condition: {
          kind: 'errors',
          op: 'gt',
          threshold: 2,
          lookbackWindow: '1h',
        },
      }),
    ),
    'spec.condition.kind',
    /./,
  ],
  [
    'a burnrate condition needs op',
    doc('AlertCondition', 'c', conditionSpec()),
    doc(
      'AlertCondition',
      'c',
      conditionSpec({ condition: { threshold: 2, lookbackWindow: '1h' } }),
    ),
    'spec.condition.op',
    /./,
  ],
  [
    'a burnrate condition needs threshold',
    doc('AlertCondition', 'c', conditionSpec()),
    doc(
      'AlertCondition',
      'c',
      conditionSpec({ condition: { op: 'gt', lookbackWindow: '1h' } }),
    ),
    'spec.condition.threshold',
    /./,
  ],
  [
    'a burnrate condition needs a lookbackWindow duration',
    doc('AlertCondition', 'c', conditionSpec()),
    doc(
      'AlertCondition',
      'c',
      conditionSpec({
        condition: { op: 'gt', threshold: 2, lookbackWindow: 'an hour' },
      }),
    ),
    'spec.condition.lookbackWindow',
    /duration shorthand/,
  ],
  [
    'alertAfter is a duration',
    doc('AlertCondition', 'c', conditionSpec()),
    doc(
      'AlertCondition',
      'c',
      conditionSpec({
        condition: {
          op: 'gt',
          threshold: 2,
          lookbackWindow: '1h',
          alertAfter: 5,
        },
      }),
    ),
    'spec.condition.alertAfter',
    /./,
  ],
  [
    'AlertCondition description is at most 1050 characters',
    doc('AlertCondition', 'c', conditionSpec()),
    doc('AlertCondition', 'c', conditionSpec({ description: long })),
    'spec.description',
    /1050/,
  ],
  // AlertNotificationTarget
  [
    'AlertNotificationTarget needs target',
    doc('AlertNotificationTarget', 't', { target: 'slack' }),
    doc('AlertNotificationTarget', 't', { description: 'no target' }),
    'spec.target',
    /./,
  ],
  [
    'AlertNotificationTarget description is at most 1050 characters',
    doc('AlertNotificationTarget', 't', { target: 'slack', description: 'x' }),
    doc('AlertNotificationTarget', 't', { target: 'slack', description: long }),
    'spec.description',
    /1050/,
  ],
];

const policyDoc = doc('AlertPolicy', 'cpu-policy', policySpec());

describe('OpenSLO v1, rule by rule', () => {
  it.each(cases)('%s', (_rule, valid, invalid, path, message) => {
    const withPolicy = (d: unknown) =>
      (d as { kind: string }).kind === 'AlertPolicy' ? [d] : [d, policyDoc];
    expect(problemsOf(...withPolicy(valid))).toEqual([]);
    const problems = problemsOf(...withPolicy(invalid));
    expect(problems).toContainEqual(
      expect.objectContaining({
        path,
        message: expect.stringMatching(message),
      }),
    );
  });

  it('names the document, its position in the file, the path and the message', () => {
    const { problems } = parseOpenSlo([
      doc('Service', 'fine', {}),
      doc('Service', 'too-long', { description: long }),
    ]);
    expect(problems).toEqual([
      {
        document: 'Service too-long',
        index: 2,
        path: 'spec.description',
        message: 'must be at most 1050 characters',
      },
    ]);
  });
});

describe('OpenSLO references across files', () => {
  const sli = doc('SLI', 'good-requests', { ratioMetric });
  const sloByRef = doc(
    'SLO',
    'checkout',
    sloSpec({ indicator: undefined, indicatorRef: 'good-requests' }),
  );

  it('resolves an indicatorRef to an SLI in another file', () => {
    const parsed = parseOpenSloFiles([
      { location: 'slis.yaml', documents: [sli] },
      { location: 'slos.yaml', documents: [sloByRef] },
    ]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.slos).toEqual([
      expect.objectContaining({
        location: 'slos.yaml',
        definition: expect.objectContaining({ name: 'checkout' }),
      }),
    ]);
  });

  it('names an indicatorRef that resolves nowhere, and one to an invalid SLI', () => {
    const nowhere = parseOpenSloFiles([
      { location: 'slos.yaml', documents: [sloByRef] },
    ]);
    expect(nowhere.problems).toEqual([
      expect.objectContaining({
        location: 'slos.yaml',
        document: 'SLO checkout',
        path: 'spec.indicatorRef',
        message:
          "indicatorRef 'good-requests' resolves in none of this entity's files nor any catalog entity's",
      }),
    ]);
    const broken = parseOpenSloFiles([
      { location: 'slis.yaml', documents: [doc('SLI', 'good-requests', {})] },
      { location: 'slos.yaml', documents: [sloByRef] },
    ]);
    expect(broken.problems.map(p => p.message)).toContain(
      'SLI good-requests is invalid (see its problems)',
    );
  });

  it('takes the type of a metric source from the DataSource it names', () => {
    const parsed = parseOpenSloFiles([
      {
        location: 'ds.yaml',
        documents: [
          doc('DataSource', 'redshift-datasource', {
            type: 'Redshift',
            connectionDetails: { region: 'eu-central-1' },
          }),
        ],
      },
      {
        location: 'slo.yaml',
        documents: [
          sloDoc({
            indicator: {
              spec: {
                thresholdMetric: {
                  metricSource: {
                    metricSourceRef: 'redshift-datasource',
                    spec: { query: 'SELECT value' },
                  },
                },
              },
            },
            objectives: [{ op: 'lt', value: 2, target: 0.99 }],
          }),
        ],
      },
    ]);
    expect(parsed.problems).toEqual([]);
    expect(parsed.slos[0].definition.indicator).toEqual({
      type: 'threshold',
      metric: expect.objectContaining({
        sourceType: 'redshift',
        typeName: 'Redshift',
        sourceRef: 'redshift-datasource',
        query: 'SELECT value',
      }),
    });
    const without = parseOpenSlo([
      sloDoc({
        indicator: {
          spec: {
            thresholdMetric: {
              metricSource: {
                metricSourceRef: 'redshift-datasource',
                spec: {},
              },
            },
          },
        },
        objectives: [{ op: 'lt', value: 2, target: 0.99 }],
      }),
    ]);
    expect(without.problems).toEqual([
      expect.objectContaining({
        path: 'spec.indicator.spec.thresholdMetric.metricSource.metricSourceRef',
        message: expect.stringContaining(
          "metricSourceRef 'redshift-datasource' resolves in none",
        ),
      }),
    ]);
  });

  it('refuses a metric source whose type contradicts its DataSource', () => {
    const { problems } = parseOpenSlo([
      doc('DataSource', 'prometheus-datasource', {
        type: 'Datadog',
        connectionDetails: {},
      }),
      sloDoc(),
    ]);
    expect(problems[0]).toMatchObject({
      path: 'spec.indicator.spec.ratioMetric.good.metricSource.type',
      message:
        'is Prometheus, but DataSource prometheus-datasource is of type Datadog',
    });
  });

  it('resolves the service against the Service documents when there are any', () => {
    expect(
      parseOpenSlo([doc('Service', 'foo', {}), sloDoc()]).problems,
    ).toEqual([]);
    expect(parseOpenSlo([sloDoc()]).problems).toEqual([]);
    expect(
      parseOpenSlo([doc('Service', 'bar', {}), sloDoc()]).problems,
    ).toEqual([
      expect.objectContaining({
        path: 'spec.service',
        message:
          "service 'foo' resolves in none of this entity's files nor any catalog entity's",
      }),
    ]);
  });

  it('resolves alert policies, their conditions and targets by name', () => {
    const withPolicy = sloDoc({
      alertPolicies: [{ alertPolicyRef: 'cpu-policy' }],
    });
    expect(
      parseOpenSlo([withPolicy, policyDoc, ...companions]).problems,
    ).toEqual([]);
    expect(parseOpenSlo([withPolicy, ...companions]).problems).toEqual([
      expect.objectContaining({
        path: 'spec.alertPolicies[0].alertPolicyRef',
        message:
          "alertPolicyRef 'cpu-policy' resolves in none of this entity's files nor any catalog entity's",
      }),
    ]);
    const dangling = parseOpenSlo([withPolicy, policyDoc]);
    expect(dangling.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          document: 'AlertPolicy cpu-policy',
          path: 'spec.conditions[0].conditionRef',
          message:
            "conditionRef 'cpu-usage-breach' resolves in none of this entity's files nor any catalog entity's",
        }),
        expect.objectContaining({
          document: 'AlertPolicy cpu-policy',
          path: 'spec.notificationTargets[0].targetRef',
        }),
        expect.objectContaining({
          document: 'SLO foo-slo',
          path: 'spec.alertPolicies[0].alertPolicyRef',
          message: expect.stringContaining('unresolved references'),
        }),
      ]),
    );
    expect(dangling.slos).toEqual([]);
  });

  it('reports a second document of the same kind and name', () => {
    const { problems } = parseOpenSloFiles([
      { location: 'a.yaml', documents: [doc('Service', 'foo', {})] },
      { location: 'b.yaml', documents: [doc('Service', 'foo', {})] },
    ]);
    expect(problems).toEqual([
      expect.objectContaining({
        location: 'b.yaml',
        path: 'metadata.name',
        message: expect.stringContaining('a.yaml, document 1'),
      }),
    ]);
  });
});

describe('valid but not computed here', () => {
  it.each([
    [
      'a composite SLO',
      sloDoc({
        indicator: undefined,
        objectives: [{ target: 0.9, indicator: { spec: { ratioMetric } } }],
      }),
      /composite/,
    ],
    [
      'a raw ratio',
      sloDoc({
        indicator: {
          spec: {
            ratioMetric: { rawType: 'success', raw: prometheus('ratio') },
          },
        },
      }),
      /raw/,
    ],
    [
      'an SLO without a timeWindow',
      sloDoc({ timeWindow: undefined }),
      /no timeWindow/,
    ],
    [
      'a rolling window in months',
      sloDoc({ timeWindow: [{ duration: '1M', isRolling: true }] }),
      /rolling 1M/,
    ],
    [
      'a threshold over pushed events',
      sloDoc({
        indicator: {
          spec: {
            thresholdMetric: { metricSource: { type: 'sre-health', spec: {} } },
          },
        },
        objectives: [{ op: 'lt', value: 1, target: 0.9 }],
      }),
      /threshold/,
    ],
  ])(
    '%s is defined, with the reason, and not a problem',
    (_what, document, reason) => {
      const parsed = parseOpenSlo([document]);
      expect(parsed.problems).toEqual([]);
      expect(parsed.slos).toEqual([]);
      expect(parsed.notComputable).toEqual([
        expect.objectContaining({
          name: 'foo-slo',
          document: 'SLO foo-slo',
          reason: expect.stringMatching(reason),
        }),
      ]);
    },
  );

  it('reads calendar windows in their time zone', () => {
    const { slos } = parseOpenSlo([
      sloDoc({
        timeWindow: [
          {
            duration: '1Q',
            calendar: {
              startTime: '2026-01-01 00:00:00',
              timeZone: 'America/New_York',
            },
          },
        ],
      }),
    ]);
    expect(slos[0].timeWindow).toEqual({
      duration: { value: 1, unit: 'Q' },
      rolling: false,
      calendarStart: '2026-01-01T05:00:00.000Z',
      timeZone: 'America/New_York',
    });
  });
});

describe('malformed documents', () => {
  const garbage: unknown[] = [
    'text',
    42,
    { apiVersion: 'openslo/v1' },
    {
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: 'x' },
      spec: 'spec',
    },
    sloDoc({ objectives: undefined }),
    sloDoc({ objectives: 'all of them' }),
    sloDoc({ objectives: [null, 3] }),
    sloDoc({ timeWindow: 5 }),
    sloDoc({ timeWindow: [null] }),
    sloDoc({ alertPolicies: 'page me' }),
    sloDoc({ alertPolicies: [null, 'x', []] }),
    sloDoc({ indicator: { spec: null } }),
    sloDoc({ indicator: { spec: { ratioMetric: null } } }),
    sloDoc({ indicator: { spec: { ratioMetric: { good: null, total: 3 } } } }),
    sloDoc({
      indicator: { spec: { thresholdMetric: { metricSource: null } } },
    }),
    doc('AlertPolicy', 'p', { conditions: null, notificationTargets: 'x' }),
    doc('AlertPolicy', 'p', {
      conditions: [{ kind: 'AlertCondition' }],
      notificationTargets: [{}],
    }),
    doc('AlertCondition', 'c', { severity: 3, condition: 'burn' }),
    doc('Service', 'x', null),
    {
      ...doc('Service', 'x', {}),
      metadata: { name: 'x', labels: 'l', annotations: [] },
    },
  ];

  it.each(garbage.map((g, i) => [i, g]))(
    'reports document %i as problems and never throws',
    (_i, document) => {
      const parsed = parseOpenSlo([document, sloDoc()]);
      expect(parsed.slos.map(s => s.name)).toEqual(['foo-slo']);
      expect(parsed.problems.length).toBeGreaterThan(0);
    },
  );
});
