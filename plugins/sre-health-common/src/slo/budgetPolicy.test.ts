import { budgetPolicyStepFor, budgetPolicyStepKey } from './budgetPolicy';

const steps = [
  { key: 'below-50', below: 0.5, action: 'review the release pace' },
  { key: 'below-25', below: 0.25, action: 'reliability work first' },
  { key: 'exhausted', exhausted: true, action: 'freeze feature releases' },
];

describe('budgetPolicyStepFor', () => {
  it('is in no step while enough budget is left, or without a budget', () => {
    expect(budgetPolicyStepFor(steps, 1)).toBeNull();
    expect(budgetPolicyStepFor(steps, 0.5)).toBeNull();
    expect(budgetPolicyStepFor(steps, null)).toBeNull();
    expect(budgetPolicyStepFor(steps, undefined)).toBeNull();
    expect(budgetPolicyStepFor(steps, Number.NaN)).toBeNull();
  });

  it('takes the lowest threshold above what is left, whatever the order', () => {
    expect(budgetPolicyStepFor(steps, 0.49)?.key).toBe('below-50');
    expect(budgetPolicyStepFor(steps, 0.25)?.key).toBe('below-50');
    expect(budgetPolicyStepFor(steps, 0.2)?.key).toBe('below-25');
    expect(budgetPolicyStepFor([...steps].reverse(), 0.2)?.key).toBe(
      'below-25',
    );
    expect(budgetPolicyStepFor(steps, 0.001)?.action).toBe(
      'reliability work first',
    );
  });

  it('is exhausted when the budget is spent or overspent', () => {
    expect(budgetPolicyStepFor(steps, 0)?.key).toBe('exhausted');
    expect(budgetPolicyStepFor(steps, -3.2)?.action).toBe(
      'freeze feature releases',
    );
  });

  it('falls back to the lowest below step when no exhausted step is configured', () => {
    expect(budgetPolicyStepFor(steps.slice(0, 2), -1)?.key).toBe('below-25');
    expect(budgetPolicyStepFor([], -1)).toBeNull();
  });
});

describe('budgetPolicyStepKey', () => {
  it('names a step by its rule', () => {
    expect(budgetPolicyStepKey({ exhausted: true })).toBe('exhausted');
    expect(budgetPolicyStepKey({ below: 0.25 })).toBe('below-25');
    expect(budgetPolicyStepKey({ below: 0.125 })).toBe('below-12.5');
  });
});
