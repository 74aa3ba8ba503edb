import type { ServingTier } from '../core/annotations';
import {
  EXPERTISE_LEVELS,
  type KnowledgeSiloSummary,
  type Operator,
  type SiloRisk,
} from './types';

/**
 * Risk of a knowledge silo from the people who can operate a component. The book's
 * knowledge-gap stressor is a bus factor of 1 on a serving-critical component.
 * @public
 */
export function siloRisk(
  busFactor: number,
  servingCritical: boolean,
): SiloRisk {
  if (busFactor <= 1)
    return servingCritical || busFactor === 0 ? 'high' : 'medium';
  if (busFactor === 2) return servingCritical ? 'medium' : 'low';
  return 'low';
}

/**
 * Merges operators recorded by SREs with those declared in catalog-info; a recorded level
 * wins over the annotation because it is the more deliberate statement.
 * @public
 */
export function summarizeKnowledgeSilo(
  tier: ServingTier,
  recorded: ReadonlyArray<Operator>,
  declared: ReadonlyArray<Operator>,
): KnowledgeSiloSummary {
  const byUser = new Map<string, Operator>();
  for (const op of declared) byUser.set(op.userRef, op);
  for (const op of recorded) byUser.set(op.userRef, op);
  const operators = [...byUser.values()].sort(
    (a, b) =>
      levelRank(a.level) - levelRank(b.level) ||
      a.userRef.localeCompare(b.userRef),
  );
  const busFactor = operators.filter(o => o.level !== 'learning').length;
  const servingCritical = tier === 'critical';
  return {
    tier,
    servingCritical,
    busFactor,
    risk: siloRisk(busFactor, servingCritical),
    operators,
  };
}

function levelRank(level: Operator['level']): number {
  return EXPERTISE_LEVELS.indexOf(level);
}
