import { STRESSOR_KEYS } from '../stressors';
import { formatScorecardBudget, scorecardToCsv } from './format';
import {
  defaultScorecardOrder,
  scorecardQuerySchema,
  scorecardSearchParams,
} from './query';
import { scorecardChanges } from './trends';
import type { ScorecardRow } from './types';

const row = (overrides: Partial<ScorecardRow> = {}): ScorecardRow => ({
  entityRef: 'component:default/payments-api',
  name: 'payments-api',
  title: null,
  ownerRef: 'group:default/payments-team',
  systemRef: null,
  lifecycle: 'production',
  tier: 'critical',
  maxLevel: 5,
  atMaxLevel: 1,
  maxProposedLevel: 0,
  unratedStressors: 0,
  openStressors: 2,
  compoundRisks: ['pager-silo', 'complaints-unmeasured'],
  stressors: {
    ...(Object.fromEntries(STRESSOR_KEYS.map(k => [k, null])) as any),
    'knowledge-gap': { status: 'open', level: 5 },
    'devs-own-it': { status: 'mitigating', level: 4 },
    'next-big-thing': { status: 'dismissed', level: 0 },
  },
  slo: { status: 'at-risk', budgetRemaining: 0.125, count: 2 },
  truckFactor: 1,
  opsShare: 0.615,
  engagement: { id: 'e', phase: 'drive-change', sreRef: 'user:default/alice' },
  ...overrides,
});

describe('scorecardQuerySchema', () => {
  it('reads repeated and comma-separated lists, refs normalised, owners default to groups', () => {
    const q = scorecardQuerySchema.parse({
      owner: ['Payments-Team', 'user:default/Carol,group:default/sre'],
      system: 'payments',
      tier: 'critical,high',
      engagement: 'false',
      limit: '25',
      offset: '50',
      sort: 'knowledge-gap',
      stressor: 'devs-own-it,custom:batch-window',
      compoundRisk: 'pager-silo,complaints-unmeasured',
    });
    expect(q).toEqual({
      owner: [
        'group:default/payments-team',
        'user:default/carol',
        'group:default/sre',
      ],
      system: ['system:default/payments'],
      tier: ['critical', 'high'],
      engagement: false,
      limit: 25,
      offset: 50,
      sort: 'knowledge-gap',
      stressor: ['devs-own-it', 'custom:batch-window'],
      compoundRisk: ['pager-silo', 'complaints-unmeasured'],
    });
    expect(scorecardQuerySchema.parse({ engagement: 'any' })).toEqual({});
    // a custom stressor's column sorts too
    expect(scorecardQuerySchema.parse({ sort: 'custom:batch-window' })).toEqual(
      {
        sort: 'custom:batch-window',
      },
    );
  });

  it('rejects unknown fields, sorts, tiers and page sizes', () => {
    for (const bad of [
      { colour: 'red' },
      { sort: 'bogus' },
      { tier: 'gold' },
      { limit: '0' },
      { limit: '501' },
      { offset: '1.5' },
      { stressor: 'boredom' },
      { stressor: 'custom:Not Kebab' },
      { compoundRisk: 'bogus' },
      { compoundRisk: 'pager-silo,knowledge-gap' },
      { sort: 'totalStress' },
      { sort: 'custom:' },
    ]) {
      expect(scorecardQuerySchema.safeParse(bad).success).toBe(false);
    }
  });

  it('round-trips through the search params the client builds', () => {
    const query = {
      owner: ['group:default/engineering'],
      tier: ['critical' as const],
      engagement: true,
      compoundRisk: ['pager-silo' as const],
      q: 'pay',
      sort: 'stress' as const,
      order: 'desc' as const,
      offset: 0,
      limit: 50,
    };
    const params = scorecardSearchParams(query);
    // as Express reads a query string: a repeated key is an array, a single one a string
    const asExpress = Object.fromEntries(
      [...new Set(params.keys())].map(k => {
        const values = params.getAll(k);
        return [k, values.length === 1 ? values[0] : values];
      }),
    );
    const parsed = scorecardQuerySchema.parse(asExpress);
    expect(parsed).toEqual(query);
  });

  it('sorts text A→Z and figures worst first by default', () => {
    expect(defaultScorecardOrder('name')).toBe('asc');
    expect(defaultScorecardOrder('truckFactor')).toBe('asc');
    expect(defaultScorecardOrder('stress')).toBe('desc');
    expect(defaultScorecardOrder('custom:batch-window')).toBe('desc');
    expect(defaultScorecardOrder('knowledge-gap')).toBe('desc');
  });
});

