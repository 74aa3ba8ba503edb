import { parseEntityRef } from '@backstage/catalog-model';

/**
 * A short, readable form of an entity ref: `group:default/payments` → `payments`,
 * `user:ops/jane` → `ops/jane`. Falls back to the raw text if it is not a ref.
 */
export function shortRef(ref: string | null | undefined): string {
  if (!ref) {
    return 'unknown';
  }
  try {
    const { namespace, name } = parseEntityRef(ref);
    return namespace === 'default' ? name : `${namespace}/${name}`;
  } catch {
    return ref;
  }
}

/** A user ref as a short name; a git identity (`Name <email>`) as it is. */
export function personLabel(person: string): string {
  return person.startsWith('user:') ? shortRef(person) : person;
}

/** A fraction as a percentage, e.g. 0.9995 → `99.95%`; trailing zeros dropped. */
export function formatPercent(
  fraction: number | null | undefined,
  digits = 2,
): string {
  if (fraction === null || fraction === undefined || !isFinite(fraction)) {
    return '—';
  }
  return `${Number((fraction * 100).toFixed(digits))}%`;
}

/** The date part of an ISO timestamp, independent of the browser's locale and zone. */
export function formatDate(iso: string | null | undefined): string {
  if (!iso) {
    return '—';
  }
  return iso.slice(0, 10);
}

/**
 * A heading whose hyphenated words never break at the hyphen ("Rollback-" / "only"): its
 * hyphens become non-breaking ones (U+2011), which look and read the same.
 */
export function unbreakableHyphens(text: string): string {
  return text.replace(/-/g, '\u2011');
}

/** Minutes spent, e.g. `45 min`, `2 h`, `1 h 30 min`; '' when not recorded. */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined) return '';
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}
