import {
  createAlertDiagnosisSchema,
  createComplaintSchema,
  createDeferredProblemSchema,
  createEngagementSchema,
  createFireSchema,
  createOpsLoadSampleSchema,
  createPostmortemSchema,
  createStressorFlagSchema,
  deferredProblemSchemasWith,
  pushSloEventsSchema,
  updateDeferredProblemSchema,
  updateFireSchema,
  updatePostmortemSchema,
} from './schemas';
import { normalizeEntityRef } from './core/entityRef';
import { startEngagementSchema } from './engagement/schemas';
import { pushAlertFiringsSchema } from './interrupts/schemas';
import { STRESSOR_KEYS, STRESSORS } from './stressors';
import { isSreHealthAvailable } from './core/annotations';

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

describe('dates in request bodies (#15 item 3)', () => {
  const DAY = 86_400_000;
  const entityRef = 'component:default/a';
  /** `field: message` of each issue, as the backend's 400 names them. */
  const problems = (result: {
    success: boolean;
    error?: { issues: Array<{ path: PropertyKey[]; message: string }> };
  }) =>
    result.success
      ? []
      : result.error!.issues.map(i => `${i.path.join('.')}: ${i.message}`);
  const inDays = (days: number) => new Date(Date.now() + days * DAY);
  const day = (days: number) => inDays(days).toISOString().slice(0, 10);

  it('refuses the date-times the probe stored, naming the field', () => {
    const fire = { entityRef, title: 't' };
    expect(
      problems(createFireSchema.safeParse({ ...fire, occurredAt: '1' })),
    ).toEqual([
      expect.stringMatching(/^occurredAt: must be an ISO 8601 date-time/),
    ]);
    expect(
      problems(createFireSchema.safeParse({ ...fire, occurredAt: 'hello 5' })),
    ).toEqual([
      expect.stringMatching(/^occurredAt: must be an ISO 8601 date-time/),
    ]);
    expect(
      problems(
        createFireSchema.safeParse({
          ...fire,
          occurredAt: '2026-02-30T00:00:00Z',
        }),
      ),
    ).toEqual(['occurredAt: must be a real calendar date']);
    expect(
      problems(
        createPostmortemSchema.safeParse({
          ...fire,
          occurredAt: '9999-12-31T23:59:59.999Z',
        }),
      ),
    ).toEqual(['occurredAt: must not be in the future']);
    expect(
      problems(
        updatePostmortemSchema.safeParse({
          version: 1,
          occurredAt: '+275760-09-13T00:00:00.000Z',
        }),
      ),
    ).toEqual([
      expect.stringMatching(/^occurredAt: must be an ISO 8601 date-time/),
    ]);
    expect(
      problems(
        updateFireSchema.safeParse({
          version: 1,
          occurredAt: '1969-12-31T23:59:59Z',
        }),
      ),
    ).toEqual(['occurredAt: must be 1970 or later']);
    expect(
      problems(
        createComplaintSchema.safeParse({
          entityRef,
          summary: 's',
          receivedAt: inDays(1).toISOString(),
        }),
      ),
    ).toEqual(['receivedAt: must not be in the future']);
    expect(
      problems(
        pushAlertFiringsSchema.safeParse({
          entityRef,
          firings: [
            { alertName: 'a', startsAt: '2026-11-01T10:00:00Z' },
            { alertName: 'a', startsAt: '2026-11-31T10:00:00Z' },
          ],
        }),
      ),
    ).toEqual(['firings.1.startsAt: must be a real calendar date']);
    expect(
      problems(
        pushSloEventsSchema.safeParse({
          entityRef,
          slo: 's',
          buckets: [
            { start: '2026-11-01T10:00:00Z', good: 1, total: 1 },
            { start: '-271821-04-20T00:00:00.000Z', good: 1, total: 1 },
            { start: '2026-11-01T10:00:30Z', good: 1, total: 1 },
          ],
        }),
      ),
    ).toEqual([
      expect.stringMatching(/^buckets.1.start: must be an ISO 8601 date-time/),
      'buckets.2.start: must start on a whole minute',
    ]);
  });

  it('normalises accepted date-times to toISOString()', () => {
    expect(
      createFireSchema.parse({
        entityRef,
        title: 't',
        occurredAt: '2026-11-01T10:00:00+01:00',
      }).occurredAt,
    ).toBe('2026-11-01T09:00:00.000Z');
    expect(
      createComplaintSchema.parse({
        entityRef,
        summary: 's',
        receivedAt: new Date(Date.now() + 60_000).toISOString(), // within the clock skew
      }).receivedAt,
    ).toMatch(/Z$/);
    expect(
      pushSloEventsSchema.parse({
        entityRef,
        slo: 's',
        buckets: [{ start: '2026-11-01T10:00+02:00', good: 1, total: 1 }],
      }).buckets[0].start,
    ).toBe('2026-11-01T08:00:00.000Z');
  });

  it('refuses impossible and far-off days in date-only fields', () => {
    const team = {
      teamRef: 'group:default/t',
      sreRef: 'user:default/s',
      plannedEndDate: day(60),
    };
    expect(
      problems(
        createEngagementSchema.safeParse({ ...team, startDate: '2023-02-30' }),
      ),
    ).toEqual(['startDate: must be a real calendar date']);
    expect(
      problems(
        createEngagementSchema.safeParse({ ...team, startDate: '0000-01-01' }),
      ),
    ).toEqual(['startDate: must be 1970 or later']);
    expect(
      problems(
        startEngagementSchema.safeParse({
          ...team,
          situation: 'other',
          startDate: day(3),
        }),
      ),
    ).toEqual(['startDate: must not be in the future']);
    expect(
      startEngagementSchema.safeParse({
        ...team,
        situation: 'other',
        startDate: day(-3),
      }).success,
    ).toBe(true);
    const problem = { entityRef, title: 't', deferredUntil: 'v2' };
    expect(
      problems(
        createDeferredProblemSchema.safeParse({
          ...problem,
          dueDate: '2023-02-30',
        }),
      ),
    ).toEqual(['dueDate: must be a real calendar date']);
    expect(
      problems(
        updateDeferredProblemSchema.safeParse({
          version: 1,
          dueDate: '9999-12-31',
        }),
      ),
    ).toEqual([
      expect.stringMatching(/^dueDate: must be at most 1826 days ahead/),
    ]);
    // a due date is a plan: a year ahead is fine, and so is an overdue one
    expect(
      createDeferredProblemSchema.safeParse({ ...problem, dueDate: day(365) })
        .success,
    ).toBe(true);
    expect(
      createDeferredProblemSchema.safeParse({
        ...problem,
        dueDate: '2001-01-01',
      }).success,
    ).toBe(true);
    expect(
      updateDeferredProblemSchema.safeParse({ version: 1, dueDate: null })
        .success,
    ).toBe(true);
  });

  it('takes the margin of future-facing fields as a parameter', () => {
    const { create, update } = deferredProblemSchemasWith({
      maxFutureDays: 30,
    });
    const problem = { entityRef, title: 't', deferredUntil: 'v2' };
    expect(create.safeParse({ ...problem, dueDate: day(20) }).success).toBe(
      true,
    );
    expect(
      problems(create.safeParse({ ...problem, dueDate: day(40) })),
    ).toEqual([
      expect.stringMatching(/^dueDate: must be at most 30 days ahead/),
    ]);
    expect(
      problems(update.safeParse({ version: 1, dueDate: day(40) })),
    ).toEqual([
      expect.stringMatching(/^dueDate: must be at most 30 days ahead/),
    ]);
    expect(() =>
      deferredProblemSchemasWith({ maxFutureDays: -1 }).create.parse({
        ...problem,
        dueDate: day(1),
      }),
    ).toThrow(/maxFutureDays/);
  });

  it("checks ops-load weeks on the real calendar, up to this week's Monday", () => {
    const base = { teamRef: 'group:default/t', opsHours: 1, projectHours: 1 };
    const weekStart = (value: string) =>
      problems(
        createOpsLoadSampleSchema.safeParse({ ...base, weekStart: value }),
      );
    // 30 February 2026 is what Date.parse reads as Monday 2 March
    expect(weekStart('2026-02-30')).toEqual([
      'weekStart: must be a real calendar date',
    ]);
    expect(weekStart('2023-04-31')).toEqual([
      'weekStart: must be a real calendar date',
    ]);
    expect(weekStart('2026-03-02')).toEqual([]);
    expect(weekStart('2032-01-05')).toEqual([
      'weekStart: must not be in the future',
    ]);
    expect(weekStart('0000-01-03')).toEqual([
      'weekStart: must be 1970 or later',
    ]);
    const nextMonday = new Date(Date.now() + 7 * DAY);
    nextMonday.setUTCDate(
      nextMonday.getUTCDate() - ((nextMonday.getUTCDay() + 6) % 7) + 7,
    );
    expect(weekStart(nextMonday.toISOString().slice(0, 10))).toEqual([
      'weekStart: must not be in the future',
    ]);
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
