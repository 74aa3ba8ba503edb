import {
  MAX_PUSHED_SHIFTS,
  pushOnCallShiftsSchema,
  pushOnCallShiftsSchemaWith,
  whatIfPersonSchema,
} from './schemas';

const shift = {
  userRef: 'User:Default/Carol',
  startsAt: '2026-11-01T00:00:00+01:00',
  endsAt: '2026-11-08T00:00:00Z',
};

describe('pushOnCallShiftsSchema', () => {
  it('normalises refs and dates', () => {
    expect(
      pushOnCallShiftsSchema.parse({
        entityRef: 'Component:default/Ledger-Service',
        shifts: [shift],
      }),
    ).toEqual({
      entityRef: 'component:default/ledger-service',
      shifts: [
        {
          userRef: 'user:default/carol',
          startsAt: '2026-10-31T23:00:00.000Z',
          endsAt: '2026-11-08T00:00:00.000Z',
        },
      ],
    });
  });

  it('names the bad fields', () => {
    const result = pushOnCallShiftsSchema.safeParse({
      entityRef: 'ledger',
      shifts: [
        { ...shift, userRef: 'group:default/sre' },
        { ...shift, endsAt: '2026-10-01T00:00:00Z' },
        { ...shift, startsAt: 'yesterday', extra: 1 },
      ],
    });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map(i => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'entityRef',
        'shifts.0.userRef',
        'shifts.2.startsAt',
        'shifts.2',
      ]),
    );
    // a refine runs only once the object itself parsed
    expect(
      pushOnCallShiftsSchema.safeParse({
        entityRef: 'component:default/a',
        shifts: [{ ...shift, endsAt: '2026-10-01T00:00:00Z' }],
      }).error?.issues[0].path,
    ).toEqual(['shifts', 0, 'endsAt']);
  });

  it('takes shifts that have started, ending at most the margin ahead (#15 item 3)', () => {
    const DAY = 86_400_000;
    const iso = (days: number) =>
      new Date(Date.now() + days * DAY).toISOString();
    const push = (s: object, schema = pushOnCallShiftsSchema) =>
      schema.safeParse({
        entityRef: 'component:default/a',
        shifts: [{ ...shift, ...s }],
      });
    const problems = (r: ReturnType<typeof push>) =>
      r.success
        ? []
        : r.error.issues.map(i => `${i.path.join('.')}: ${i.message}`);
    // the shift under way: started, ends next week
    expect(push({ startsAt: iso(-1), endsAt: iso(6) }).success).toBe(true);
    expect(problems(push({ startsAt: iso(1), endsAt: iso(8) }))).toEqual([
      'shifts.0.startsAt: must not be in the future',
    ]);
    expect(problems(push({ startsAt: '1', endsAt: iso(1) }))).toEqual([
      expect.stringMatching(
        /^shifts.0.startsAt: must be an ISO 8601 date-time/,
      ),
    ]);
    expect(problems(push({ startsAt: '2026-02-29T00:00:00Z' }))).toEqual([
      'shifts.0.startsAt: must be a real calendar date',
    ]);
    expect(problems(push({ endsAt: '+275760-09-13T00:00:00.000Z' }))).toEqual([
      expect.stringMatching(/^shifts.0.endsAt: must be an ISO 8601 date-time/),
    ]);
    expect(problems(push({ endsAt: '9999-12-31T00:00:00Z' }))).toEqual([
      expect.stringMatching(
        /^shifts.0.endsAt: must be at most 1826 days ahead/,
      ),
    ]);
    const week = pushOnCallShiftsSchemaWith({ maxFutureDays: 7 });
    expect(push({ startsAt: iso(-1), endsAt: iso(6) }, week).success).toBe(
      true,
    );
    expect(problems(push({ startsAt: iso(-1), endsAt: iso(8) }, week))).toEqual(
      [expect.stringMatching(/^shifts.0.endsAt: must be at most 7 days ahead/)],
    );
  });

  it(`takes 1 to ${MAX_PUSHED_SHIFTS} shifts`, () => {
    const push = (n: number) =>
      pushOnCallShiftsSchema.safeParse({
        entityRef: 'component:default/a',
        shifts: Array.from({ length: n }, () => shift),
      }).success;
    expect(push(0)).toBe(false);
    expect(push(MAX_PUSHED_SHIFTS)).toBe(true);
    expect(push(MAX_PUSHED_SHIFTS + 1)).toBe(false);
  });
});

describe('whatIfPersonSchema', () => {
  it('normalises user refs and keeps git identities', () => {
    expect(whatIfPersonSchema.parse('User:Default/Carol')).toBe(
      'user:default/carol',
    );
    expect(whatIfPersonSchema.parse(' Mallory <mallory@example.com> ')).toBe(
      'Mallory <mallory@example.com>',
    );
    expect(whatIfPersonSchema.safeParse('').success).toBe(false);
  });
});
