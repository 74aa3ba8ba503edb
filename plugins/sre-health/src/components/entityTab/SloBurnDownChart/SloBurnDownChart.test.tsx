import { renderInTestApp } from '@backstage/frontend-test-utils';
import { act, fireEvent, screen } from '@testing-library/react';
import {
  makeBurnDown,
  makeSlo,
  mockResizeObserver,
} from '../../../testUtils/fixtures';
import {
  burnDownAxis,
  burnDownData,
  burnDownProjection,
  formatHour,
} from './burnDownGeometry';
import { SloBurnDownChart } from './SloBurnDownChart';

const HOUR = 3600 * 1000;
const DAY = 24 * HOUR;
const END = Date.parse('2026-01-10T00:00:00.000Z');

/** A 3-day SLO that burned 1% of its budget per hour over its last 48 hours. */
const threeDaySlo = () =>
  makeSlo({
    window: '3d',
    windowMs: 3 * DAY,
    windowDays: 3,
    burnDown: makeBurnDown(48, i => 1 - (i + 1) / 100),
  });

describe('burnDownData', () => {
  it('spans a rolling window: full budget at its start, the last value until now', () => {
    const { data, domain } = burnDownData(threeDaySlo());
    expect(domain).toEqual([END - 3 * DAY, END]);
    // 48 hourly points, plus the window's start and the computation time.
    expect(data).toHaveLength(50);
    expect(data[0]).toEqual({ t: END - 3 * DAY, remaining: 100 });
    expect(data[1]).toEqual({ t: END - 48 * HOUR, remaining: 99 });
    expect(data[48]).toEqual({ t: END - HOUR, remaining: 52 });
    expect(data[49]).toEqual({ t: END, remaining: 52 });
  });

  it('draws a calendar window from its first point', () => {
    const { data, domain } = burnDownData(
      makeSlo({
        window: '1M (calendar)',
        windowMs: 31 * DAY,
        burnDown: makeBurnDown(24, () => 0.9),
      }),
    );
    expect(domain).toEqual([END - 24 * HOUR, END]);
    expect(data[0]).toEqual({ t: END - 24 * HOUR, remaining: 90 });
  });

  it('has nothing to draw without points', () => {
    expect(burnDownData(makeSlo({ burnDown: [] })).data).toEqual([]);
  });
});

