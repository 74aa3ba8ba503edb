import { createEngagementSchema } from '../schemas';
import { plannedEndProblem } from '../engagementPlan';
import { daysBetween, scheduleStatement } from './plan';
import { startEngagementSchema } from './schemas';

describe('the plan of an engagement', () => {
  const team = {
    teamRef: 'group:default/search-team',
    sreRef: 'user:default/bob',
  };

  it('requires a planned end date, after the start, on both ways to start one', () => {
    const issues = (r: { success: boolean; error?: any }) =>
      r.success
        ? []
        : r.error.issues.map((i: any) => `${i.path.join('.')}: ${i.message}`);
    expect(issues(createEngagementSchema.safeParse(team))).toEqual([
      expect.stringMatching(/^plannedEndDate: /),
    ]);
    expect(
      issues(startEngagementSchema.safeParse({ ...team, situation: 'other' })),
    ).toEqual([expect.stringMatching(/^plannedEndDate: /)]);
    expect(
      issues(
        createEngagementSchema.safeParse({
          ...team,
          startDate: '2026-02-02',
          plannedEndDate: '2026-02-02',
        }),
      ),
    ).toEqual(['plannedEndDate: must be after the start date (2026-02-02)']);
    expect(
      issues(
        startEngagementSchema.safeParse({
          ...team,
          situation: 'other',
          startDate: '2026-02-02',
          plannedEndDate: '2026-02-30',
        }),
      ),
    ).toEqual(['plannedEndDate: must be a real calendar date']);
    expect(
      createEngagementSchema.parse({
        ...team,
        startDate: '2026-02-02',
        plannedEndDate: '2026-04-24',
        concurrentReason: '  The payments freeze cannot wait  ',
      }),
    ).toMatchObject({
      plannedEndDate: '2026-04-24',
      concurrentReason: 'The payments freeze cannot wait',
    });
    expect(
      issues(
        createEngagementSchema.safeParse({
          ...team,
          plannedEndDate: '2026-04-24',
          concurrentReason: '   ',
        }),
      ),
    ).toEqual(['concurrentReason: must not be empty']);
    expect(
      issues(
        createEngagementSchema.safeParse({
          ...team,
          plannedEndDate: '2026-04-24',
          concurrentReason: '\u0000',
        }),
      ),
    ).toEqual(['concurrentReason: must not contain control characters']);
  });

  it('compares the end with the plan, in one sentence', () => {
    const base = { startDate: '2026-02-02', plannedEndDate: '2026-04-24' };
    expect(
      scheduleStatement({
        ...base,
        endDate: '2026-05-15',
        today: '2026-05-15',
      }),
    ).toBe(
      'Planned for 12 weeks, to end 2026-04-24; it ended 2026-05-15, 3 weeks later than planned.',
    );
    expect(
      scheduleStatement({
        ...base,
        endDate: '2026-04-20',
        today: '2026-04-20',
      }),
    ).toBe(
      'Planned for 12 weeks, to end 2026-04-24; it ended 2026-04-20, 4 days earlier than planned.',
    );
    expect(
      scheduleStatement({
        ...base,
        endDate: '2026-04-24',
        today: '2026-04-24',
      }),
    ).toBe(
      'Planned for 12 weeks, to end 2026-04-24; it ended on the planned day.',
    );
    expect(
      scheduleStatement({ ...base, endDate: null, today: '2026-04-23' }),
    ).toBe('Planned for 12 weeks, to end 2026-04-24: 1 day left.');
    expect(
      scheduleStatement({ ...base, endDate: null, today: '2026-05-08' }),
    ).toBe(
      'Planned for 12 weeks, to end 2026-04-24: still running 2 weeks past the planned end.',
    );
    expect(
      scheduleStatement({
        startDate: '2026-02-02',
        plannedEndDate: null,
        endDate: '2026-03-02',
        today: '2026-03-02',
      }),
    ).toBe('No end date was planned; the engagement ran 4 weeks.');
  });

  it('counts days between calendar dates', () => {
    expect(daysBetween('2026-02-27', '2026-03-01')).toBe(2);
    expect(daysBetween('2026-03-01', '2026-02-27')).toBe(-2);
    expect(plannedEndProblem('2026-02-02', '2026-02-03')).toBeUndefined();
  });
});
