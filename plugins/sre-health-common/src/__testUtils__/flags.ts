import type { StressorFlag } from '../types';

/** A stressor flag for the rules' tests: open, at level 4, nobody's rating; `overrides` win. */
export function testFlag(overrides: Partial<StressorFlag> = {}): StressorFlag {
  return {
    id: 'f',
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    entityRef: 'component:default/search-api',
    stressorKey: 'undiagnosed-alerts',
    stressLevel: 4,
    evidence: 'fires 40 times a week',
    status: 'open',
    source: 'sre',
    author: 'user:default/bob',
    resolvedAt: null,
    proposedLevel: 4,
    ratedLevel: null,
    ratedBy: null,
    ratedAt: null,
    confirmedBy: null,
    dismissedReason: null,
    exemptUntil: null,
    exemptReason: null,
    exemptBy: null,
    facts: null,
    detectedAt: null,
    ...overrides,
  };
}
