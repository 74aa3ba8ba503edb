import {
  MAX_PUSHED_SHIFTS,
  pushOnCallShiftsSchema,
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
