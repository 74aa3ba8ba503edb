import type { BackfillFileFormat } from '@sre-health/backstage-plugin-sre-health-common';

/** The formats a backfill file may have, as the dialog names them. */
export const FORMAT_LABELS: Record<BackfillFileFormat, string> = {
  csv: 'CSV',
  json: 'JSON (an array)',
  ndjson: 'JSON Lines',
};

/**
 * The format of a chosen file: by its extension, else by its first character (`[` is a
 * JSON array, `{` a JSON Lines object), else CSV.
 */
export function guessFormat(name: string, text: string): BackfillFileFormat {
  const extension = name.toLowerCase().split('.').pop();
  if (extension === 'csv') return 'csv';
  if (extension === 'jsonl' || extension === 'ndjson') return 'ndjson';
  if (extension === 'json')
    return text.trimStart().startsWith('{') ? 'ndjson' : 'json';
  const first = text.trimStart()[0];
  if (first === '[') return 'json';
  if (first === '{') return 'ndjson';
  return 'csv';
}

/**
 * A local date-time input's value (`2026-11-01T10:00`, the browser's time zone) as the
 * backend's ISO 8601 instant, or undefined while it is empty or incomplete.
 */
export function localToIso(value: string): string | undefined {
  const t = value ? Date.parse(value) : NaN;
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}