describe('SloBurnDownChart', () => {
  let restoreResizeObserver: () => void;
  beforeEach(() => {
    // A fixed-size container for ResponsiveContainer.
    restoreResizeObserver = mockResizeObserver(600, 160);
  });
  afterEach(() => restoreResizeObserver());

  it('draws the burn-down with a title and a description of its points', async () => {
    const { container } = await renderInTestApp(
      <SloBurnDownChart slo={threeDaySlo()} />,
    );
    const chart = screen.getByRole('application', {
      name: 'Error budget burn-down of Availability over 3d',
    });
    expect(chart).toHaveAccessibleDescription(
      '52% of the error budget left at the end, lowest 52%, from 48 hourly points between 2026-01-08 and 2026-01-09.',
    );
    expect(chart).toHaveAttribute('width', '600');
    // One area, drawn from the points.
    const area = container.querySelectorAll('.recharts-area-area');
    expect(area).toHaveLength(1);
    expect(area[0].getAttribute('d')).toMatch(/^M/);
    // The axis spans the whole 3-day window; the budget fell from 100% to 52%, and the
    // percent axis fits it (no room wasted down to 0).
    const ticks = Array.from(
      container.querySelectorAll('.recharts-cartesian-axis-tick-value'),
    ).map(t => t.textContent);
    expect(ticks).toEqual(expect.arrayContaining(['Jan 7', '50%', '100%']));
    expect(ticks).not.toContain('0%');
    expect(screen.queryByText('budget spent')).not.toBeInTheDocument();
    expect(screen.getByText('full budget')).toBeInTheDocument();
    // At the 1h burn of 0.50× the 52% left outlasts the window: no projection.
    expect(screen.queryByText(/^gone in/)).not.toBeInTheDocument();
  });

  it('fits the axis to a small fall, so it does not read as a flat block', async () => {
    const { container } = await renderInTestApp(
      <SloBurnDownChart
        slo={makeSlo({
          burnRates: [{ window: '1h', rate: 0.9 }],
          burnDown: makeBurnDown(48, i => 0.96 - (0.02 * i) / 47),
        })}
      />,
    );
    const ticks = Array.from(
      container.querySelectorAll(
        '.recharts-yAxis .recharts-cartesian-axis-tick-value',
      ),
    ).map(t => t.textContent);
    expect(ticks[0]).toBe('92%');
    expect(ticks[ticks.length - 1]).toBe('100%');
  });

  it('projects the budget to exhaustion at the current burn, with a line at 0', async () => {
    // 94% left of a 30-day budget, burning 19.7× over the last hour: gone in 34 h.
    const slo = makeSlo({
      status: 'at-risk',
      budgetRemaining: 0.94,
      burnRates: [
        { window: '5m', rate: 25 },
        { window: '1h', rate: 19.7 },
        { window: '6h', rate: 4 },
      ],
      burnDown: makeBurnDown(48, i => 0.96 - (0.02 * i) / 47),
    });
    const { container } = await renderInTestApp(<SloBurnDownChart slo={slo} />);
    const chart = screen.getByRole('application');
    expect(chart).toHaveAccessibleDescription(
      /^94% of the error budget left at the end, lowest 94%, .* At the 1h burn rate of 19\.7× it is gone in 34 h, by 2026-01-11 10:2\d UTC\.$/,
    );
    // A dashed line from the last point down to the 0 line, labelled with the time.
    expect(screen.getByText('gone in 34 h')).toBeInTheDocument();
    expect(screen.getByText('budget spent')).toBeInTheDocument();
    const projection = container.querySelector(
      '.sre-health-burn-down-projection line',
    )!;
    expect(projection).toHaveAttribute('stroke-dasharray', '6 4');
    const zero = Array.from(
      container.querySelectorAll(
        '.recharts-yAxis .recharts-cartesian-axis-tick-value',
      ),
    ).find(t => t.textContent === '0%')!;
    expect(Number(projection.getAttribute('y2'))).toBeCloseTo(
      Number(zero.getAttribute('y')),
    );
    expect(Number(projection.getAttribute('y1'))).toBeLessThan(
      Number(projection.getAttribute('y2')),
    );
  });

  it('shows the date and the budget left of a point in its tooltip', async () => {
    const { container } = await renderInTestApp(
      <SloBurnDownChart slo={threeDaySlo()} />,
    );
    const chart = screen.getByRole('application');
    act(() => chart.focus());
    // From the window's start, two points along: the second hourly point.
    fireEvent.keyDown(chart, { key: 'ArrowRight' });
    fireEvent.keyDown(chart, { key: 'ArrowRight' });
    const tooltip = container.querySelector('.recharts-default-tooltip');
    expect(tooltip).toHaveTextContent('2026-01-08 01:00 UTC');
    expect(tooltip).toHaveTextContent('budget remaining : 98%');
  });

  it('colours the area by status and extends below 0 when overspent', async () => {
    const { container } = await renderInTestApp(
      <>
        <SloBurnDownChart
          slo={makeSlo({
            name: 'breached',
            status: 'breached',
            burnDown: makeBurnDown(48, i => 0.5 - i / 50),
          })}
        />
        <SloBurnDownChart
          slo={makeSlo({
            name: 'healthy',
            burnDown: makeBurnDown(48, () => 0.9),
          })}
        />
      </>,
    );
    const [breached, healthy] = Array.from(
      container.querySelectorAll('.recharts-area-area'),
    ).map(a => a.getAttribute('fill'));
    // The area of a breached SLO has the error colour, as has the 0% line.
    expect(breached).toBeTruthy();
    const lines = Array.from(
      container.querySelectorAll('.recharts-reference-line line'),
    ).map(l => l.getAttribute('stroke'));
    expect(lines).toContain(breached);
    expect(healthy).not.toEqual(breached);
    // The budget ends at 0.5 - 47/50 = -44%: drawn below the 0 line, but no tick, label
    // or tooltip reads a negative percent.
    expect(screen.getAllByText('budget spent').length).toBeGreaterThan(0);
    const ticks = Array.from(
      container.querySelectorAll('.recharts-cartesian-axis-tick-value'),
    ).map(t => t.textContent);
    expect(ticks).toContain('0%');
    expect(ticks.filter(t => t?.startsWith('-'))).toEqual([]);
    expect(screen.getAllByRole('application')[0]).toHaveAccessibleDescription(
      /^The error budget is exhausted since 2026-01-09 \d\d:00 UTC, from 48 hourly points/,
    );
  });

  it('says when there is no burn-down yet', async () => {
    await renderInTestApp(<SloBurnDownChart slo={makeSlo({ burnDown: [] })} />);
    expect(screen.getByText('No burn-down data yet')).toBeInTheDocument();
    expect(screen.queryByRole('application')).not.toBeInTheDocument();
  });

  it('still draws without ResizeObserver, at a fixed width', async () => {
    restoreResizeObserver();
    const original = (globalThis as any).ResizeObserver;
    delete (globalThis as any).ResizeObserver;
    try {
      await renderInTestApp(<SloBurnDownChart slo={threeDaySlo()} />);
      expect(screen.getByRole('application')).toHaveAttribute('width', '400');
    } finally {
      (globalThis as any).ResizeObserver = original;
    }
  });
});

