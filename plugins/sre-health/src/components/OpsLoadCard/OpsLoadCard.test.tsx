import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  Engagement,
  OpsLoadSummary,
  summarizeOpsLoad,
} from '@internal/backstage-plugin-sre-health-common';
import { screen } from '@testing-library/react';
import { makeOpsSample, mockResizeObserver } from '../../testUtils/fixtures';
import { OpsLoadCard, opsLoadData } from './OpsLoadCard';
import { OverloadBanner } from './OverloadBanner';

const TEAM = 'group:default/payments';

// Out of order on purpose: the chart sorts by week.
const overloaded: OpsLoadSummary = summarizeOpsLoad(TEAM, [
  makeOpsSample('2026-01-05', 24, 16),
  makeOpsSample('2025-12-22', 10, 30),
  makeOpsSample('2025-12-29', 0, 0),
  makeOpsSample('2026-01-12', 31, 19),
]);

describe('opsLoadData', () => {
  it('gives the ops share of each week in percent, oldest first, null for an empty week', () => {
    expect(opsLoadData(overloaded).map(d => [d.week, d.share])).toEqual([
      ['2025-12-22', 25],
      ['2025-12-29', null],
      ['2026-01-05', 60],
      ['2026-01-12', 62],
    ]);
  });
});

describe('OpsLoadCard', () => {
  let restoreResizeObserver: () => void;
  beforeEach(() => {
    restoreResizeObserver = mockResizeObserver(600, 200);
  });
  afterEach(() => restoreResizeObserver());

  it('charts the weekly ops share with the 50% cap as a reference line', async () => {
    const { container } = await renderInTestApp(
      <OpsLoadCard opsLoad={overloaded} teamRef={TEAM} />,
    );
    const chart = screen.getByRole('application', {
      name: 'Weekly ops share of payments',
    });
    expect(chart).toHaveAccessibleDescription(
      "payments's ops work took 62% of its time in the week of 2026-01-12; 2 of 3 weeks above the 50% cap.",
    );
    expect(chart).toHaveAttribute('width', '600');

    // One line through the weeks.
    const curve = container.querySelectorAll('.recharts-line-curve');
    expect(curve).toHaveLength(1);
    expect(curve[0].getAttribute('d')).toMatch(/^M/);
    const weeks = Array.from(
      container.querySelectorAll(
        '.recharts-xAxis .recharts-cartesian-axis-tick-value',
      ),
    ).map(t => t.textContent);
    expect(weeks).toEqual(expect.arrayContaining(['2025-12-22', '2026-01-12']));

    // The cap: a labelled reference line drawn at the height of the 50% tick.
    expect(screen.getByText('50% cap')).toBeInTheDocument();
    const cap = container.querySelector('.recharts-reference-line line')!;
    expect(cap).not.toBeNull();
    const tick50 = Array.from(
      container.querySelectorAll(
        '.recharts-yAxis .recharts-cartesian-axis-tick-value',
      ),
    ).find(t => t.textContent === '50%')!;
    expect(tick50).toBeDefined();
    expect(cap.getAttribute('y1')).toBe(cap.getAttribute('y2'));
    expect(Number(cap.getAttribute('y1'))).toBeCloseTo(
      Number(tick50.getAttribute('y')),
    );
  });

  it('has an empty state without samples, and without an owner', async () => {
    await renderInTestApp(
      <>
        <OpsLoadCard opsLoad={summarizeOpsLoad(TEAM, [])} teamRef={TEAM} />
        <OpsLoadCard opsLoad={null} teamRef={null} />
      </>,
    );
    expect(
      screen.getByText(/^No weekly ops-load samples for payments yet/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/The entity has no owner team/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('application')).toBeNull();
  });
});

describe('OverloadBanner', () => {
  const engagement: Engagement = {
    id: 'e1',
    version: 1,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
    teamRef: TEAM,
    sreRef: 'user:default/alex',
    phase: 'learn',
    startDate: '2026-01-01',
    endDate: null,
    goals: '',
    createdBy: 'user:default/lead',
  };

  it('warns about operational overload above the cap', async () => {
    await renderInTestApp(
      <OverloadBanner opsLoad={overloaded} engagement={null} />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      "Operational overloadOps work took 62% of payments's time in the week of 2026-01-12, above the 50% cap. Embed one SRE with the team to recover",
    );
  });

  it('names the embedded SRE when there is one', async () => {
    await renderInTestApp(
      <OverloadBanner opsLoad={overloaded} engagement={engagement} />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'alex is embedded with the team',
    );
  });

  it('renders nothing under the cap', async () => {
    const { container } = await renderInTestApp(
      <OverloadBanner
        opsLoad={summarizeOpsLoad(TEAM, [makeOpsSample('2026-01-12', 10, 30)])}
        engagement={null}
      />,
    );
    expect(screen.queryByRole('alert')).toBeNull();
    expect(container.textContent).toBe('');
  });
});
