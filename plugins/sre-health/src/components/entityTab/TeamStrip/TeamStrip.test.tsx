import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { OpsLoadSummary } from '@sre-health/backstage-plugin-sre-health-common';
import { screen, within } from '@testing-library/react';
import { TeamStrip } from './TeamStrip';

const TEAM = 'group:default/payments';

function opsLoad(
  shares: Array<[string, number]>,
  summary: Partial<OpsLoadSummary>,
): OpsLoadSummary {
  return {
    teamRef: TEAM,
    latestOpsShare: shares[shares.length - 1][1],
    windowWeeks: 4,
    window: shares.map(([weekStart, opsShare]) => ({ weekStart, opsShare })),
    windowOpsShare: null,
    overloaded: false,
    samples: [],
    ...summary,
  };
}

async function renderStrip(summary: OpsLoadSummary | null) {
  await renderInTestApp(
    <TeamStrip teamRef={TEAM} opsLoad={summary} engagement={null} />,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return screen.getByRole('region', { name: 'Team' });
}

describe('TeamStrip', () => {
  it('judges overload over the rolling window, not the latest week', async () => {
    const team = await renderStrip(
      opsLoad(
        [
          ['2026-01-05', 0.4],
          ['2026-01-12', 0.7],
        ],
        { windowOpsShare: 0.45, overloaded: false },
      ),
    );
    expect(team).toHaveTextContent(
      "Ops work 45% of the team's time over the last 4 weeks, within the 50% cap",
    );
    expect(team).not.toHaveTextContent('operational overload');
    // The weekly series stands beside it, each week named in its title.
    const weeks = within(team).getByRole('list', { name: 'Ops share by week' });
    expect(
      within(weeks)
        .getAllByRole('listitem')
        .map(li => [li.textContent, li.getAttribute('title')]),
    ).toEqual([
      ['40%', 'week of 2026-01-05'],
      ['70%', 'week of 2026-01-12'],
    ]);
  });

  it('names where the share comes from and the toil in it, beside the weeks', async () => {
    const team = await renderStrip(
      opsLoad(
        [
          ['2026-01-05', 0.6],
          ['2026-01-12', 0.7],
        ],
        {
          windowOpsShare: 0.65,
          overloaded: true,
          windowSources: ['typed', 'computed'],
          windowToilShare: 0.11,
        },
      ),
    );
    expect(team).toHaveTextContent(
      '(typed and computed weeks, toil 11% of it; by week: 60%70%)',
    );
  });

  it('calls sustained overload by its name', async () => {
    const team = await renderStrip(
      opsLoad(
        [
          ['2025-12-22', 0.56],
          ['2025-12-29', 0.54],
          ['2026-01-05', 0.6],
          ['2026-01-12', 0.62],
        ],
        { windowOpsShare: 0.58, overloaded: true },
      ),
    );
    expect(team).toHaveTextContent(
      "Ops work 58% of the team's time over the last 4 weeks — operational overload, above the 50% cap",
    );
  });

  it('says when too few weeks are recorded to call it overload', async () => {
    const team = await renderStrip(
      opsLoad([['2026-01-12', 0.8]], {
        windowOpsShare: 0.8,
        overloaded: false,
      }),
    );
    expect(team).toHaveTextContent(
      "Ops work 80% of the team's time over the last 4 weeks (1 of 4 weeks recorded) — too few weeks to call it overload",
    );
    expect(team).not.toHaveTextContent('operational overload');
  });

  it('says when no ops load is recorded', async () => {
    const team = await renderStrip(null);
    expect(team).toHaveTextContent('No ops load recorded');
    expect(team).toHaveTextContent('No SRE embedded');
  });
});