describe('burnDownAxis', () => {
  it('fits the values, with round ticks never below 0', () => {
    expect(burnDownAxis([100, 96, 94])).toEqual({
      domain: [92, 100],
      ticks: [92, 94, 96, 98, 100],
    });
    expect(burnDownAxis([100, 52]).ticks).toEqual([
      40, 50, 60, 70, 80, 90, 100,
    ]);
    expect(burnDownAxis([100, 40, 0]).domain).toEqual([0, 100]);
    // Overspent: a band under 0 of at most a quarter of the top, no negative ticks.
    const overspent = burnDownAxis([100, -1502]);
    expect(overspent.domain).toEqual([-25, 100]);
    expect(overspent.ticks[0]).toBe(0);
    // A flat line still has an axis.
    expect(burnDownAxis([90, 90])).toEqual({
      domain: [89, 90],
      ticks: [89, 90],
    });
  });
});

describe('burnDownProjection', () => {
  const slo = (rate: number, window = '30d') =>
    makeSlo({
      window,
      burnRates: [{ window: '1h', rate }],
      burnDown: makeBurnDown(48, () => 0.5),
    });
  const project = (s: ReturnType<typeof slo>) => {
    const { data, domain } = burnDownData(s);
    return burnDownProjection(s, data, domain);
  };

  it('runs from the last point to 0 when the budget is gone within the window', () => {
    // Half of 30 days' budget at 5×: 0.5 × 30 d / 5 = 3 days.
    const p = project(slo(5))!;
    expect(p.from).toEqual({ t: END, remaining: 50 });
    expect(p.exhaustedInMs).toBe(3 * DAY);
    expect(p.to).toEqual({ t: END + 3 * DAY, remaining: 0 });
    expect(p.burn).toEqual({ window: '1h', rate: 5 });
  });

  it('stops at a third of the window past now when the budget lasts longer', () => {
    // 0.5 × 30 d / 0.6 = 25 days: drawn for 10 days, down to 50 × (1 - 10/25) = 30%.
    const p = project(slo(0.6))!;
    expect(p.exhaustedAt).toBe(END + 25 * DAY);
    expect(p.to.t).toBe(END + 10 * DAY);
    expect(p.to.remaining).toBeCloseTo(30);
  });

  it('is none when the budget outlasts the window, nothing burns or it is spent', () => {
    expect(project(slo(0.4))).toBeNull();
    expect(project(slo(0))).toBeNull();
    expect(
      project(
        makeSlo({
          burnRates: [{ window: '1h', rate: 20 }],
          burnDown: makeBurnDown(48, () => -0.2),
        }),
      ),
    ).toBeNull();
  });
});

describe('formatHour', () => {
  it('is in UTC, whatever the time zone', () => {
    expect(formatHour(Date.parse('2026-01-09T14:00:00+02:00'))).toBe(
      '2026-01-09 12:00 UTC',
    );
  });
});
