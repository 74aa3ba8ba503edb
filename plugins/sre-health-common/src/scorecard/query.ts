import { z } from 'zod';
import { SERVING_TIERS, ServingTier } from '../core/annotations';
import { entityRefSchema } from '../core/entityRef';
import { queryInteger } from '../core/queryInteger';
import { COMPOUND_RISK_KEYS, CompoundRiskKey } from '../compoundRisks';
import {
  CUSTOM_STRESSOR_PATTERN,
  STRESSOR_KEYS,
  StressorKey,
} from '../stressors';

/** A custom stressor's key, `custom:<kebab-case-slug>` (see CUSTOM_STRESSOR_PATTERN). @public */
export type CustomStressorKey = `custom:${string}`;

/** @public */
export function isCustomStressorKey(key: string): key is CustomStressorKey {
  return CUSTOM_STRESSOR_PATTERN.test(key);
}

/**
 * The stress level from which a stressor is "high": the page's verdict counts the
 * services with one open that the team rated at this level or above.
 * @public
 */
export const SCORECARD_HIGH_LEVEL = 4;

/**
 * Columns the scorecard sorts by: `stress` (the default: highest stress level the team
 * rated, then how many open stressors are rated at it, then the highest level proposed for
 * the stressors nobody rated, then name), the eight stressors and every other column. A
 * custom stressor's key sorts by its column too.
 * @public
 */
export const SCORECARD_SORT_KEYS = [
  'stress',
  'openStressors',
  'name',
  'owner',
  'system',
  'lifecycle',
  'tier',
  'slo',
  'truckFactor',
  'opsShare',
  'engagement',
  ...STRESSOR_KEYS,
] as const;

/** @public */
export type ScorecardSortKey =
  | (typeof SCORECARD_SORT_KEYS)[number]
  | CustomStressorKey;

/** Most rows one page of the scorecard may carry. @public */
export const SCORECARD_MAX_PAGE_SIZE = 500;
/** @public */
export const SCORECARD_DEFAULT_PAGE_SIZE = 50;

/** What narrows the scorecard; every list matches any of its values. @public */
export interface ScorecardFilters {
  /** Group or user refs; a group includes its nested groups' services. */
  owner?: string[];
  system?: string[];
  lifecycle?: string[];
  tier?: ServingTier[];
  /** true: only services whose owner team has an active engagement; false: only without. */
  engagement?: boolean;
  /** Only services with an open or mitigating flag of one of these stressors. */
  stressor?: Array<StressorKey | CustomStressorKey>;
  /** Only services with one of these compound risks (as the last detection run found them). */
  compoundRisk?: CompoundRiskKey[];
  /** Part of the name or title, case-insensitive. */
  q?: string;
}

/** @public */
export interface ScorecardQuery extends ScorecardFilters {
  sort?: ScorecardSortKey;
  order?: 'asc' | 'desc';
  offset?: number;
  limit?: number;
}

/**
 * Text columns sort A→Z by default, the figures worst first: the highest stress, the
 * smallest truck factor.
 * @public
 */
export function defaultScorecardOrder(sort: ScorecardSortKey): 'asc' | 'desc' {
  return ['name', 'owner', 'system', 'lifecycle', 'truckFactor'].includes(sort)
    ? 'asc'
    : 'desc';
}

/** A query value: repeated (`?owner=a&owner=b`) or comma-separated (`?owner=a,b`). */
const list = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .transform(v =>
      (Array.isArray(v) ? v : [v])
        .flatMap(s => s.split(','))
        .map(s => s.trim())
        .filter(Boolean),
    )
    .pipe(z.array(item).max(100, 'at most 100 values'))
    .transform(v => [...new Set(v)] as z.output<T>[]);

/** Owners are groups (the default kind) or users. */
const ownerItem = entityRefSchema({ defaultKind: 'group' });

const systemItem = entityRefSchema({
  kinds: ['system'],
  defaultKind: 'system',
});

/** One of the eight stressor keys or a custom one. */
const stressorKey = z.union([
  z.enum(STRESSOR_KEYS),
  z
    .string()
    .max(100)
    .regex(
      CUSTOM_STRESSOR_PATTERN,
      'must be one of the eight stressor keys or custom:<kebab-case-name>',
    )
    .transform(v => v as CustomStressorKey),
]);

const sortKey = z.union([
  z.enum(SCORECARD_SORT_KEYS),
  z
    .string()
    .max(100)
    .regex(CUSTOM_STRESSOR_PATTERN, 'must be a column of the scorecard')
    .transform(v => v as CustomStressorKey),
]);

const filterShape = {
  owner: list(ownerItem).optional(),
  system: list(systemItem).optional(),
  lifecycle: list(z.string().min(1).max(64)).optional(),
  tier: list(z.enum(SERVING_TIERS)).optional(),
  engagement: z
    .enum(['true', 'false', 'any'])
    .transform(v => (v === 'any' ? undefined : v === 'true'))
    .optional(),
  stressor: list(stressorKey).optional(),
  compoundRisk: list(z.enum(COMPOUND_RISK_KEYS)).optional(),
  q: z.string().max(100).optional(),
};

/**
 * The scorecard's query string: filters, sort and page. Shared by the backend (validation)
 * and the frontend (see `scorecardSearchParams`).
 * @public
 */
export const scorecardQuerySchema = z
  .object({
    ...filterShape,
    sort: sortKey.optional(),
    order: z.enum(['asc', 'desc']).optional(),
    offset: queryInteger(0, 10_000_000).optional(),
    limit: queryInteger(1, SCORECARD_MAX_PAGE_SIZE).optional(),
  })
  .strict();

/** The export takes the same filters and sort, and a format; never a page. @public */
export const scorecardExportQuerySchema = z
  .object({
    ...filterShape,
    sort: sortKey.optional(),
    order: z.enum(['asc', 'desc']).optional(),
    format: z.enum(['csv', 'json']).optional(),
  })
  .strict();

/** Team rows and trends follow the filters (trends only the owner filter). @public */
export const scorecardFiltersSchema = z.object(filterShape).strict();

/** @public */
export const scorecardTrendsQuerySchema = z
  .object({
    owner: list(ownerItem).optional(),
    days: queryInteger(7, 365).optional(),
  })
  .strict();

/** The query string of a scorecard request, in a stable order. @public */
export function scorecardSearchParams(
  query: ScorecardQuery & { format?: 'csv' | 'json'; days?: number },
): URLSearchParams {
  const params = new URLSearchParams();
  const add = (key: string, values?: ReadonlyArray<string>) => {
    for (const v of values ?? []) params.append(key, v);
  };
  add('owner', query.owner);
  add('system', query.system);
  add('lifecycle', query.lifecycle);
  add('tier', query.tier);
  add('stressor', query.stressor);
  add('compoundRisk', query.compoundRisk);
  if (query.engagement !== undefined) {
    params.set('engagement', String(query.engagement));
  }
  if (query.q) params.set('q', query.q);
  if (query.sort) params.set('sort', query.sort);
  if (query.order) params.set('order', query.order);
  if (query.offset !== undefined) params.set('offset', String(query.offset));
  if (query.limit !== undefined) params.set('limit', String(query.limit));
  if (query.days !== undefined) params.set('days', String(query.days));
  if (query.format) params.set('format', query.format);
  return params;
}
