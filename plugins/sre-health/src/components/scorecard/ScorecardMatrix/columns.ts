import {
  STRESSORS,
  ScorecardSortKey,
  StressorKey,
  customStressorLabel,
  isCustomStressorKey,
} from '@sre-health/backstage-plugin-sre-health-common';

/** Short column headings of the eight stressors; the full title is the tooltip. */
export const STRESSOR_SHORT_LABELS: Record<StressorKey, string> = {
  'knowledge-gap': 'Knowledge gap',
  'sre-service-growing': 'SRE service growing',
  'next-big-thing': 'Next big thing',
  'undiagnosed-alerts': 'Undiagnosed alerts',
  'complaints-without-slo': 'Complaints, no SLO',
  'naive-capacity-plan': 'Naive capacity plan',
  'rollback-only-postmortems': 'Rollback-only PMs',
  'devs-own-it': 'Devs own it',
};

/** A column of the matrix; every one sorts but the compound risks'. */
export interface ScorecardColumn {
  key: ScorecardSortKey | 'compoundRisks';
  label: string;
  title?: string;
  /** A stressor's column: its key and full title. */
  stressor?: { key: string; title: string };
}

/**
 * The column headings of the matrix, in order: the eight stressors, then the view's
 * custom stressors (derived from the data).
 */
export function scorecardColumns(
  customStressors: ReadonlyArray<string> = [],
): ScorecardColumn[] {
  return [
    { key: 'name', label: 'Service' },
    { key: 'owner', label: 'Owner' },
    { key: 'system', label: 'System' },
    { key: 'tier', label: 'Tier' },
    {
      key: 'stress',
      label: 'Rated level',
      title:
        "The ranking: the highest stress level the team rated of an open or mitigating stressor, and how many are at it. A detector's proposal (a level with ?) counts only once someone rates it.",
    },
    // narrow: a count, the risks' names in its tooltip and accessible name
    {
      key: 'compoundRisks',
      label: 'Compound risks',
      title:
        'Combinations the chapter warns about (the last detection run): a count; the names on hover. Filter by one with "Compound risk".',
    },
    ...STRESSORS.map(s => ({
      key: s.key,
      label: STRESSOR_SHORT_LABELS[s.key],
      title: s.title,
      stressor: { key: s.key, title: s.title },
    })),
    ...customStressors
      .filter(isCustomStressorKey)
      .map((key): ScorecardColumn => {
        const title = customStressorLabel(key);
        return {
          key,
          label: title,
          title: `Custom stressor ${key}`,
          stressor: { key, title },
        };
      }),
    { key: 'slo', label: 'SLO' },
    { key: 'truckFactor', label: 'Truck factor' },
    {
      key: 'opsShare',
      label: 'Ops share',
      title: "Owner team's latest sampled week",
    },
    {
      key: 'engagement',
      label: 'Engagement',
      title: "Owner team's active engagement",
    },
  ];
}

/** The column headings without custom stressors. */
export const SCORECARD_COLUMNS: ReadonlyArray<ScorecardColumn> =
  scorecardColumns();
