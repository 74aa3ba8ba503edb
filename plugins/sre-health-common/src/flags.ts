import type { StressorFlag } from './types';

/**
 * The book's prioritisation: largest stress level first; among equals, the flag that has
 * been open longest; resolved flags last.
 * @public
 */
export function compareFlagsByPriority(
  a: StressorFlag,
  b: StressorFlag,
): number {
  const resolved =
    Number(a.status === 'resolved') - Number(b.status === 'resolved');
  if (resolved !== 0) return resolved;
  if (a.stressLevel !== b.stressLevel) return b.stressLevel - a.stressLevel;
  return a.createdAt.localeCompare(b.createdAt);
}
