import { renderInTestApp } from '@backstage/frontend-test-utils';
import { act, fireEvent, screen } from '@testing-library/react';
import {
  makeBurnDown,
  makeSlo,
  mockResizeObserver,
} from '../../testUtils/fixtures';
import { burnDownData, formatHour, SloBurnDownChart } from './SloBurnDownChart';

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
    // The axis spans the whole 3-day window, percent from 0 to 100.
    const ticks = Array.from(
      container.querySelectorAll('.recharts-cartesian-axis-tick-value'),
    ).map(t => t.textContent);
    expect(ticks).toEqual(expect.arrayContaining(['Jan 7', '0%', '100%']));
    expect(screen.getByText('budget spent')).toBeInTheDocument();
    expect(screen.getByText('full budget')).toBeInTheDocument();
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
    // The area of a breached SLO has the error colour, as has the 0% line's label.
    const spent = screen.getAllByText('budget spent')[0].closest('text');
    expect(breached).toBeTruthy();
    expect(spent).toHaveAttribute('fill', breached);
    expect(healthy).not.toEqual(breached);
    // The budget ends at 0.5 - 47/50 = -44%: the axis goes down to -50%.
    expect(screen.getAllByText('-50%').length).toBeGreaterThan(0);
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

describe('formatHour', () => {
  it('is in UTC, whatever the time zone', () => {
    expect(formatHour(Date.parse('2026-01-09T14:00:00+02:00'))).toBe(
      '2026-01-09 12:00 UTC',
    );
  });
});
