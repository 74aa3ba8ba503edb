import { PHASES } from '../phases';
import { STRESSORS } from '../stressors';
import type { ScorecardCell, ScorecardRow } from './types';

/** How a cell reads on the page and in the CSV: `open 4`, `mitigating 2`, `dismissed`. @public */
export function formatScorecardCell(cell: ScorecardCell | null): string {
  if (!cell) return '';
  return cell.status === 'dismissed'
    ? 'dismissed'
    : `${cell.status} ${cell.level}`;
}

/** A share 0..1 as a whole percentage, or '' when unknown. @public */
export function formatScorecardPercent(value: number | null): string {
  return value === null ? '' : `${Math.round(value * 100)}%`;
}

/** @public */
export function engagementPhaseTitle(phase: string): string {
  return PHASES.find(p => p.phase === phase)?.title ?? phase;
}

/** The CSV's columns, in the order the page shows them. @public */
export const SCORECARD_CSV_COLUMNS: ReadonlyArray<{
  header: string;
  value: (row: ScorecardRow) => string | number | null;
  /** Free text from the catalog: guarded against spreadsheet formulas. */
  text?: boolean;
}> = [
  { header: 'Service', value: r => r.title ?? r.name, text: true },
  { header: 'Entity ref', value: r => r.entityRef, text: true },
  { header: 'Owner', value: r => r.ownerRef, text: true },
  { header: 'System', value: r => r.systemRef, text: true },
  { header: 'Lifecycle', value: r => r.lifecycle, text: true },
  { header: 'Tier', value: r => r.tier },
  { header: 'Total stress', value: r => r.totalStress },
  { header: 'Open stressors', value: r => r.openStressors },
  ...STRESSORS.map(s => ({
    header: s.title,
    value: (r: ScorecardRow) => formatScorecardCell(r.stressors[s.key]),
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
    value: r => (r.engagement ? engagementPhaseTitle(r.engagement.phase) : ''),
  },
];

function csvField(value: string | number | null, text: boolean): string {
  if (value === null || value === undefined) return '';
  let s = String(value);
  // A cell starting with = + - @ would run as a formula in a spreadsheet.
  if (text && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The CSV's header line. @public */
export function scorecardCsvHeader(): string {
  return SCORECARD_CSV_COLUMNS.map(c => csvField(c.header, false)).join(',');
}

/**
 * The rows as CSV (RFC 4180: CRLF, quoted where needed) with a UTF-8 byte-order mark, so a
 * spreadsheet opens it with the right encoding and the same rows and columns as the page.
 * @public
 */
export function scorecardToCsv(rows: ReadonlyArray<ScorecardRow>): string {
  const lines = [scorecardCsvHeader()];
  for (const row of rows) {
    lines.push(
      SCORECARD_CSV_COLUMNS.map(c => csvField(c.value(row), !!c.text)).join(
        ',',
      ),
    );
  }
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
