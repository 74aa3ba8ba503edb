import type { KindlingItem, KindlingProgress, KindlingState } from './types';

/** @public */
export const KINDLING_STATES: ReadonlyArray<KindlingState> = [
  'proposed',
  'in-progress',
  'in-review',
  'done',
];

/**
 * "Find one useful piece of work one team member can do ... then repeat for two or three
 * more issues": three to four in all.
 * @public
 */
export const KINDLING_TARGET = { min: 3, max: 4 } as const;

/** How much of the kindling is cleared, e.g. `3 of 3–4 cleared`. @public */
export function kindlingProgress(
  items: ReadonlyArray<Pick<KindlingItem, 'state'>>,
): KindlingProgress {
  const cleared = items.filter(i => i.state === 'done').length;
  return {
    cleared,
    total: items.length,
    targetMin: KINDLING_TARGET.min,
    targetMax: KINDLING_TARGET.max,
    label: `${cleared} of ${KINDLING_TARGET.min}–${KINDLING_TARGET.max} cleared`,
    reached: cleared >= KINDLING_TARGET.min,
  };
}

/**
 * Why a kindling item may not move from `from` to `to`, or undefined. Work moves freely
 * between proposed, in progress and in review (a review may send it back), but it is done
 * only once the SRE reviewed the code and doc changes: `in-review` → `done`.
 * @public
 */
export function kindlingStateProblem(
  from: KindlingState,
  to: KindlingState,
): string | undefined {
  if (to === 'done' && from !== 'done' && from !== 'in-review') {
    return `an item is done only after review: move it to in-review first (it is ${from})`;
  }
  return undefined;
}
