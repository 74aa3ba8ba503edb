import {
  StressorDefinition,
  StressorFlag,
  STRESSORS,
  compareFlagsByPriority,
  stressorTitle,
} from '@sre-health/backstage-plugin-sre-health-common';
import { isClosed } from './flagFormat';

/** One row of the card: a flag, or one of the eight stressors nobody has flagged. */
export interface StressorRow {
  id: string;
  stressorKey: string;
  title: string;
  definition?: StressorDefinition;
  flag?: StressorFlag;
}

/**
 * Flags by priority (effective stress level, then how long they have been open; resolved
 * and dismissed last), then the stressors of the book nobody has flagged, so all eight are
 * always on the list.
 */
export function buildStressorRows(flags: StressorFlag[]): StressorRow[] {
  const flagged = [...flags].sort(compareFlagsByPriority).map(flag => ({
    id: flag.id,
    stressorKey: flag.stressorKey,
    title: stressorTitle(flag.stressorKey),
    definition: STRESSORS.find(s => s.key === flag.stressorKey),
    flag,
  }));
  const seen = new Set(flags.map(f => f.stressorKey));
  const unflagged = STRESSORS.filter(s => !seen.has(s.key)).map(s => ({
    id: `unflagged:${s.key}`,
    stressorKey: s.key,
    title: s.title,
    definition: s,
  }));
  return [...flagged, ...unflagged];
}

/** The anchor of a stressor, which the scorecard's cells and the verdict link to. */
export function stressorAnchor(stressorKey: string): string {
  return `stressor-${stressorKey}`;
}

/** The card's three parts, each in priority order. */
export interface StressorGroups {
  /** Open and mitigating flags: the table. */
  active: Array<StressorRow & { flag: StressorFlag }>;
  /** Resolved and dismissed flags: behind a disclosure under the table. */
  closed: Array<StressorRow & { flag: StressorFlag }>;
  /**
   * Stressors nobody flags now (never flagged, or only resolved flags): one line of
   * chips. `flaggedBefore` when a resolved flag exists, so "Flag" means "flag again".
   */
  notFlagged: Array<StressorRow & { flaggedBefore: boolean }>;
  /**
   * The one element per stressor that carries its `#stressor-<key>` anchor: the row of
   * its open flag, else its chip, else its first closed row (a dismissed flag before
   * resolved ones).
   */
  anchorOf: ReadonlyMap<string, string>;
}

/**
 * Splits the rows of {@link buildStressorRows}: the flags an SRE works on, the closed ones,
 * and the stressors nobody flags now. A dismissed flag is closed but still unresolved (the
 * backend keeps one unresolved flag per stressor), so its stressor cannot be flagged again
 * and is not among the chips.
 */
export function groupStressorRows(flags: StressorFlag[]): StressorGroups {
  const rows = buildStressorRows(flags);
  const withFlag = rows.filter(
    (r): r is StressorRow & { flag: StressorFlag } => r.flag !== undefined,
  );
  const active = withFlag.filter(r => !isClosed(r.flag));
  const closed = withFlag.filter(r => isClosed(r.flag));
  const unresolved = new Set(
    flags.filter(f => f.status !== 'resolved').map(f => f.stressorKey),
  );
  const keys = [...new Set(rows.map(r => r.stressorKey))];
  const order = (key: string) => {
    const index = STRESSORS.findIndex(s => s.key === key);
    return index < 0 ? STRESSORS.length : index;
  };
  const notFlagged = keys
    .filter(key => !unresolved.has(key))
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
    .map(key => {
      const definition = STRESSORS.find(s => s.key === key);
      return {
        id: `unflagged:${key}`,
        stressorKey: key,
        title: definition?.title ?? stressorTitle(key),
        definition,
        flaggedBefore: withFlag.some(r => r.stressorKey === key),
      };
    });
  const anchorOf = new Map<string, string>();
  const claim = (key: string, id: string) => {
    if (!anchorOf.has(key)) anchorOf.set(key, id);
  };
  active.forEach(r => claim(r.stressorKey, r.id));
  notFlagged.forEach(r => claim(r.stressorKey, r.id));
  closed
    .filter(r => r.flag.status === 'dismissed')
    .forEach(r => claim(r.stressorKey, r.id));
  closed.forEach(r => claim(r.stressorKey, r.id));
  return { active, closed, notFlagged, anchorOf };
}
