import { ON_CALL_LOOKBACK_DAYS } from '../knowledge/types';
import { PAGER_HOLDER_SHARE } from './compoundRisks';

/**
 * What the service's on-call rota and its SLOs would lose if one person left: the
 * knowledge card's "what if this person left", beside the operators and the code.
 * @public
 */
export interface PagerWithout {
  /** Shifts the person held in the last `lookbackDays` days. */
  shifts: number;
  /** Every shift of the service in that window. */
  totalShifts: number;
  /** The person's share of the rota, 0..1; null when no shift is recorded. */
  share: number | null;
  /** The others on the rota, who would carry the shifts (user refs, most shifts first). */
  othersOnRota: string[];
  /**
   * The SLOs (display names) left without the person: every SLO of the service when they
   * carry its pager (at least `PAGER_HOLDER_SHARE` of the shifts) or when nobody else
   * could operate it; none otherwise.
   */
  slosLeft: string[];
  /** Why the SLOs are left: the person carries the pager, or is the last operator. */
  reason: 'pager' | 'last-operator' | null;
  /** The on-call look-back window the shifts count over (`ON_CALL_LOOKBACK_DAYS`). */
  lookbackDays: number;
}

const same = (a: string, b: string) =>
  a.toLocaleLowerCase('en-US') === b.toLocaleLowerCase('en-US');

/**
 * The on-call rota and SLOs without `person`, from the tab's read: the recorded shifts per
 * person (`knowledgeSilo.onCall`), the SLOs, and how many operators the what-if leaves.
 * @public
 */
export function pagerWithout(input: {
  person: string;
  onCall: ReadonlyArray<{ userRef: string; shifts: number }>;
  slos: ReadonlyArray<{ name: string; displayName?: string | null }>;
  /** Operators left without the person (the what-if's `busFactorLeft`). */
  operatorsLeft: number;
}): PagerWithout {
  const totalShifts = input.onCall.reduce((n, o) => n + o.shifts, 0);
  const shifts = input.onCall
    .filter(o => same(o.userRef, input.person))
    .reduce((n, o) => n + o.shifts, 0);
  const share = totalShifts > 0 ? shifts / totalShifts : null;
  const othersOnRota = input.onCall
    .filter(o => !same(o.userRef, input.person) && o.shifts > 0)
    .sort((a, b) => b.shifts - a.shifts || a.userRef.localeCompare(b.userRef))
    .map(o => o.userRef);
  let reason: PagerWithout['reason'] = null;
  if (share !== null && share >= PAGER_HOLDER_SHARE) reason = 'pager';
  else if (input.operatorsLeft === 0) reason = 'last-operator';
  return {
    shifts,
    totalShifts,
    share,
    othersOnRota,
    slosLeft: reason ? input.slos.map(s => s.displayName || s.name) : [],
    reason,
    lookbackDays: ON_CALL_LOOKBACK_DAYS,
  };
}
