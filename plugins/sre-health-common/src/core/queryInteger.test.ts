import { z } from 'zod';
import { queryInteger } from './queryInteger';
import {
  scorecardQuerySchema,
  scorecardTrendsQuerySchema,
} from '../scorecard/query';

describe('queryInteger', () => {
  const limit = queryInteger(1, 500);

  it('takes decimal integers within range, as text or as numbers', () => {
    expect(['1', '25', '500'].map(v => limit.parse(v))).toEqual([1, 25, 500]);
    expect(limit.parse(7)).toBe(7);
    expect(queryInteger(0, 10).parse('0')).toBe(0);
  });

  it.each([
    '0x10',
    '0b1',
    '0o7',
    '1e2',
    '-1',
    '+5',
    '05',
    '5.0',
    '5.',
    ' 5',
    '5 ',
    '\t5',
    '',
    'Infinity',
    'NaN',
    '٥',
    '0',
    '501',
    '99999999999999999999',
  ])('refuses %p', value => {
    expect(limit.safeParse(value).success).toBe(false);
  });

  it('refuses numbers that are no integers in range, and other types', () => {
    for (const value of [1.5, 0, 501, NaN, Infinity, -1, null, [], ['5'], {}]) {
      expect(limit.safeParse(value).success).toBe(false);
    }
  });

  it('says what is wrong under the parameter name', () => {
    const query = z.object({ limit }).strict();
    const issues = (value: string) =>
      query
        .safeParse({ limit: value })
        .error?.issues.map(i => [i.path.join('.'), i.message]);
    expect(issues('0x10')).toEqual([
      ['limit', 'must be a decimal integer (digits only)'],
    ]);
    expect(issues('501')).toEqual([['limit', 'must be at most 500']]);
    expect(issues('0')).toEqual([['limit', 'must be at least 1']]);
  });

  it('is what the scorecard parses offset, limit and days with', () => {
    for (const bad of [
      { limit: '0x10' },
      { offset: '1e7' },
      { limit: ' 5' },
      { limit: '-1' },
    ]) {
      expect(scorecardQuerySchema.safeParse(bad).success).toBe(false);
    }
    expect(scorecardTrendsQuerySchema.safeParse({ days: '1e2' }).success).toBe(
      false,
    );
    expect(scorecardTrendsQuerySchema.parse({ days: '100' })).toEqual({
      days: 100,
    });
  });
});
