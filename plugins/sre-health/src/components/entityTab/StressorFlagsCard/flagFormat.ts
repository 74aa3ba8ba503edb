import {
  AuditEntry,
  DETECTOR_AUTHOR,
  FlagSource,
  StressorFlag,
} from '@sre-health/backstage-plugin-sre-health-common';
import { shortRef } from '../../../utils/format';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;

/** Labels of a flag's source chip. */
export const SOURCE_LABELS: Record<FlagSource, string> = {
  sre: 'SRE',
  detected: 'detected',
  both: 'SRE + detected',
};

export const SOURCE_HELP: Record<FlagSource, string> = {
  sre: 'Flagged by an SRE.',
  detected: 'Raised by a detector; not confirmed by an SRE yet.',
  both: 'An SRE flagged it and a detector sees it too, or an SRE confirmed a detection.',
};

/**
 * Where a flag's proposed level comes from, in words: a detector's evidence, or (a flag
 * only a person raised) the level it was flagged at.
 */
export function proposalWords(flag: Pick<StressorFlag, 'source'>): string {
  return flag.source === 'sre' ? 'flagged at' : 'the evidence proposes';
}

/** Resolved and dismissed flags are closed: they sort last and take no triage actions. */
export function isClosed(flag: Pick<StressorFlag, 'status'>): boolean {
  return flag.status === 'resolved' || flag.status === 'dismissed';
}

/** Who raised a flag, as people read it: the detector, or the SRE's short name. */
export function flaggedBy(author: string): string {
  return author === DETECTOR_AUTHOR ? 'detector' : shortRef(author);
}

/** A coarse duration: `under an hour`, `5 hours`, `1 day`, `12 days`, `3 months`. */
export function formatDuration(ms: number): string {
  const plural = (n: number, unit: string) =>
    `${n} ${unit}${n === 1 ? '' : 's'}`;
  if (!isFinite(ms) || ms < HOUR) {
    return 'under an hour';
  }
  if (ms < DAY) {
    return plural(Math.floor(ms / HOUR), 'hour');
  }
  if (ms < 60 * DAY) {
    return plural(Math.floor(ms / DAY), 'day');
  }
  return plural(Math.floor(ms / (30 * DAY)), 'month');
}

/**
 * How long a flag has been (or was) open: from its creation until now, or until it was
 * resolved or dismissed.
 */
export function openDuration(flag: StressorFlag, now = Date.now()): number {
  const end = isClosed(flag)
    ? Date.parse(flag.resolvedAt ?? flag.updatedAt)
    : now;
  return Math.max(0, end - Date.parse(flag.createdAt));
}

/** `2026-01-06 12:00 UTC`: independent of the browser's locale and time zone. */
export function formatDateTime(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`;
}

/** One changed field of a history entry. */
export interface FieldChange {
  field: string;
  from: string;
  to: string;
}

/** A history entry as the card lists it. */
export interface HistoryLine {
  /** What was done, e.g. `dismissed`, `confirmed, rated the level`. */
  what: string;
  changes: FieldChange[];
}

const FIELD_LABELS: Record<string, string> = {
  stressLevel: 'stress level',
  proposedLevel: 'proposed level',
  ratedLevel: 'rated level',
  ratedBy: 'rated by',
  // entries written before ratings replaced the SRE's override
  levelOverride: 'level override',
  status: 'status',
  evidence: 'evidence',
  source: 'source',
  confirmedBy: 'confirmed by',
  dismissedReason: 'dismissal reason',
  facts: 'facts',
  detectedAt: 'last detected',
  resolvedAt: 'resolved',
};

/** Bookkeeping that changes with every write and says nothing to the reader. */
const IGNORED = new Set([
  'id',
  'version',
  'createdAt',
  'updatedAt',
  'entityRef',
  'stressorKey',
  'author',
  'ratedAt',
]);

const MAX_VALUE = 300;

function formatValue(field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') {
    return '—';
  }
  if (field === 'detectedAt' || field === 'resolvedAt') {
    return formatDateTime(String(value));
  }
  if (field === 'confirmedBy' || field === 'ratedBy') {
    return flaggedBy(String(value));
  }
  if (field === 'source') {
    return SOURCE_LABELS[value as FlagSource] ?? String(value);
  }
  let text: string;
  if (typeof value === 'object') {
    text = Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`)
      .join(', ');
  } else {
    text = String(value);
  }
  return text.length > MAX_VALUE ? `${text.slice(0, MAX_VALUE)}…` : text;
}

function asRecord(value: unknown): Record<string, unknown> {
  return value && typeof value === 'object'
    ? (value as Record<string, unknown>)
    : {};
}

const STATUS_VERBS: Record<string, string> = {
  open: 'reopened',
  mitigating: 'marked mitigating',
  resolved: 'resolved',
  dismissed: 'dismissed',
  exempt: 'exempted',
};

/**
 * What one audit entry of a flag did, from the record before and after: a verb for the
 * change that matters (dismissed, confirmed, rated the level, ...) and every changed
 * field as `from → to`.
 */
export function describeHistoryEntry(entry: AuditEntry): HistoryLine {
  const before = asRecord(entry.before);
  const after = asRecord(entry.after);
  if (entry.action === 'create') {
    const changes = ['stressLevel', 'status', 'source', 'evidence']
      .filter(f => after[f] !== undefined && after[f] !== '')
      .map(f => ({
        field: FIELD_LABELS[f],
        from: '—',
        to: formatValue(f, after[f]),
      }));
    return {
      what: entry.actor === DETECTOR_AUTHOR ? 'detected' : 'flagged',
      changes,
    };
  }
  if (entry.action === 'delete') {
    return { what: 'deleted', changes: [] };
  }
  if (entry.action !== 'update') {
    return { what: entry.action, changes: [] };
  }
  const changed = [...new Set([...Object.keys(before), ...Object.keys(after)])]
    .filter(f => !IGNORED.has(f))
    .filter(f => JSON.stringify(before[f]) !== JSON.stringify(after[f]));
  // the stress level follows the rating or the proposal, which the entry shows
  const derived =
    changed.includes('ratedLevel') || changed.includes('proposedLevel');
  const fields = changed.filter(f => !(derived && f === 'stressLevel'));
  const verbs: string[] = [];
  if (fields.includes('status')) {
    verbs.push(STATUS_VERBS[String(after.status)] ?? 'changed the status');
  }
  if (fields.includes('confirmedBy') && after.confirmedBy) {
    verbs.push('confirmed');
  }
  if (fields.includes('ratedLevel') && after.ratedLevel) {
    verbs.push('rated the level');
  }
  if (fields.includes('levelOverride')) {
    verbs.push(
      after.levelOverride === null || after.levelOverride === undefined
        ? 'cleared the level override'
        : 'overrode the level',
    );
  }
  if (verbs.length === 0) {
    verbs.push('updated');
  }
  return {
    what: verbs.join(', '),
    changes: fields.map(f => ({
      field: FIELD_LABELS[f] ?? f,
      from: formatValue(f, before[f]),
      to: formatValue(f, after[f]),
    })),
  };
}
