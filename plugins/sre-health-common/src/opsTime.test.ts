import { summarizeOpsLoad } from './opsLoad';
import type { OpsLoadSample } from './types';
import {
  PAGE_MINUTES_CAP,
  computeOpsTimeWeeks,
  isoWeekStart,
  pageMinutes,
  teamOpsWeeks,
} from './opsTime';
import {
  interruptLedger,
  pushAlertFiringsSchema,
  pushInterruptsSchema,
} from './interrupts';

// The week of Monday 2026-11-30: 4 members × 40 h = 160 h of capacity.
const inputs = {
  members: 4,
  hoursPerPersonWeek: 40,
  fires: [
    {
      occurredAt: '2026-11-30T09:00:00Z',
      timeSpentMinutes: 90,
      kind: 'toil' as const,
      causeKey: 'fire:disk full',
    },
    {
      occurredAt: '2026-12-02T09:00:00Z',
      timeSpentMinutes: 30,
      kind: 'overhead' as const,
      causeKey: 'fire:deploy',
    },
    {
      occurredAt: '2026-12-06T23:59:00Z',
      kind: 'unsorted' as const,
      causeKey: 'fire:other',
    },
  ],
  pages: [
    // 90 minutes, its cause sorted as toil
    {
      startsAt: '2026-12-01T10:00:00Z',
      endsAt: '2026-12-01T11:30:00Z',
      causeKey: 'alert:a',
    },
    // 48 hours left firing: counts 24 h
    {
      startsAt: '2026-12-01T00:00:00Z',
      endsAt: '2026-12-03T00:00:00Z',
      causeKey: 'alert:b',
    },
    // unresolved: a page, no minutes yet
    { startsAt: '2026-12-04T00:00:00Z', causeKey: 'alert:b' },
  ],
  interrupts: [{ weekStart: '2026-11-30', count: 12, minutes: 600 }],
  causeClasses: { 'alert:a': 'toil' as const, 'alert:b': 'overhead' as const },
};

describe('computed ops time', () => {
  it('puts a time in the ISO week of its Monday (UTC)', () => {
    expect(isoWeekStart('2026-12-06T23:59:00Z')).toBe('2026-11-30');
    expect(isoWeekStart('2026-11-30T00:00:00Z')).toBe('2026-11-30');
    expect(isoWeekStart('2026-12-07T00:00:00Z')).toBe('2026-12-07');
  });

  it('counts a page from firing to resolution, capped at 24 h, 0 while unresolved', () => {
    expect(pageMinutes('2026-12-01T10:00:00Z', '2026-12-01T11:30:00Z')).toBe(
      90,
    );
    expect(pageMinutes('2026-12-01T00:00:00Z', '2026-12-03T00:00:00Z')).toBe(
      PAGE_MINUTES_CAP,
    );
    expect(pageMinutes('2026-12-01T00:00:00Z')).toBe(0);
    // Alertmanager's projected end of an alert still firing
    expect(
      pageMinutes(
        '2026-12-01T00:00:00Z',
        '2026-12-01T02:00:00Z',
        new Date('2026-12-01T01:00:00Z'),
      ),
    ).toBe(0);
  });

  it('adds fires, pages and interrupts into the hand-computed share, each term shown', () => {
    const [week, ...rest] = computeOpsTimeWeeks(inputs);
    expect(rest).toEqual([]);
    // fires 90 + 30 = 120 min = 2 h; pages 90 + 1440 = 1530 min = 25.5 h; interrupts 600 min = 10 h
    expect(week).toEqual({
      weekStart: '2026-11-30',
      fireHours: 2,
      pageHours: 25.5,
      interruptHours: 10,
      opsHours: 37.5,
      // the toil fire (90 min) + the page whose cause is toil (90 min)
      toilHours: 3,
      fires: 3,
      untimedFires: 1,
      pages: 3,
      interrupts: 12,
      members: 4,
      hoursPerPersonWeek: 40,
      capacityHours: 160,
      share: 37.5 / 160,
    });
  });

  it('has no share without members, and no week without records', () => {
    expect(computeOpsTimeWeeks({ ...inputs, members: 0 })[0].share).toBeNull();
    expect(
      computeOpsTimeWeeks({ ...inputs, fires: [], pages: [], interrupts: [] }),
    ).toEqual([]);
  });
});

const typed = (weekStart: string, opsHours: number, projectHours: number) =>
  ({ weekStart, opsHours, projectHours } as OpsLoadSample);

