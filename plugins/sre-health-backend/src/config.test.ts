import { ConfigReader } from '@backstage/config';
import {
  DATE_LIMITS,
  DEFAULT_DETECTION_THRESHOLDS,
  DEFAULT_NOTIFICATION_SETTINGS,
} from '@sre-health/backstage-plugin-sre-health-common';
import { readSreHealthConfig } from './config';

const read = (sreHealth: unknown) =>
  readSreHealthConfig(new ConfigReader({ sreHealth } as any), {
    cwd: '/srv/backend',
  });

describe('readSreHealthConfig', () => {
  it('fills every default when sreHealth is absent', () => {
    expect(
      readSreHealthConfig(new ConfigReader({}), { cwd: '/srv/backend' }),
    ).toEqual({
      sreGroups: [],
      dataSources: new Map(),
      tab: { cacheSeconds: 10 },
      ingestion: { lateToleranceMinutes: 60 },
      detection: {
        intervalMinutes: 60,
        overloadWeeks: 4,
        thresholds: DEFAULT_DETECTION_THRESHOLDS,
      },
      alertmanager: undefined,
      opsLoad: { hoursPerPersonWeek: expect.any(Function) },
      scorecard: { intervalMinutes: 15, retentionDays: 400 },
      knowledge: {
        repositories: [],
        localRoots: [],
        excludePatterns: undefined,
      },
      localFiles: { allow: [] },
      validation: { maxFutureDays: DATE_LIMITS.defaultMaxFutureDays },
      slo: { budgetPolicy: { steps: [] } },
      notifications: DEFAULT_NOTIFICATION_SETTINGS,
    });
  });

  it('reads every key', () => {
    const config = read({
      sreGroups: ['group:default/SRE', 'platform-sre'],
      dataSources: [
        {
          name: 'prom',
          type: 'Prometheus',
          url: 'http://prom:9090//',
          bearerToken: 'secret',
          headers: { 'X-Scope-OrgID': 'sre' },
          timeoutMs: 2000,
        },
        { name: 'plain', type: 'prometheus', url: 'http://other' },
      ],
      tab: { cacheSeconds: 0 },
      ingestion: { lateToleranceMinutes: 5 },
      detection: {
        intervalMinutes: 30,
        overloadWeeks: 6,
        servingCriticalTiers: ['tier-1'],
        servingCriticalLifecycles: ['production'],
        sreServiceDependents: 3,
        sreServiceGrowth: 2,
        deferredMaxAgeDays: 45,
        alertFiringsMin: 4,
        alertWindowDays: 7,
        complaintWindowDays: 30,
        capacityPlanMaxAgeDays: 90,
        naiveCapacityStrategies: ['scale-up'],
      },
      alertmanager: {
        url: 'http://am:9093/',
        entityLabel: 'app',
        namespace: 'payments',
        timeoutMs: 1000,
      },
      opsLoad: {
        hoursPerPersonWeek: 36,
        teams: [{ teamRef: 'Group:default/Payments', hoursPerPersonWeek: 32 }],
      },
      scorecard: { intervalMinutes: 5, retentionDays: 30 },
      knowledge: {
        repositories: [
          {
            entityRef: 'Component:default/Checkout',
            path: 'repos/checkout',
            excludePatterns: ['fixtures/'],
          },
        ],
        localRoots: ['repos', '/abs/root'],
        excludePatterns: ['**/vendor/**'],
        authorshipRules: 'reference-tool',
        onDemandTimeoutSeconds: 30,
      },
      localFiles: { allow: ['/srv/slos'] },
      validation: { maxFutureDays: 30 },
      notifications: {
        'stressor-high': { enabled: false, minLevel: 5 },
        'slo-page': { enabled: false },
        'ops-cap': { enabled: false },
        'exemption-expiring': { enabled: false, daysBefore: 7 },
      },
    });
    expect(config).toEqual({
      sreGroups: ['group:default/sre', 'group:default/platform-sre'],
      dataSources: new Map([
        [
          'prom',
          {
            name: 'prom',
            url: 'http://prom:9090',
            headers: {
              Authorization: 'Bearer secret',
              'X-Scope-OrgID': 'sre',
            },
            timeoutMs: 2000,
          },
        ],
        [
          'plain',
          { name: 'plain', url: 'http://other', headers: {}, timeoutMs: 5000 },
        ],
      ]),
      tab: { cacheSeconds: 0 },
      ingestion: { lateToleranceMinutes: 5 },
      detection: {
        intervalMinutes: 30,
        overloadWeeks: 6,
        thresholds: {
          servingCriticalTiers: ['tier-1'],
          servingCriticalLifecycles: ['production'],
          sreServiceDependents: 3,
          sreServiceGrowth: 2,
          deferredMaxAgeDays: 45,
          alertFiringsMin: 4,
          alertWindowDays: 7,
          complaintWindowDays: 30,
          capacityPlanMaxAgeDays: 90,
          naiveCapacityStrategies: ['scale-up'],
        },
      },
      alertmanager: {
        url: 'http://am:9093',
        entityLabel: 'app',
        namespace: 'payments',
        timeoutMs: 1000,
      },
      opsLoad: { hoursPerPersonWeek: expect.any(Function) },
      scorecard: { intervalMinutes: 5, retentionDays: 30 },
      knowledge: {
        repositories: [
          {
            entityRef: 'component:default/checkout',
            path: '/srv/backend/repos/checkout',
            excludePatterns: ['fixtures/'],
          },
        ],
        localRoots: ['/srv/backend/repos', '/abs/root'],
        excludePatterns: ['**/vendor/**'],
        authorshipRules: 'reference-tool',
        onDemandTimeoutMs: 30_000,
      },
      localFiles: { allow: ['/srv/slos'] },
      validation: { maxFutureDays: 30 },
      slo: { budgetPolicy: { steps: [] } },
      notifications: {
        'stressor-high': { enabled: false, minLevel: 5 },
        'slo-page': { enabled: false },
        'ops-cap': { enabled: false },
        'exemption-expiring': { enabled: false, daysBefore: 7 },
      },
    });
  });

  it('reads the error-budget policy steps, keyed by rule unless named', () => {
    expect(
      read({
        slo: {
          budgetPolicy: {
            steps: [
              { below: 0.25, action: ' reliability work first ' },
              { exhausted: true, action: 'freeze feature releases' },
              { below: 0.5, action: 'slow down', name: 'half-spent' },
            ],
          },
        },
      }).slo.budgetPolicy.steps,
    ).toEqual([
      { key: 'below-25', below: 0.25, action: 'reliability work first' },
      { key: 'exhausted', exhausted: true, action: 'freeze feature releases' },
      { key: 'half-spent', below: 0.5, action: 'slow down' },
    ]);
  });

  it.each([
    [{ action: 'x' }, /steps\[0\] must have exactly one of 'below'/],
    [{ below: 0.5, exhausted: true, action: 'x' }, /exactly one of/],
    [{ below: 0, action: 'x' }, /steps\[0\]\.below must be a fraction/],
    [{ below: 1.5, action: 'x' }, /below must be a fraction/],
    [{ exhausted: true, action: '  ' }, /steps\[0\]\.action must not be empty/],
    [
      { exhausted: true, action: 'x', name: 'Bad Name' },
      /name must be kebab-case/,
    ],
  ])('refuses the step %j at startup, naming it', (step, message) => {
    expect(() => read({ slo: { budgetPolicy: { steps: [step] } } })).toThrow(
      message,
    );
  });

  it('refuses two steps with the same key', () => {
    expect(() =>
      read({
        slo: {
          budgetPolicy: {
            steps: [
              { below: 0.25, action: 'a' },
              { below: 0.25, action: 'b' },
            ],
          },
        },
      }),
    ).toThrow(/two steps named 'below-25'/);
  });

  it('reads the notification kinds: each on unless switched off, with its threshold', () => {
    expect(
      read({
        notifications: {
          'stressor-high': { minLevel: 5 },
          'slo-page': { enabled: false },
          'exemption-expiring': { daysBefore: 0 },
        },
      }).notifications,
    ).toEqual({
      'stressor-high': { enabled: true, minLevel: 5 },
      'slo-page': { enabled: false },
      'ops-cap': { enabled: true },
      'exemption-expiring': { enabled: true, daysBefore: 0 },
    });
  });

  it.each([
    [
      { 'stressor-high': { minLevel: 6 } },
      /stressor-high\.minLevel must be a whole number from 1 to 5, got 6/,
    ],
    [{ 'stressor-high': { minLevel: 3.5 } }, /minLevel must be a whole number/],
    [
      { 'exemption-expiring': { daysBefore: -1 } },
      /exemption-expiring\.daysBefore must be a whole number from 0 to 365/,
    ],
  ])(
    'refuses the notification settings %j at startup, naming the key',
    (notifications, message) => {
      expect(() => read({ notifications })).toThrow(message);
    },
  );

  it('fills the alertmanager defaults', () => {
    expect(read({ alertmanager: { url: 'http://am' } }).alertmanager).toEqual({
      url: 'http://am',
      entityLabel: 'service',
      namespace: 'default',
      timeoutMs: 5000,
    });
  });

  it('gives each team its hours per person: the override, else the default', () => {
    const config = read({
      opsLoad: {
        hoursPerPersonWeek: 36,
        teams: [{ teamRef: 'Group:default/Payments', hoursPerPersonWeek: 32 }],
      },
    });
    expect(config.opsLoad.hoursPerPersonWeek('group:default/payments')).toBe(
      32,
    );
    expect(config.opsLoad.hoursPerPersonWeek('group:default/ledger')).toBe(36);
    expect(read({}).opsLoad.hoursPerPersonWeek('group:default/x')).toBe(40);
  });

  it.each([
    [
      { opsLoad: { hoursPerPersonWeek: 0 } },
      'sreHealth.opsLoad.hoursPerPersonWeek',
    ],
    [
      { opsLoad: { teams: [{ teamRef: 'group:a', hoursPerPersonWeek: 200 }] } },
      'sreHealth.opsLoad.teams[0].hoursPerPersonWeek',
    ],
    [{ tab: { cacheSeconds: 'soon' } }, 'sreHealth.tab.cacheSeconds'],
    [{ sreGroups: 'sre' }, 'sreHealth.sreGroups'],
    [
      { detection: { alertFiringsMin: 'many' } },
      'sreHealth.detection.alertFiringsMin',
    ],
    [{ scorecard: { retentionDays: [] } }, 'sreHealth.scorecard.retentionDays'],
    [{ detection: { overloadWeeks: 0 } }, 'sreHealth.detection.overloadWeeks'],
    [
      { detection: { overloadWeeks: 2.5 } },
      'sreHealth.detection.overloadWeeks',
    ],
    [
      { validation: { maxFutureDays: -1 } },
      'sreHealth.validation.maxFutureDays',
    ],
    [
      { validation: { maxFutureDays: 1.5 } },
      'sreHealth.validation.maxFutureDays',
    ],
    [
      { dataSources: [{ name: 'x', type: 'graphite', url: 'http://g' }] },
      'sreHealth.dataSources',
    ],
    [{ alertmanager: { namespace: 'x' } }, 'sreHealth.alertmanager.url'],
    [
      { knowledge: { repositories: [{ entityRef: 'not a ref', path: 'x' }] } },
      'sreHealth.knowledge.repositories',
    ],
    [
      { knowledge: { authorshipRules: 'github' } },
      'sreHealth.knowledge.authorshipRules',
    ],
  ])('refuses %j, naming %s', (sreHealth, key) => {
    expect(() => read(sreHealth)).toThrow(key);
  });
});
