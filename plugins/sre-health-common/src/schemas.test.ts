import {
  createAlertDiagnosisSchema,
  createEngagementSchema,
  createOpsLoadSampleSchema,
  createStressorFlagSchema,
  normalizeEntityRef,
} from './schemas';
import { STRESSOR_KEYS, STRESSORS } from './stressors';
import { isSreHealthAvailable } from './annotations';

describe('schemas', () => {
  it('normalises entity refs to the canonical lower-case form', () => {
    expect(normalizeEntityRef('Component:Default/Payments-API')).toBe(
      'component:default/payments-api',
    );
    expect(normalizeEntityRef('group:payments', 'group')).toBe(
      'group:default/payments',
    );
    expect(() => normalizeEntityRef('payments-api')).toThrow();
    expect(() => normalizeEntityRef('user:default/x', 'group')).toThrow(
      /group/,
    );
  });

  it('accepts the eight stressors and custom keys, and defaults status and evidence', () => {
    for (const key of [...STRESSOR_KEYS, 'custom:flaky-ci']) {
      const parsed = createStressorFlagSchema.parse({
        entityRef: 'component:default/a',
        stressorKey: key,
        stressLevel: 1,
      });
      expect(parsed).toMatchObject({ status: 'open', evidence: '' });
    }
    expect(
      createStressorFlagSchema.safeParse({
        entityRef: 'component:default/a',
        stressorKey: 'custom:Not Kebab',
        stressLevel: 1,
      }).success,
    ).toBe(false);
  });

  it('requires the SRE to be a user and the team a group', () => {
    expect(
      createEngagementSchema.safeParse({
        teamRef: 'user:default/a',
        sreRef: 'user:default/b',
      }).success,
    ).toBe(false);
  });

  it('requires ops-load weeks to start on a Monday', () => {
    const base = { teamRef: 'group:default/t', opsHours: 1, projectHours: 1 };
    expect(
      createOpsLoadSampleSchema.safeParse({ ...base, weekStart: '2026-11-23' })
        .success,
    ).toBe(true);
    expect(
      createOpsLoadSampleSchema.safeParse({ ...base, weekStart: '2026-11-24' })
        .success,
    ).toBe(false);
  });
});

describe('stressors and availability', () => {
  it('defines the eight stressors of the book, each with what makes it visible', () => {
    expect(STRESSORS.map(s => s.key)).toEqual([...STRESSOR_KEYS]);
    expect(STRESSORS).toHaveLength(8);
    for (const s of STRESSORS) {
      expect(s.visibleWhen.length).toBeGreaterThan(10);
    }
  });

  it('shows the tab on services and entities that opt in', () => {
    const entity = (kind: string, type?: string, enabled?: string) => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind,
      metadata: {
        name: 'x',
        annotations: enabled
          ? { 'sre-health.dev/enabled': enabled }
          : undefined,
      },
      spec: type ? { type } : {},
    });
    expect(isSreHealthAvailable(entity('Component', 'service'))).toBe(true);
    expect(isSreHealthAvailable(entity('Component', 'website'))).toBe(false);
    expect(isSreHealthAvailable(entity('Component', 'website', 'true'))).toBe(
      true,
    );
    expect(isSreHealthAvailable(entity('Component', 'service', 'false'))).toBe(
      false,
    );
  });

  it('takes only http(s) runbook links, since the tab renders them as links', () => {
    const diagnosis = (runbookUrl: string) =>
      createAlertDiagnosisSchema.safeParse({
        entityRef: 'component:default/a',
        alertName: 'HighLatency',
        runbookUrl,
      });
    expect(diagnosis('https://runbooks.example/latency').success).toBe(true);
    expect(diagnosis('').success).toBe(true);
    // eslint-disable-next-line no-script-url -- the URL this rule exists to refuse
    const scriptUrl = 'javascript:alert(1)';
    for (const bad of [scriptUrl, 'data:text/html,x', 'not a url']) {
      const result = diagnosis(bad);
      expect(result.success).toBe(false);
      expect(result.error?.issues[0].path).toEqual(['runbookUrl']);
    }
  });
});
