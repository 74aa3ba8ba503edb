import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { mockResizeObserver } from '../../../testUtils/fixtures';
import { trends } from '../ScorecardPage/scorecardFixtures';
import { ScorecardTrends, changeText } from './ScorecardTrends';

jest.setTimeout(20_000);

/** Stressors an embedded SRE found are discoveries, not regressions (issue #16). */
describe('ScorecardTrends: what an engagement found', () => {
  let restore: () => void;
  beforeEach(() => {
    restore = mockResizeObserver(600, 260);
  });
  afterEach(() => restore());

  it('lists rises an engagement found apart from what got worse', async () => {
    const search = trends.changes.teams.worsened[0];
    await renderInTestApp(
      <ScorecardTrends
        trends={{
          ...trends,
          changes: {
            ...trends.changes,
            teams: {
              ...trends.changes.teams,
              worsened: [
                {
                  key: 'group:default/fintech',
                  label: 'Fintech',
                  from: 2,
                  to: 6,
                  delta: 4,
                  found: 3,
                },
              ],
              discovered: [{ ...search, found: 2 }],
            },
            stressors: {
              ...trends.changes.stressors,
              discovered: [
                {
                  key: 'knowledge-gap',
                  label: 'Knowledge gaps',
                  from: 1,
                  to: 3,
                  delta: 2,
                  found: 2,
                },
              ],
            },
          },
        }}
      />,
    );
    const found = screen.getByRole('region', {
      name: 'Found during an engagement since 2026-10-21',
    });
    expect(
      within(found).getByText(
        "Named by an embedded SRE: discoveries (phase 1's work), not regressions.",
      ),
    ).toBeInTheDocument();
    expect(
      within(found).getByText('Search: 0 → 2 (+2 found)'),
    ).toBeInTheDocument();
    expect(
      within(found).getByText('Knowledge gaps: 1 → 3 (+2 found)'),
    ).toBeInTheDocument();
    const worse = screen.getByRole('region', {
      name: 'Got worse since 2026-10-21',
    });
    expect(within(worse).queryByText(/^Search/)).toBeNull();
    expect(
      within(worse).getByText(
        'Fintech: 2 → 6 (+4; 3 found during an engagement)',
      ),
    ).toBeInTheDocument();
  });

  it('says so when no engagement found anything', async () => {
    await renderInTestApp(<ScorecardTrends trends={trends} />);
    expect(
      within(
        screen.getByRole('region', {
          name: 'Found during an engagement since 2026-10-21',
        }),
      ).getByText('No engagement found new stressors.'),
    ).toBeInTheDocument();
    expect(
      changeText({ key: 'k', label: 'K', from: 3, to: 1, delta: -2 }),
    ).toBe('K: 3 → 1 (-2)');
  });
});
