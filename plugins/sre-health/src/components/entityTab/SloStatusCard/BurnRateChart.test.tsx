import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ThemeProvider } from '@material-ui/core/styles';
import { screen, within } from '@testing-library/react';
import type { SloSummary } from '@sre-health/backstage-plugin-sre-health-common';
import { makeSlo, mockResizeObserver } from '../../../testUtils/fixtures';
import { AlertRulesTable, BurnRateRow } from './BurnRateTables';

/** Burning 19.7× over the last hour: the fast page fires. */
const paging = (): SloSummary =>
  makeSlo({
    burnRates: [
      { window: '5m', rate: 25 },
      { window: '30m', rate: 4 },
      { window: '1h', rate: 19.7 },
      { window: '2h', rate: 3.5 },
      { window: '6h', rate: 2 },
      { window: '1d', rate: 0.8 },
      { window: '3d', rate: null },
    ],
    alert: {
      state: 'page',
      rules: [
        {
          severity: 'page',
          long: '1h',
          short: '5m',
          threshold: 14.4,
          firing: true,
        },
        {
          severity: 'page',
          long: '6h',
          short: '30m',
          threshold: 6,
          firing: false,
        },
        {
          severity: 'ticket',
          long: '1d',
          short: '2h',
          threshold: 3,
          firing: false,
        },
        {
          severity: 'ticket',
          long: '3d',
          short: '6h',
          threshold: 1,
          firing: false,
        },
      ],
    },
  });

describe('BurnRateRow', () => {
  let restoreResizeObserver: () => void;
  beforeEach(() => {
    restoreResizeObserver = mockResizeObserver(600, 160);
  });
  afterEach(() => restoreResizeObserver());

  it('draws each window against the page and ticket thresholds', async () => {
    const { container } = await renderInTestApp(<BurnRateRow slo={paging()} />);
    const chart = screen.getByRole('img', {
      name: 'Burn rates of Availability against the alert thresholds',
    });
    expect(chart).toHaveAccessibleDescription(
      'Thresholds: page at 14.4× (1h, 5m) and 6.00× (6h, 30m); ticket at 3.00× (1d, 2h) and 1.00× (3d, 6h). ' +
        'Above: 5m 25.0×, 1h 19.7×, 2h 3.50×, 6h 2.00×.',
    );
    // One vertical line per threshold, labelled with its value.
    const lines = Array.from(
      container.querySelectorAll('.recharts-reference-line line'),
    );
    expect(lines).toHaveLength(4);
    for (const line of lines) {
      expect(line.getAttribute('x1')).toBe(line.getAttribute('x2'));
    }
    expect(
      screen.getByText('14.4×', { selector: 'tspan' }),
    ).toBeInTheDocument();
    // Bars: red above a page threshold of a rule using the window, orange above a ticket
    // threshold, neutral otherwise; each with its value at its end.
    const fills = Array.from(
      container.querySelectorAll('.recharts-bar-rectangle path'),
    ).map(p => p.getAttribute('fill'));
    const [fiveMin, , oneHour, twoHours, sixHours, oneDay] = fills;
    expect(fiveMin).toBe(oneHour);
    expect(twoHours).toBe(sixHours);
    expect(new Set([oneHour, twoHours, oneDay]).size).toBe(3);
    expect(
      Array.from(container.querySelectorAll('.recharts-label-list text')).map(
        t => t.textContent,
      ),
    ).toEqual(expect.arrayContaining(['25.0×', '19.7×', '0.80×']));
    // The numbers for screen readers.
    const table = screen.getByRole('table', {
      name: 'Burn rates of Availability',
    });
    expect(
      within(table)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual([
      ...['25.0×', '4.00×', '19.7×', '3.50×', '2.00×', '0.80×', '—'],
      ...['14 h', '4 days', '18 h', '4 days', '8 days', '19 days', 'never'],
    ]);
  });

  it('says when no window is above its thresholds', async () => {
    await renderInTestApp(
      <BurnRateRow
        slo={makeSlo({
          burnRates: [
            { window: '1h', rate: 0.5 },
            { window: '6h', rate: 0.9 },
          ],
        })}
      />,
    );
    expect(screen.getByRole('img')).toHaveAccessibleDescription(
      /No window is above its thresholds\.$/,
    );
  });
});

describe('BurnRateRow with alert policies', () => {
  let restoreResizeObserver: () => void;
  beforeEach(() => {
    restoreResizeObserver = mockResizeObserver(600, 160);
  });
  afterEach(() => restoreResizeObserver());

  it('draws no threshold for a tier an alert policy switches off', async () => {
    await renderInTestApp(
      <BurnRateRow
        slo={makeSlo({
          burnRates: [{ window: '1d', rate: 5 }],
          alert: {
            state: 'page',
            rules: [
              {
                severity: 'page',
                severityName: 'sev1',
                long: '1d',
                short: '2h',
                threshold: 2,
                firing: true,
              },
              {
                severity: 'page',
                long: '1h',
                short: '5m',
                threshold: 14.4,
                firing: false,
                off: 'no alert policy of this SLO turns this tier on',
              },
            ],
          },
        })}
      />,
    );
    expect(screen.getByRole('img')).toHaveAccessibleDescription(
      /^Thresholds: page at 2\.00× \(1d, 2h\)\. /,
    );
  });
});

describe('AlertRulesTable', () => {
  it('never breaks a heading or state inside a word, and scrolls instead', async () => {
    await renderInTestApp(<AlertRulesTable slo={paging()} />);
    const table = screen.getByRole('table', {
      name: 'Burn-rate alerts of Availability',
    });
    for (const cell of within(table).getAllByRole('columnheader')) {
      expect(getComputedStyle(cell).whiteSpace).toBe('nowrap');
    }
    expect(getComputedStyle(table.parentElement!).overflowX).toBe('auto');
  });

  it('keeps the firing row readable in dark theme: its own text colour over a tint', async () => {
    // Backstage's dark palette: white text, #F84C55 errors, and an errorBackground that is
    // light pink in both themes.
    const dark = (outer: any) => ({
      ...outer,
      palette: {
        ...outer.palette,
        type: 'dark',
        text: { ...outer.palette.text, primary: '#FFFFFF' },
        status: { ...outer.palette.status, error: '#F84C55' },
        errorBackground: '#FFEBEE',
      },
    });
    await renderInTestApp(
      <ThemeProvider theme={dark}>
        <AlertRulesTable slo={paging()} />
      </ThemeProvider>,
    );
    const row = screen.getByText('firing: page').closest('tr')!;
    // Not the theme's errorBackground (light pink, #FFEBEE) under white text: a tint of
    // the error colour (#F84C55 in dark) over the card, under the card's white text.
    for (const cell of Array.from(row.children)) {
      expect(getComputedStyle(cell).backgroundColor).toBe(
        'rgba(248, 76, 85, 0.12)',
      );
      expect(getComputedStyle(cell).color).toBe('rgb(255, 255, 255)');
    }
  });
});
