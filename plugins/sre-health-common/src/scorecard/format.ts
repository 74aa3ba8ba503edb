import { PHASES } from '../phases';
import { STRESSORS, stressorTitle } from '../stressors';
import type { ScorecardCell, ScorecardRow } from './types';

/**
 * How a cell reads on the page and in the CSV: `open 4` (rated), `mitigating 2 (proposed)`
 * (nobody rated it yet), `dismissed`, `exempt until 2027-01-15`.
 * @public
 */
export function formatScorecardCell(cell: ScorecardCell | null): string {
  if (!cell) return '';
  if (cell.status === 'dismissed') return 'dismissed';
  if (cell.status === 'exempt') return `exempt until ${cell.until ?? '?'}`;
  return `${cell.status} ${cell.level}${cell.proposed ? ' (proposed)' : ''}`;
}

/** A share 0..1 as a whole percentage, or '' when unknown. @public */
export function formatScorecardPercent(value: number | null): string {
  return value === null ? '' : `${Math.round(value * 100)}%`;
}

/**
 * What is left of an SLO's error budget, 0..1: a whole percentage, or `exhausted` once it
 * is spent (never a negative percent); '' when unknown.
 * @public
 */
export function formatScorecardBudget(value: number | null): string {
  if (value === null) return '';
  return value <= 0 ? 'exhausted' : formatScorecardPercent(value);
}

/**
 * A custom stressor's column heading: `custom:batch-window` → `Batch window`.
 * @public
 */
export function customStressorLabel(key: string): string {
  const title = stressorTitle(key);
  return title.charAt(0).toLocaleUpperCase('en-US') + title.slice(1);
}

/** @public */
export function engagementPhaseTitle(phase: string): string {
  return PHASES.find(p => p.phase === phase)?.title ?? phase;
}

/** A column of the CSV. @public */
export interface ScorecardCsvColumn {
  header: string;
  value: (row: ScorecardRow) => string | number | null;
  /** Free text from the catalog: guarded against spreadsheet formulas. */
  text?: boolean;
}

/**
 * The CSV's columns, in the order the page shows them: the eight stressors, then the
 * view's custom stressors (`custom:<slug>`, headed `Batch window (custom)`).
 * @public
 */
export function scorecardCsvColumns(
  customStressors: ReadonlyArray<string> = [],
): ScorecardCsvColumn[] {
  return [
    { header: 'Service', value: r => r.title ?? r.name, text: true },
    { header: 'Entity ref', value: r => r.entityRef, text: true },
    { header: 'Owner', value: r => r.ownerRef, text: true },
    { header: 'System', value: r => r.systemRef, text: true },
    { header: 'Lifecycle', value: r => r.lifecycle, text: true },
    { header: 'Tier', value: r => r.tier },
    // the ranking: highest rated level, then how many stressors are at it
    { header: 'Highest rated stress level', value: r => r.maxLevel },
    { header: 'Stressors at highest rated level', value: r => r.atMaxLevel },
    { header: 'Open stressors', value: r => r.openStressors },
    // the keys (as the `compoundRisk` filter takes them), `; ` between
    { header: 'Compound risks', value: r => r.compoundRisks.join('; ') },
    ...STRESSORS.map(s => ({
      header: s.title,
      value: (r: ScorecardRow) => formatScorecardCell(r.stressors[s.key]),
    })),
    ...customStressors.map(key => ({
      header: `${customStressorLabel(key)} (custom)`,
      value: (r: ScorecardRow) => formatScorecardCell(r.stressors[key] ?? null),
    })),
    { header: 'SLO status', value: r => r.slo?.status ?? 'no SLO' },
    // shares as fractions (0.68), which a spreadsheet sorts and formats as it likes
    {
      header: 'SLO budget remaining',
      value: r => r.slo?.budgetRemaining ?? null,
    },
    { header: 'Truck factor', value: r => r.truckFactor },
    { header: 'Ops share (owner, latest week)', value: r => r.opsShare },
    {
      header: 'Engagement',
      value: r =>
        r.engagement ? engagementPhaseTitle(r.engagement.phase) : '',
    },
  ];
}

/** The CSV's columns without custom stressors. @public */
export const SCORECARD_CSV_COLUMNS: ReadonlyArray<ScorecardCsvColumn> =
  scorecardCsvColumns();

/** The custom stressors the rows carry (every row of a view carries the same). */
function customStressorsOf(rows: ReadonlyArray<ScorecardRow>): string[] {
  const stressorKeys = new Set<string>(STRESSORS.map(s => s.key));
  return Object.keys(rows[0]?.stressors ?? {})
    .filter(k => !stressorKeys.has(k))
    .sort();
}

function csvField(value: string | number | null, text: boolean): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  // A cell starting with = + - @ would run as a formula in a spreadsheet.
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV's header line. @public */
export function scorecardCsvHeader(
  customStressors: ReadonlyArray<string> = [],
): string {
  return scorecardCsvColumns(customStressors)
    .map(c => csvField(c.header, false))
    .join(',');
}

/**
 * The rows as CSV (RFC 4180: CRLF, quoted where needed) with a UTF-8 byte-order mark, so a
 * spreadsheet opens it with the right encoding and the same rows and columns as the page.
 * @public
 */
export function scorecardToCsv(
  rows: ReadonlyArray<ScorecardRow>,
  customStressors: ReadonlyArray<string> = customStressorsOf(rows),
): string {
  const columns = scorecardCsvColumns(customStressors);
  const lines = [scorecardCsvHeader(customStressors)];
  for (const row of rows) {
    lines.push(columns.map(c => csvField(c.value(row), !!c.text)).join(','));
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
