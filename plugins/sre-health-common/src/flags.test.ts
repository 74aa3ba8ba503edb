import {
  compareFlagsByPriority,
  describeExemption,
  isExemptionExpired,
  isRated,
  utcToday,
} from './flags';
import { formatScorecardCell } from './scorecard/format';
import {
  MAX_EXEMPTION_DAYS,
  rateStressorFlagSchema,
  updateStressorFlagSchema,
} from './schemas';
import type { StressorFlag } from './types';

const flag = (
  id: string,
  level: number,
  more: Partial<StressorFlag> = {},
): StressorFlag =>
  ({
    id,
    status: 'open',
    createdAt: '2026-11-01T00:00:00Z',
    stressLevel: more.ratedLevel ?? level,
    proposedLevel: level,
    ratedLevel: null,
    ...more,
  } as StressorFlag);

describe('stress is what the team feels', () => {
  it('orders rated flags by their rating before the proposals nobody rated yet', () => {
    const flags = [
      flag('proposed-5', 5),
      flag('rated-2', 4, { ratedLevel: 2 }),
      flag('proposed-3', 3),
      flag('rated-4', 1, { ratedLevel: 4 }),
      flag('closed', 5, { ratedLevel: 5, status: 'resolved' }),
    ];
    expect([...flags].sort(compareFlagsByPriority).map(f => f.id)).toEqual([
      'rated-4',
      'rated-2',
      'proposed-5',
      'proposed-3',
      'closed',
    ]);
    expect(isRated(flags[0])).toBe(false);
    expect(isRated(flags[1])).toBe(true);
  });

  it('takes a rating of 1..5 with the version read; an override is no longer a thing', () => {
    expect(rateStressorFlagSchema.parse({ version: 3, level: 4 })).toEqual({
      version: 3,
      level: 4,
    });
    for (const body of [
      { version: 3, level: 0 },
      { version: 3, level: 2.5 },
      { version: 3, level: 6 },
      { level: 4 },
      { version: 3, level: 4, ratedBy: 'user:default/carol' },
    ]) {
      expect(rateStressorFlagSchema.safeParse(body).success).toBe(false);
    }
    expect(
      updateStressorFlagSchema.safeParse({ version: 1, levelOverride: 3 })
        .success,
    ).toBe(false);
  });
});

describe('exemptions that expire', () => {
  const DAY = 86_400_000;
  const inDays = (days: number) => utcToday(new Date(Date.now() + days * DAY));
  const exempt = (exemptUntil: string) =>
    flag('x', 4, { status: 'exempt', exemptUntil, exemptReason: 'January' });

  it('runs through its last day (UTC), then has expired', () => {
    expect(isExemptionExpired(exempt('2027-01-15'), '2027-01-15')).toBe(false);
    expect(isExemptionExpired(exempt('2027-01-15'), '2027-01-16')).toBe(true);
    expect(isExemptionExpired(flag('open', 4), '2099-01-01')).toBe(false);
    expect(utcToday(new Date('2027-01-15T23:59:59.999Z'))).toBe('2027-01-15');
  });

  it('sorts an exempt flag after the open ones, and says it in words', () => {
    const flags = [exempt('2027-01-15'), flag('open', 2)];
    expect([...flags].sort(compareFlagsByPriority).map(f => f.id)).toEqual([
      'open',
      'x',
    ]);
    expect(describeExemption(exempt('2027-01-15'))).toBe(
      'exempt until 2027-01-15 — January',
    );
    expect(
      formatScorecardCell({ status: 'exempt', level: 0, until: '2027-01-15' }),
    ).toBe('exempt until 2027-01-15');
  });

  it('needs a date from today to a year ahead and a justification, naming the field', () => {
    const parse = (body: object) => {
      const result = updateStressorFlagSchema.safeParse({
        version: 1,
        ...body,
      });
      return result.success
        ? 'ok'
        : result.error.issues.map(i => i.path.join('.')).join(',');
    };
    const ok = { status: 'exempt', exemptUntil: inDays(30), exemptReason: 'x' };
    expect(parse(ok)).toBe('ok');
    expect(parse({ ...ok, exemptUntil: utcToday() })).toBe('ok');
    expect(parse({ ...ok, exemptUntil: undefined })).toBe('exemptUntil');
    expect(parse({ ...ok, exemptReason: undefined })).toBe('exemptReason');
    expect(parse({ ...ok, exemptReason: ' ' })).toBe('exemptReason');
    expect(parse({ ...ok, exemptUntil: inDays(-1) })).toBe('exemptUntil');
    expect(parse({ ...ok, exemptUntil: inDays(MAX_EXEMPTION_DAYS + 2) })).toBe(
      'exemptUntil',
    );
    expect(parse({ ...ok, exemptUntil: '2027-02-30' })).toBe('exemptUntil');
  });
});
