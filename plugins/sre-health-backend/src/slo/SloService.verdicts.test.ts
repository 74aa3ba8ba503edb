import { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabases } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { ScmIntegrations } from '@backstage/integration';
import type { SliReaderFactory } from '@sre-health/backstage-plugin-sre-health-node';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SreHealthStore } from '../store';
import { LocalFileUrlReader } from './LocalFileUrlReader';
import { SloDefinitionLoader } from './SloDefinitionLoader';
import { SloService } from './SloService';

const slo = (name: string, metricSource: string, extra = '') => `---
apiVersion: openslo/v1
kind: SLO
metadata: { name: ${name} }
spec:
  indicator:
    spec:
      ratioMetric:
        counter: false
        good: { metricSource: ${metricSource} }
        total: { metricSource: ${metricSource} }
  timeWindow: [{ duration: 30d, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ target: 0.99 }]
${extra}`;

const DATADOG = `{ type: Datadog, spec: { query: 'sum:trace.http.request.hits{*}.as_count()' } }`;

const FILE = [
  slo('pushed', '{ type: sre-health, spec: {} }'),
  slo('datadog', DATADOG),
  slo('no-query', '{ type: Prometheus, metricSourceRef: main, spec: {} }'),
  slo('broken', '{ type: sre-health }'),
  slo(
    'paged-by-policy',
    DATADOG,
    `  alertPolicies:
    - alertPolicyRef: slow-burn
---
apiVersion: openslo/v1
kind: AlertPolicy
metadata: { name: slow-burn }
spec:
  conditions:
    - kind: AlertCondition
      metadata: { name: one-day }
      spec:
        severity: sev1
        condition: { kind: burnrate, op: gt, threshold: 2, lookbackWindow: 1d }
  notificationTargets:
    - targetRef: on-call
---
apiVersion: openslo/v1
kind: AlertNotificationTarget
metadata: { name: on-call }
spec: { target: pagerduty }
`,
  ),
].join('');

