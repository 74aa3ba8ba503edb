import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { Verdict } from '@sre-health/backstage-plugin-sre-health-common';
import { screen, within } from '@testing-library/react';
import { VerdictPanel } from './VerdictPanel';

const verdict = (more: Partial<Verdict> = {}): Verdict => ({
  state: 'at-risk',
  headline:
    'At risk: a compound risk: one person holds the knowledge and the pager.',
  actions: [
    {
      key: 'compound:pager-silo',
      text: 'Train a second operator for ledger-service and share its pager',
      reason:
        'carol is its last operator and carries its pager (10 of 12 shifts).',
      anchor: 'knowledge',
    },
  ],
  topStressors: [],
  budgetLeft: null,
  budgetSlo: null,
  truckFactor: null,
  knowledgeRisk: 'high',
  overloaded: false,
  compoundRisks: [],
  ...more,
});

describe('VerdictPanel', () => {
  it('lists the compound risks with their evidence', async () => {
    await renderInTestApp(
      <VerdictPanel
        verdict={verdict({
          compoundRisks: [
            {
              key: 'pager-silo',
              title: 'One person holds the knowledge and the pager',
              summary: 'carol is its last operator and carries its pager.',
              evidence: [
                'carol is the only one who can operate it or holds its code',
                'carol held 10 of its 12 on-call shifts',
              ],
            },
          ],
        })}
      />,
    );
    const list = screen.getByRole('list', { name: 'Compound risks' });
    expect(within(list).getByRole('listitem')).toHaveTextContent(
      'One person holds the knowledge and the pager — carol is the only one who can operate it or holds its code; carol held 10 of its 12 on-call shifts',
    );
  });

  it('shows no compound-risk list when none holds', async () => {
    await renderInTestApp(<VerdictPanel verdict={verdict()} />);
    expect(screen.queryByRole('list', { name: 'Compound risks' })).toBeNull();
    expect(
      screen.getByRole('list', { name: 'What to do first' }),
    ).toBeInTheDocument();
  });
});
