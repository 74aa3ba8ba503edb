import { indexSharedOpenSlo, parseOpenSloFiles } from './parse';

const doc = (kind: string, name: string, spec: object) => ({
  apiVersion: 'openslo/v1',
  kind,
  metadata: { name },
  spec,
});
const dataSource = (name: string, type: string) =>
  doc('DataSource', name, { type, connectionDetails: {} });
const byRef = (source: string) => ({
  metricSource: { metricSourceRef: source, spec: { query: 'up' } },
});
const sli = (name: string, source: string) =>
  doc('SLI', name, {
    ratioMetric: { good: byRef(source), total: byRef(source) },
  });
const slo = (name: string, spec: object) =>
  doc('SLO', name, {
    timeWindow: [{ duration: '28d', isRolling: true }],
    budgetingMethod: 'Occurrences',
    objectives: [{ target: 0.99 }],
    ...spec,
  });
const policy = (name: string, condition: string) =>
  doc('AlertPolicy', name, {
    conditions: [{ conditionRef: condition }],
    notificationTargets: [
      {
        kind: 'AlertNotificationTarget',
        metadata: { name: 'pager' },
        spec: { target: 'pager' },
      },
    ],
  });
const condition = (name: string) =>
  doc('AlertCondition', name, {
    severity: 'page',
    condition: {
      kind: 'burnrate',
      op: 'gte',
      threshold: 14.4,
      lookbackWindow: '1h',
      alertAfter: '5m',
    },
  });

const PLATFORM = 'resource:default/platform-observability';
const OTHER = 'system:default/search';
const SELF = 'component:default/checkout';

const own = (...documents: object[]) => [{ location: 'own.yaml', documents }];

describe('OpenSLO references across catalog entities', () => {
  const shared = indexSharedOpenSlo([
    {
      owner: PLATFORM,
      location: 'platform.yaml',
      documents: [
        dataSource('metrics', 'Prometheus'),
        dataSource('events', 'sre-health'),
        sli('platform-sli', 'metrics'),
        policy('paging', 'fast-burn'),
        condition('fast-burn'),
        policy('broken-policy', 'nowhere'),
        slo('platform-slo', { indicatorRef: 'platform-sli' }),
        doc('DataSource', 'bad-source', {}),
      ],
    },
    {
      owner: OTHER,
      location: 'search.yaml',
      documents: [dataSource('events', 'sre-health')],
    },
    {
      owner: SELF,
      location: 'self.yaml',
      documents: [dataSource('self-only', 'Prometheus')],
    },
  ]);

  it("resolves an indicator's DataSource, an SLI and an AlertPolicy another entity defines", () => {
    const parsed = parseOpenSloFiles(
      own(
        sli('requests', 'metrics'),
        slo('availability', {
          indicatorRef: 'requests',
          alertPolicies: [{ alertPolicyRef: 'paging' }],
        }),
        slo('platform-based', { indicatorRef: 'platform-sli' }),
      ),
      { shared, self: SELF },
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.slos.map(s => s.definition.name)).toEqual([
      'availability',
      'platform-based',
    ]);
    const availability = parsed.slos[0].definition;
    expect(availability.indicator).toEqual(
      expect.objectContaining({
        total: expect.objectContaining({
          sourceType: 'prometheus',
          sourceRef: 'metrics',
        }),
      }),
    );
    expect(availability.alertRules).toEqual([
      expect.objectContaining({ threshold: 14.4, severity: 'page' }),
    ]);
  });

  it("keeps the entity's own definition over another entity's", () => {
    const parsed = parseOpenSloFiles(
      own(
        dataSource('metrics', 'sre-health'),
        slo('availability', { indicator: { spec: sli('x', 'metrics').spec } }),
      ),
      { shared, self: SELF },
    );
    expect(parsed.problems).toEqual([]);
    expect(parsed.slos[0].definition.indicator).toEqual(
      expect.objectContaining({
        total: expect.objectContaining({ sourceType: 'pushed' }),
      }),
    );
  });

  it('names both entities when two define the name, and never imports their SLOs', () => {
    const parsed = parseOpenSloFiles(
      own(
        slo('availability', { indicator: { spec: sli('x', 'events').spec } }),
      ),
      { shared, self: SELF },
    );
    expect(parsed.slos).toEqual([]);
    expect(parsed.problems).toEqual([
      expect.objectContaining({
        path: 'spec.indicator.spec.ratioMetric.good.metricSource.metricSourceRef',
        message: `DataSource events is defined by ${PLATFORM} and ${OTHER}; define it in this entity's files, or keep one of them, and no type is given to use without one`,
      }),
    ]);
  });

  it('names the field and the name that resolve nowhere, and what is invalid elsewhere', () => {
    const parsed = parseOpenSloFiles(
      own(
        slo('dangling', { indicatorRef: 'x' }),
        slo('broken', {
          indicatorRef: 'platform-sli',
          alertPolicies: [{ alertPolicyRef: 'broken-policy' }],
        }),
        slo('invalid-source', {
          indicator: { spec: sli('y', 'bad-source').spec },
        }),
        // its own DataSource counts only through its own files, not through the index
        slo('self', { indicator: { spec: sli('z', 'self-only').spec } }),
      ),
      { shared, self: SELF },
    );
    expect(parsed.problems.map(p => [p.document, p.path, p.message])).toEqual([
      [
        'SLO dangling',
        'spec.indicatorRef',
        "indicatorRef 'x' resolves in none of this entity's files nor any catalog entity's",
      ],
      [
        'SLO broken',
        'spec.alertPolicies[0].alertPolicyRef',
        `AlertPolicy broken-policy of ${PLATFORM} has unresolved references (see its problems there)`,
      ],
      [
        'SLO invalid-source',
        'spec.indicator.spec.ratioMetric.good.metricSource.metricSourceRef',
        `DataSource bad-source of ${PLATFORM} is invalid (see its problems there), and no type is given to use without one`,
      ],
      [
        'SLO self',
        'spec.indicator.spec.ratioMetric.good.metricSource.metricSourceRef',
        "metricSourceRef 'self-only' resolves in none of this entity's files nor any catalog entity's, and no type is given to use without one",
      ],
    ]);
  });
});