describe('SloService: three verdicts', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let dir: string;
  let store: SreHealthStore;

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sre-health-verdicts-'));
    await fs.writeFile(path.join(dir, 'slos.yaml'), FILE);
    const knex = await databases.init('SQLITE_3');
    store = await SreHealthStore.create({
      database: { getClient: async () => knex } as DatabaseService,
    });
  });
  afterAll(async () => fs.rm(dir, { recursive: true, force: true }));

  const entity = (): Entity => ({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'checkout',
      annotations: {
        'backstage.io/managed-by-location': `file:${path.join(
          dir,
          'catalog-info.yaml',
        )}`,
        'sre-health.dev/openslo': './slos.yaml',
      },
    },
    spec: { type: 'service' },
  });

  const service = (readers?: SliReaderFactory[]) =>
    new SloService({
      store,
      loader: new SloDefinitionLoader({
        store,
        urlReader: new LocalFileUrlReader([dir]),
        integrations: ScmIntegrations.fromConfig(new ConfigReader({})),
      }),
      dataSources: new Map(),
      readers,
      now: () => new Date('2026-12-01T12:00:00Z'),
    });

  it('keeps invalid, defined-not-computable and computed apart; a bad document leaves the rest computed', async () => {
    const { slos, notComputable, problems } = await service().forEntity(
      entity(),
      'component:default/checkout',
    );
    expect(slos.map(s => [s.name, s.source])).toEqual([
      ['pushed', 'pushed events'],
    ]);
    expect(notComputable.map(n => [n.name, n.reason])).toEqual([
      ['datadog', expect.stringMatching(/^no reader for Datadog/)],
      [
        'no-query',
        'a Prometheus source needs a PromQL query in metricSource.spec.query',
      ],
      ['paged-by-policy', expect.stringMatching(/^no reader for Datadog/)],
    ]);
    expect(problems).toEqual([
      expect.objectContaining({
        document: 'SLO broken',
        index: 4,
        path: 'spec.indicator.spec.ratioMetric.good.metricSource.spec',
      }),
      expect.objectContaining({
        document: 'SLO broken',
        path: 'spec.indicator.spec.ratioMetric.total.metricSource.spec',
      }),
    ]);
  });

  it("computes a source type through an adopter's reader, with the SLO's alert policy deciding the tiers", async () => {
    const seen: string[] = [];
    const datadog: SliReaderFactory = {
      sourceTypes: ['datadog'],
      create: ({ slo: definition, source }) => {
        seen.push(`${definition.name}: ${source.query}`);
        return {
          label: 'datadog',
          external: false,
          // 5% errors everywhere: burn rate 5 against a 99% objective
          counts: async windows =>
            new Map(windows.map(w => [w.key, { good: 950, total: 1000 }])),
          series: async () => [],
        };
      },
    };
    const { slos, notComputable } = await service([datadog]).forEntity(
      entity(),
      'component:default/checkout',
    );
    expect(notComputable.map(n => n.name)).toEqual(['no-query']);
    expect(seen).toContain(
      'datadog: sum:trace.http.request.hits{*}.as_count()',
    );
    const byName = new Map(slos.map(s => [s.name, s]));
    // no policy: the workbook's tiers; 5 is above the 1d/3d ticket thresholds (3, 1)
    expect(byName.get('datadog')!.alert.state).toBe('ticket');
    // the policy turns the 1d tier into a page named sev1 at burn > 2, the others off
    const policed = byName.get('paged-by-policy')!.alert;
    expect(policed.state).toBe('page');
    expect(policed.rules.filter(r => !r.off)).toEqual([
      expect.objectContaining({
        long: '1d',
        short: '2h',
        severity: 'page',
        severityName: 'sev1',
        threshold: 2,
        policy: 'slow-burn',
        firing: true,
      }),
    ]);
    expect(policed.rules.filter(r => r.off).map(r => r.long)).toEqual([
      '1h',
      '6h',
      '3d',
    ]);
  });

  it('computes a calendar quarter in its time zone: the period so far, the budget over the whole quarter', async () => {
    await fs.writeFile(
      path.join(dir, 'quarter.yaml'),
      `apiVersion: openslo/v1
kind: SLO
metadata: { name: quarterly }
spec:
  indicator:
    spec:
      ratioMetric:
        good: { metricSource: { type: Datadog, spec: { query: good } } }
        total: { metricSource: { type: Datadog, spec: { query: total } } }
  timeWindow:
    - duration: 1Q
      calendar: { startTime: '2026-01-01 00:00:00', timeZone: America/New_York }
  budgetingMethod: Timeslices
  objectives: [{ target: 0.99, timeSliceTarget: 0.9, timeSliceWindow: 1m }]
`,
    );
    const froms: Record<string, string> = {};
    const reader: SliReaderFactory = {
      sourceTypes: ['Datadog'],
      create: () => ({
        label: 'datadog',
        external: false,
        counts: async windows => {
          for (const w of windows) froms[w.key] = w.from.toISOString();
          return new Map(windows.map(w => [w.key, { good: 100, total: 100 }]));
        },
        series: async () => [],
      }),
    };
    const quarterEntity = entity();
    quarterEntity.metadata.annotations!['sre-health.dev/openslo'] =
      './quarter.yaml';
    const { slos } = await service([reader]).forEntity(
      quarterEntity,
      'component:default/checkout',
    );
    // Q4 in New York: 1 October 00:00 EDT (04:00Z) to 1 January 00:00 EST (05:00Z)
    const quarterMs =
      Date.parse('2027-01-01T05:00:00Z') - Date.parse('2026-10-01T04:00:00Z');
    expect(froms.window).toBe('2026-10-01T04:00:00.000Z');
    expect(slos[0]).toMatchObject({
      name: 'quarterly',
      window: '1Q (calendar)',
      windowMs: quarterMs,
      // Timeslices: 1% of the quarter's minutes
      budget: expect.objectContaining({
        unit: 'minutes',
        total: expect.closeTo((0.01 * quarterMs) / 60_000, 6),
      }),
    });
  });
});