describe('scorecardToCsv', () => {
  it('writes a BOM, a header and one CRLF line per row, as the page shows it', () => {
    const csv = scorecardToCsv([row()]);
    expect(csv.startsWith('\uFEFFService,Entity ref,Owner,')).toBe(true);
    const lines = csv.slice(1).split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
    expect(lines[1]).toBe(
      'payments-api,component:default/payments-api,group:default/payments-team,,production,critical,5,1,2,pager-silo; complaints-unmeasured,open 5,,dismissed,,,,,mitigating 4,at-risk,0.125,1,0.615,Drive change',
    );
    expect(lines[0]).toContain(
      ',Tier,Highest rated stress level,Stressors at highest rated level,Open stressors,Compound risks,',
    );
    expect(lines[0]).not.toContain('Total stress');
  });

  it('gives every custom stressor of the view its column, after the eight', () => {
    const withCustom = (cell: { status: 'open'; level: number } | null) =>
      row({
        stressors: {
          ...row().stressors,
          'custom:batch-window': cell,
          'custom:vendor-lock': null,
        },
      });
    const csv = scorecardToCsv([
      withCustom({ status: 'open', level: 2 }),
      withCustom(null),
    ]);
    const [header, first, second] = csv.slice(1).split('\r\n');
    expect(header.split(',').slice(17, 21)).toEqual([
      '"""The developers own it"""',
      'Batch window (custom)',
      'Vendor lock (custom)',
      'SLO status',
    ]);
    const cells = first.split(',');
    const col = header.split(',').indexOf('Batch window (custom)');
    expect(col).toBe(18);
    expect(cells[col]).toBe('open 2');
    expect(cells[col + 1]).toBe('');
    expect(second.split(',')[col]).toBe('');
    // 6 catalog columns, 3 of stress, compound risks, 8 + 2 stressors, 5 more
    expect(first.split(',')).toHaveLength(25);
  });

  it('quotes commas and quotes, and defuses spreadsheet formulas in catalog text', () => {
    const csv = scorecardToCsv([
      row({ title: 'Pay, "fast"', lifecycle: '=HYPERLINK("x")' }),
    ]);
    const line = csv.split('\r\n')[1];
    expect(line.startsWith('"Pay, ""fast""",')).toBe(true);
    expect(line).toContain(`"'=HYPERLINK(""x"")"`);
  });
});

describe('formatScorecardBudget', () => {
  it('reads a spent budget as exhausted, never a negative percent', () => {
    expect(formatScorecardBudget(0.943)).toBe('94%');
    expect(formatScorecardBudget(0)).toBe('exhausted');
    expect(formatScorecardBudget(-15.02)).toBe('exhausted');
    expect(formatScorecardBudget(null)).toBe('');
  });
});

describe('scorecardChanges', () => {
  const days = ['2026-10-01', '2026-10-21', '2026-11-05', '2026-11-20'];
  it('compares the latest snapshot with the one 30 days before it', () => {
    const result = scorecardChanges(days, [
      { key: 'a', label: 'A', series: [9, 5, 4, 2] },
      { key: 'b', label: 'B', series: [0, 0, 1, 3] },
      { key: 'c', label: 'C', series: [1, 1, 1, 1] },
    ]);
    expect(result.from).toBe('2026-10-21');
    expect(result.to).toBe('2026-11-20');
    expect(result.improved).toEqual([
      { key: 'a', label: 'A', from: 5, to: 2, delta: -3 },
    ]);
    expect(result.worsened).toEqual([
      { key: 'b', label: 'B', from: 0, to: 3, delta: 3 },
    ]);
  });

  it('needs two snapshots', () => {
    expect(scorecardChanges(['2026-11-20'], [])).toEqual({
      from: null,
      to: null,
      improved: [],
      worsened: [],
    });
  });
});
