import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { sreHealthApiRef } from '../../../api';
import {
  fakeEngagementApi,
  makeComputedWeek as computedWeek,
  makeRecord,
  TEAM,
} from '../EngagementRecordView/engagementFixtures';
import { mockResizeObserver } from '../../../testUtils/fixtures';
import {
  EngagementOpsLoad,
  engagementOpsWeeks,
  periodShares,
} from './EngagementOpsLoad';

describe('EngagementOpsLoad', () => {
  const samples = makeRecord().opsLoad; // typed 60%, 50%, 35% from 2025-12-29
  // computed 10% (a week with nothing typed), 20%, 30%, 40%
  const computed = [
    computedWeek('2025-12-22', 8),
    computedWeek('2025-12-29', 16),
    computedWeek('2026-01-05', 24),
    computedWeek('2026-01-12', 32),
  ];

  function render(
    getOpsTime: () => Promise<unknown>,
    props: { samples?: typeof samples; endDate?: string | null } = {},
  ) {
    const api = fakeEngagementApi({ getOpsTime: getOpsTime as any });
    const result = renderInTestApp(
      <TestApiProvider apis={[[sreHealthApiRef, api]]}>
        <EngagementOpsLoad
          teamRef={TEAM}
          samples={props.samples ?? samples}
          startDate="2026-01-05"
          endDate={props.endDate === undefined ? '2026-01-09' : props.endDate}
        />
      </TestApiProvider>,
    );
    return { api, result };
  }

  it('puts the typed and the computed share of each week side by side', () => {
    expect(engagementOpsWeeks(samples, computed.slice(0, 2))).toEqual([
      { weekStart: '2025-12-29', typedShare: 0.6, computedShare: 0.2 },
      { weekStart: '2026-01-05', typedShare: 0.5, computedShare: null },
      { weekStart: '2026-01-12', typedShare: 0.35, computedShare: null },
      { weekStart: '2025-12-22', typedShare: null, computedShare: 0.1 },
    ]);
  });

  it('sums each period: typed over its hours, computed over its capacity', () => {
    const open = periodShares(samples, computed, {
      startDate: '2026-01-05',
      endDate: null,
    });
    expect(open.typed.before).toEqual({ share: 0.6, weeks: 1 });
    expect(open.typed.during.share).toBeCloseTo(170 / 400);
    expect(open.typed.after).toEqual({ share: null, weeks: 0 });
    expect(open.computed.before).toEqual({ share: 24 / 160, weeks: 2 });
    expect(open.computed.during).toEqual({ share: 56 / 160, weeks: 2 });
    const ended = periodShares(samples, computed, {
      startDate: '2026-01-05',
      endDate: '2026-01-09',
    });
    expect(ended.computed.after).toEqual({ share: 0.4, weeks: 1 });
  });

  it('draws the typed and the fetched computed weeks, the engagement shaded', async () => {
    const restore = mockResizeObserver(600, 220);
    try {
      const { api, result } = render(async () => ({ weeks: computed }), {
        endDate: null,
      });
      const { container } = await result;
      expect(
        await screen.findByText(
          'Typed: before the engagement 60% (1 week); during 43% (2 weeks). Computed: before the engagement 15% (2 weeks); during 35% (2 weeks). Cap 50%.',
        ),
      ).toBeInTheDocument();
      expect(api.getOpsTime).toHaveBeenCalledWith(TEAM);
      const ticks = Array.from(
        container.querySelectorAll(
          '.recharts-xAxis .recharts-cartesian-axis-tick-value',
        ),
      ).map(t => [t.textContent, Number(t.getAttribute('x'))] as const);
      expect(ticks.map(([label]) => label)).toEqual([
        '2025-12-22',
        '2025-12-29',
        '2026-01-05',
        '2026-01-12',
      ]);
      // the computed line has a dot a week; the typed one its three, red only above the cap
      expect(container.querySelectorAll('.recharts-line-dot')).toHaveLength(4);
      expect(container.querySelectorAll('.above-cap')).toHaveLength(1);
      expect(container.querySelectorAll('.under-cap')).toHaveLength(2);
      expect(screen.getByText('Typed')).toBeInTheDocument();
      expect(
        screen.getByText('Computed (fires, pages, interrupts)'),
      ).toBeInTheDocument();
      // the engagement's weeks (2026-01-05 on, still open) are shaded
      expect(screen.getByText('engagement')).toBeInTheDocument();
      const area = container.querySelector(
        '.recharts-reference-area-rect',
      ) as Element;
      const x = Number(area.getAttribute('x'));
      expect(x).toBeCloseTo(ticks[2][1]);
      expect(x + Number(area.getAttribute('width'))).toBeCloseTo(ticks[3][1]);
      expect(screen.getByText('50% cap')).toBeInTheDocument();
    } finally {
      restore();
    }
  });

  it('keeps the typed line and says so when the computed weeks fail', async () => {
    const restore = mockResizeObserver(600, 220);
    try {
      const { result } = render(async () => {
        throw new Error('backend down');
      });
      const { container } = await result;
      expect(
        await screen.findByText(
          'Typed: before the engagement 60% (1 week); during 50% (1 week); after 35% (1 week). The computed weeks could not be loaded (backend down); showing the typed weeks only. Cap 50%.',
        ),
      ).toBeInTheDocument();
      expect(container.querySelectorAll('.recharts-line-dot')).toHaveLength(0);
      expect(container.querySelectorAll('.above-cap')).toHaveLength(1);
      expect(container.querySelectorAll('.under-cap')).toHaveLength(2);
    } finally {
      restore();
    }
  });

  it('says so without samples or computed weeks', async () => {
    render(async () => ({ weeks: [] }), { samples: [], endDate: null });
    expect(
      await screen.findByText(
        'No weekly ops-load samples for the team yet. No computed weeks: SRE Health has recorded no fires, pages or interrupts for the team.',
      ),
    ).toBeInTheDocument();
  });

  it('draws the typed line alone, legend and all, when the team has no computed weeks', async () => {
    const restore = mockResizeObserver(600, 220);
    try {
      const { result } = render(async () => ({ weeks: [] }));
      const { container } = await result;
      expect(
        await screen.findByText(
          'Typed: before the engagement 60% (1 week); during 50% (1 week); after 35% (1 week). No computed weeks: SRE Health has recorded no fires, pages or interrupts for the team. Cap 50%.',
        ),
      ).toBeInTheDocument();
      expect(
        [...container.querySelectorAll('.recharts-legend-item-text')].map(
          e => e.textContent,
        ),
      ).toEqual(['Typed']);
      expect(container.querySelectorAll('.recharts-line')).toHaveLength(1);
    } finally {
      restore();
    }
  });
});
