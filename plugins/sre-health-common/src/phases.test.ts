import { phaseTransitionProblem } from './phases';
import { compareFlagsByPriority } from './flags';
import type { StressorFlag } from './types';

describe('phaseTransitionProblem', () => {
  it('allows moving forward, also skipping phases', () => {
    expect(phaseTransitionProblem('learn', 'share-context')).toBeUndefined();
    expect(phaseTransitionProblem('learn', 'report')).toBeUndefined();
  });
  it('refuses moving back and any change to a closed engagement', () => {
    expect(phaseTransitionProblem('drive-change', 'learn')).toMatch(/forward/);
    expect(phaseTransitionProblem('closed', 'closed')).toMatch(/closed/);
  });
});

describe('compareFlagsByPriority', () => {
  const flag = (
    stressLevel: number,
    createdAt: string,
    status = 'open',
  ): StressorFlag => ({ stressLevel, createdAt, status } as StressorFlag);
  it('orders by stress level, then age, resolved last', () => {
    const flags = [
      flag(5, '2026-11-03', 'resolved'),
      flag(3, '2026-11-01'),
      flag(5, '2026-11-02'),
      flag(5, '2026-11-01'),
    ];
    expect([...flags].sort(compareFlagsByPriority)).toEqual([
      flags[3],
      flags[2],
      flags[1],
      flags[0],
    ]);
  });
});
