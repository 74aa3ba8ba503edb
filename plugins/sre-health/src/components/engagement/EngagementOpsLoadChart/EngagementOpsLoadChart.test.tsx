import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { makeRecord } from '../EngagementRecordView/engagementFixtures';
import { mockResizeObserver } from '../../../testUtils/fixtures';
import {
  EngagementOpsLoadChart,
  engagementOpsData,
  periodShares,
} from './EngagementOpsLoadChart';

describe('EngagementOpsLoadChart', () => {
  const samples = makeRecord().opsLoad; // 60%, 50%, 35%

  it('places each week before, during or after the engagement', () => {
    expect(engagementOpsData(samples, '2026-01-05', '2026-01-09')).toEqual([
      { week: '2025-12-29', share: 60, period: 'before' },
      { week: '2026-01-05', share: 50, period: 'during' },
      { week: '2026-01-12', share: 35, period: 'after' },
    ]);
    expect(
      engagementOpsData(samples, '2026-01-05', null).map(d => d.period),
    ).toEqual(['before', 'during', 'during']);
    const shares = periodShares(samples, '2026-01-05', null);
    expect(shares.before).toEqual({ share: 0.6, weeks: 1 });
    expect(shares.during.share).toBeCloseTo(170 / 400);
    expect(shares.after).toEqual({ share: null, weeks: 0 });
  });

  it('draws the weeks against the cap and describes the periods', async () => {
    renderInTestApp(
      <EngagementOpsLoadChart
        samples={samples}
        startDate="2026-01-05"
        endDate="2026-01-09"
      />,
    );
    expect(
      await screen.findByText(
        'Before the engagement: 60% (1 week); during: 50% (1 week); after: 35% (1 week). Cap 50%.',
      ),
    ).toBeInTheDocument();
    expect(document.querySelector('svg.recharts-surface')).not.toBeNull();
  });

  it('places weeks by date, the engagement as an area, red dots only above the cap', async () => {
    const restore = mockResizeObserver(600, 220);
    try {
      const { container } = await renderInTestApp(
        <EngagementOpsLoadChart
          samples={samples}
          startDate="2026-01-05"
          endDate="2026-01-09"
        />,
      );
      const ticks = Array.from(
        container.querySelectorAll(
          '.recharts-xAxis .recharts-cartesian-axis-tick-value',
        ),
      ).map(t => [t.textContent, Number(t.getAttribute('x'))] as const);
      expect(ticks.map(([label]) => label)).toEqual([
        '2025-12-29',
        '2026-01-05',
        '2026-01-12',
      ]);
      expect(ticks[2][1] - ticks[1][1]).toBeCloseTo(ticks[1][1] - ticks[0][1]);
      // 60% is above the cap, 50% is at it (not above), 35% under.
      expect(container.querySelectorAll('.above-cap')).toHaveLength(1);
      expect(container.querySelectorAll('.under-cap')).toHaveLength(2);
      expect(screen.getByText('engagement')).toBeInTheDocument();
    } finally {
      restore();
    }
  });

  it('says so without samples', async () => {
    renderInTestApp(
      <EngagementOpsLoadChart
        samples={[]}
        startDate="2026-01-05"
        endDate={null}
      />,
    );
    expect(
      await screen.findByText('No weekly ops-load samples for the team yet.'),
    ).toBeInTheDocument();
  });
});
