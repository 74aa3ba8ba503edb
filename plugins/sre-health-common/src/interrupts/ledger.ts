import { isoWeekStart } from '../opsTime';
import type { InterruptCauseClass } from '../opsTime';
import type { Versioned } from '../types';

/**
 * The interrupt ledger: a team's pages, fires and interrupts grouped by their cause, week
 * by week. The SRE sorts a cause once (toil or overhead), links it to the kindling item
 * that should remove it, and the ledger shows whether the cause's interrupts fell after
 * the item was cleared: the evidence the after-action report quotes.
 */

/** Full weeks compared on each side of a kindling item's clearing. @public */
export const LEDGER_COMPARE_WEEKS = 4;

const WEEK_MS = 7 * 86_400_000;

/** One interrupt of the ledger. @public */
export interface LedgerEvent {
  causeKey: string;
  source: 'page' | 'fire' | 'interrupt';
  /** When it happened (or the week it was pushed for). */
  at: string;
  minutes: number;
  /** How many interrupts it stands for (a pushed record carries a count); 1 by default. */
  count?: number;
}

/** The SRE's sorting of one cause of a team's interrupts, as stored. @public */
export interface InterruptCause extends Versioned {
  teamRef: string;
  causeKey: string;
  causeClass: InterruptCauseClass;
  kindlingItemId: string | null;
  author: string;
}

/** The SRE's sorting of one cause (the stored record's id and version, when it has one). @public */
export interface LedgerClassification {
  causeKey: string;
  causeClass: InterruptCauseClass;
  kindlingItemId?: string | null;
  id?: string;
  version?: number;
}

/** @public */
export interface LedgerEffect {
  kindlingItemId: string;
  clearedAt: string;
  /** Interrupts per week over the full weeks before the clearing week. */
  beforePerWeek: number;
  /** Per week over the full weeks since; null while no full week has passed. */
  afterPerWeek: number | null;
  fell: boolean;
  /** "fell from 6/wk to 1/wk". */
  words: string;
}

/** @public */
export interface LedgerCause {
  causeKey: string;
  sources: Array<LedgerEvent['source']>;
  causeClass: InterruptCauseClass | null;
  kindlingItemId: string | null;
  /** The stored sorting to update (id and version), null while the cause is unsorted. */
  sorting: { id: string; version: number } | null;
  count: number;
  hours: number;
  weeks: Array<{ weekStart: string; count: number; hours: number }>;
  effect: LedgerEffect | null;
}

const perWeek = (n: number) => `${Math.round(n * 10) / 10}/wk`;

function effectOf(
  weeks: Map<string, { count: number }>,
  kindlingItemId: string,
  clearedAt: string,
  now: Date,
): LedgerEffect {
  const cleared = Date.parse(`${isoWeekStart(clearedAt)}T00:00:00Z`);
  const countIn = (from: number, n: number) => {
    let total = 0;
    for (let i = 0; i < n; i++) {
      const week = new Date(from + i * WEEK_MS).toISOString().slice(0, 10);
      total += weeks.get(week)?.count ?? 0;
    }
    return total;
  };
  const before =
    countIn(cleared - LEDGER_COMPARE_WEEKS * WEEK_MS, LEDGER_COMPARE_WEEKS) /
    LEDGER_COMPARE_WEEKS;
  // full weeks after the clearing week that have ended by now
  const fullAfter = Math.min(
    LEDGER_COMPARE_WEEKS,
    Math.max(0, Math.floor((now.getTime() - cleared) / WEEK_MS) - 1),
  );
  const after =
    fullAfter > 0 ? countIn(cleared + WEEK_MS, fullAfter) / fullAfter : null;
  const fell = after !== null && after < before;
  let words: string;
  if (after === null) words = `${perWeek(before)} before; no full week since`;
  else if (fell) words = `fell from ${perWeek(before)} to ${perWeek(after)}`;
  else if (after > before)
    words = `rose from ${perWeek(before)} to ${perWeek(after)}`;
  else words = `stayed at ${perWeek(after)}`;
  return {
    kindlingItemId,
    clearedAt,
    beforePerWeek: before,
    afterPerWeek: after,
    fell,
    words,
  };
}

/**
 * Groups the events by cause (most interrupts first), with counts and hours per week, the
 * SRE's sorting, and for a cause linked to a cleared kindling item (`clearedAt` by item id)
 * its interrupts per week before and after the clearing.
 * @public
 */
export function interruptLedger(
  events: ReadonlyArray<LedgerEvent>,
  classifications: ReadonlyArray<LedgerClassification>,
  clearedAt: ReadonlyMap<string, string>,
  now: Date,
): LedgerCause[] {
  const causes = new Map<
    string,
    {
      sources: Set<LedgerEvent['source']>;
      weeks: Map<string, { count: number; minutes: number }>;
    }
  >();
  for (const e of events) {
    let cause = causes.get(e.causeKey);
    if (!cause) {
      cause = { sources: new Set(), weeks: new Map() };
      causes.set(e.causeKey, cause);
    }
    cause.sources.add(e.source);
    const week = isoWeekStart(e.at.length === 10 ? `${e.at}T00:00:00Z` : e.at);
    const w = cause.weeks.get(week) ?? { count: 0, minutes: 0 };
    w.count += e.count ?? 1;
    w.minutes += e.minutes;
    cause.weeks.set(week, w);
  }
  const byKey = new Map(classifications.map(c => [c.causeKey, c]));
  return [...causes.entries()]
    .map(([causeKey, cause]) => {
      const weeks = [...cause.weeks.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([weekStart, w]) => ({
          weekStart,
          count: w.count,
          hours: Math.round((w.minutes / 60) * 100) / 100,
        }));
      const sorted = byKey.get(causeKey);
      const itemId = sorted?.kindlingItemId ?? null;
      const cleared = itemId ? clearedAt.get(itemId) : undefined;
      return {
        causeKey,
        sources: [...cause.sources].sort(),
        causeClass: sorted?.causeClass ?? null,
        kindlingItemId: itemId,
        sorting:
          sorted?.id && sorted.version
            ? { id: sorted.id, version: sorted.version }
            : null,
        count: weeks.reduce((n, w) => n + w.count, 0),
        hours:
          Math.round(
            [...cause.weeks.values()].reduce((n, w) => n + w.minutes, 0) / 0.6,
          ) / 100,
        weeks,
        effect:
          itemId && cleared
            ? effectOf(cause.weeks, itemId, cleared, now)
            : null,
      };
    })
    .sort((a, b) => b.count - a.count || a.causeKey.localeCompare(b.causeKey));
}

/** `GET /interrupt-ledger?teamRef=`. @public */
export interface InterruptLedger {
  teamRef: string;
  causes: LedgerCause[];
  /** The team's kindling items, any engagement: what a cause can be linked to. */
  kindling: Array<{
    id: string;
    title: string;
    state: string;
    doneAt: string | null;
  }>;
}
