import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { mockResizeObserver } from '../../../testUtils/fixtures';
import { trends } from '../ScorecardPage/scorecardFixtures';
import { ScorecardTrends, topSeries } from './ScorecardTrends';

jest.setTimeout(20_000);

describe('topSeries', () => {
  it('keeps the series with the most open stressors now, never all-zero ones', () => {
    const s = (label: string, series: number[]) => ({ label, series });
    expect(
      topSeries(
        [s('a', [5, 1]), s('b', [0, 0]), s('c', [0, 3]), s('d', [9, 1])],
        2,
      ).map(x => x.label),
    ).toEqual(['c', 'd']);
  });
});

describe('ScorecardTrends', () => {
  let restore: () => void;
  beforeEach(() => {
    restore = mockResizeObserver(600, 260);
  });
  afterEach(() => restore());

  it('charts per team and per stressor, and lists what improved or got worse', async () => {
    await renderInTestApp(<ScorecardTrends trends={trends} />);
    expect(
      screen.getByRole('application', {
        name: 'Open stressors per team, 2026-10-21 to 2026-11-20',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('application', { name: 'Open stressors per stressor' }),
    ).toBeInTheDocument();
    const improved = screen.getByRole('region', {
      name: 'Improved since 2026-10-21',
    });
    expect(
      within(improved).getByText('Payments: 7 → 4 (-3)'),
    ).toBeInTheDocument();
    expect(
      within(improved).getByText('"The developers own it": 2 → 1 (-1)'),
    ).toBeInTheDocument();
    const worse = screen.getByRole('region', {
      name: 'Got worse since 2026-10-21',
    });
    expect(within(worse).getByText('Search: 0 → 2 (+2)')).toBeInTheDocument();
  });

  it('says when there are no snapshots yet', async () => {
    await renderInTestApp(
      <ScorecardTrends
        trends={{ ...trends, days: [], teams: [], stressors: [], total: [] }}
      />,
    );
    expect(screen.getByText(/No snapshots yet/)).toBeInTheDocument();
  });
});
