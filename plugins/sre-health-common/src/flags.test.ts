import { compareFlagsByPriority, isRated } from './flags';
import { rateStressorFlagSchema, updateStressorFlagSchema } from './schemas';
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