describe('teamOpsWeeks: the one rule for a week share and its source', () => {
  const computed = computeOpsTimeWeeks(inputs);

  it('uses the computed share where nothing was typed, with its toil share', () => {
    const [week] = teamOpsWeeks([], computed);
    expect(week).toMatchObject({
      source: 'computed',
      share: 0.234375,
      typedShare: null,
      computedShare: 0.234375,
      toilShare: 3 / 37.5,
    });
  });

  it('lets a typed week win, labelled typed, the computed share beside it', () => {
    const [week] = teamOpsWeeks([typed('2026-11-30', 30, 10)], computed);
    expect(week).toMatchObject({
      source: 'typed',
      share: 0.75,
      typedShare: 0.75,
      computedShare: 0.234375,
      opsHours: 30,
      baseHours: 40,
    });
  });

  it('judges overload over computed and typed weeks, hours-weighted', () => {
    // 2026-11-23 typed 30/40; 2026-11-30 computed 37.5/160 → 67.5/200
    const summary = summarizeOpsLoad(
      'group:default/payments',
      [typed('2026-11-23', 30, 10)],
      2,
      computed,
    );
    expect(summary.windowOpsShare).toBeCloseTo(67.5 / 200, 10);
    expect(summary.latestSource).toBe('computed');
    expect(summary.windowSources).toEqual(['computed', 'typed']);
    expect(summary.window.map(w => w.source)).toEqual(['typed', 'computed']);
    expect(summary.overloaded).toBe(false);
    expect(summary.windowToilShare).toBeCloseTo(0.08, 10);
  });
});

describe('interruptLedger', () => {
  const now = new Date('2026-12-07T12:00:00Z');
  // 6 pages a week for the 4 weeks before the item was cleared (week of 2026-11-02),
  // 1 a week in the 4 full weeks after it
  const weeks = (from: string, n: number, perWeek: number) =>
    Array.from({ length: n }, (_, i) =>
      Array.from({ length: perWeek }, () => ({
        causeKey: 'alert:disk',
        source: 'page' as const,
        at: new Date(
          Date.parse(from) + i * 7 * 86_400_000 + 3_600_000,
        ).toISOString(),
        minutes: 30,
      })),
    ).flat();
  const events = [
    ...weeks('2026-10-05T00:00:00Z', 4, 6),
    ...weeks('2026-11-09T00:00:00Z', 4, 1),
    {
      causeKey: 'fire:x',
      source: 'fire' as const,
      at: '2026-12-01T00:00:00Z',
      minutes: 60,
    },
  ];

  it('groups by cause with counts and hours per week, and shows the fall after clearing', () => {
    const [disk, fire] = interruptLedger(
      events,
      [{ causeKey: 'alert:disk', causeClass: 'toil', kindlingItemId: 'k1' }],
      new Map([['k1', '2026-11-04T10:00:00Z']]),
      now,
    );
    expect(disk.count).toBe(28);
    expect(disk.hours).toBe(14);
    expect(disk.weeks[0]).toEqual({
      weekStart: '2026-10-05',
      count: 6,
      hours: 3,
    });
    expect(disk.causeClass).toBe('toil');
    expect(disk.effect).toMatchObject({
      beforePerWeek: 6,
      afterPerWeek: 1,
      fell: true,
      words: 'fell from 6/wk to 1/wk',
    });
    expect(fire).toMatchObject({
      causeKey: 'fire:x',
      count: 1,
      hours: 1,
      causeClass: null,
      effect: null,
    });
  });

  it('says so while no full week has passed since the clearing', () => {
    const [disk] = interruptLedger(
      events,
      [{ causeKey: 'alert:disk', causeClass: 'toil', kindlingItemId: 'k1' }],
      new Map([['k1', '2026-12-02T10:00:00Z']]),
      now,
    );
    expect(disk.effect?.afterPerWeek).toBeNull();
  });
});

describe('the pushes of the computed ops time', () => {
  it('refuses a page that ends before it fired, naming endsAt', () => {
    const result = pushAlertFiringsSchema.safeParse({
      entityRef: 'component:default/payments-api',
      firings: [
        {
          alertName: 'DiskFull',
          startsAt: '2026-11-30T02:00:00Z',
          endsAt: '2026-11-30T01:00:00Z',
        },
      ],
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(['firings', 0, 'endsAt']);
  });

  it('takes interrupts of a team, and refuses negative minutes', () => {
    const record = { startsAt: '2026-11-30T09:00:00Z', count: 3, minutes: 90 };
    expect(
      pushInterruptsSchema.safeParse({
        teamRef: 'group:default/payments-team',
        interrupts: [record],
      }).success,
    ).toBe(true);
    const bad = pushInterruptsSchema.safeParse({
      teamRef: 'group:default/payments-team',
      interrupts: [{ ...record, minutes: -1 }],
    });
    expect(bad.error?.issues[0].path).toEqual(['interrupts', 0, 'minutes']);
    expect(
      pushInterruptsSchema.safeParse({
        teamRef: 'component:default/payments-api',
        interrupts: [record],
      }).success,
    ).toBe(false);
  });
});
