import type { StressorFlag } from './types';

/**
 * The book's prioritisation: largest stress level first (an SRE's override counting);
 * among equals, the flag that has been open longest; resolved and dismissed flags last.
 * @public
 */
export function compareFlagsByPriority(a: StressorFlag, b: StressorFlag): number {
  const closed = (f: StressorFlag) => Number(f.status === 'resolved' || f.status === 'dismissed');
  if (closed(a) !== closed(b)) return closed(a) - closed(b);
  const level = (f: StressorFlag) => f.levelOverride ?? f.stressLevel;
  if (level(a) !== level(b)) return level(b) - level(a);
  return a.createdAt.localeCompare(b.createdAt);
}
