import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { AlertState } from '@sre-health/backstage-plugin-sre-health-common';
import {
  makeBurnDown,
  makeSlo,
  mockResizeObserver,
} from '../../../testUtils/fixtures';
import { SloStatusCard } from './SloStatusCard';

/** The workbook's rules for a 30-day SLO, none firing. */
function quietRules(): AlertState['rules'] {
  return [
    {
      severity: 'page',
      long: '1h',
      short: '5m',
      threshold: 14.4,
      firing: false,
    },
    { severity: 'page', long: '6h', short: '30m', threshold: 6, firing: false },
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
  ];
}

/** The burn-rate tables sit behind a disclosure: opens it. */
async function openBurnRates(section: HTMLElement) {
  await userEvent.click(
    within(section).getByRole('button', { name: /^Burn rates/ }),
  );
}

function rowTexts(table: HTMLElement): string[][] {
  return within(table)
    .getAllByRole('row')
    .slice(1)
    .map(row =>
      Array.from(row.querySelectorAll('th, td')).map(c => c.textContent ?? ''),
    );
}

describe('SloStatusCard', () => {
  let restoreResizeObserver: () => void;
  beforeEach(() => {
    restoreResizeObserver = mockResizeObserver(600, 160);
  });
  afterEach(() => restoreResizeObserver());

  describe('without an SLO', () => {
    it('says so and explains both ways to add one', async () => {
      await renderInTestApp(<SloStatusCard slos={[]} />);
      const line = await screen.findByText(/^No SLO yet: add the/);
      expect(line).toHaveTextContent(
        'No SLO yet: add the sre-health.dev/slo-target annotation (e.g. "99.9") or OpenSLO files with sre-health.dev/openslo.',
      );
      // The explanation is behind the info icon.
      await userEvent.hover(
        screen.getByRole('button', { name: 'About adding an SLO' }),
      );
      const link = await screen.findByRole('link', { name: /OpenSLO format/ });
      expect(link).toHaveAttribute(
        'href',
        'https://github.com/OpenSLO/OpenSLO',
      );
      expect(link).toHaveAttribute('target', '_blank');
    });
  });

  it('shows objective, SLI, the error budget in events, burn rates and status', async () => {
    await renderInTestApp(
      <SloStatusCard
        slos={[
          makeSlo({
            budget: {
              unit: 'events',
              total: 1000.0000000000001,
              consumed: 588,
              remaining: 412,
              remainingFraction: 0.412,
            },
            budgetRemaining: 0.412,
            totalEvents: 1_000_000,
            badEvents: 588,
            sli: 0.999412,
          }),
        ]}
      />,
    );

    const section = await screen.findByRole('region', {
      name: 'SLO Availability',
    });
    const slo = within(section);
    expect(slo.getByRole('heading', { name: 'Availability' })).toBeVisible();
    expect(section).toHaveTextContent('Objective 99.9% over 30d');
    expect(section).toHaveTextContent('SLI 99.941% (588 bad of 1,000,000)');
    expect(slo.getByLabelText('SLO status: healthy')).toBeInTheDocument();
    expect(slo.queryByLabelText(/^Alert:/)).not.toBeInTheDocument();
    // The share left and the amount in the budget's unit, side by side.
    expect(section).toHaveTextContent(
      'Budget left 41% (412 of 1,000 events left)',
    );
    expect(section).toHaveAttribute('id', 'slo-availability');

    await openBurnRates(section);

    const rates = slo.getByRole('table', {
      name: 'Burn rates of Availability',
    });
    expect(
      within(rates)
        .getAllByRole('columnheader')
        .map(h => h.textContent),
    ).toEqual(['5m', '30m', '1h', '2h', '6h', '1d', '3d']);
    expect(
      within(rates)
        .getAllByRole('cell')
        .map(c => c.textContent),
    ).toEqual([
      ...['0.10×', '0.20×', '0.50×', '0.40×', '2.00×', '0.80×', '—'],
      // time to exhaustion at each rate: 41.2% of a 30-day budget ÷ the rate
      ...[
        '18 weeks',
        '9 weeks',
        '25 days',
        '31 days',
        '6 days',
        '15 days',
        'never',
      ],
    ]);

    // Without rules from the backend, the workbook's thresholds for a 30-day window.
    const alerts = slo.getByRole('table', {
      name: 'Burn-rate alerts of Availability',
    });
    expect(rowTexts(alerts)).toEqual([
      ['page', '1h: 0.50×', '5m: 0.10×', '14.4×', '25 days', 'ok'],
      ['page', '6h: 2.00×', '30m: 0.20×', '6.00×', '6 days', 'ok'],
      ['ticket', '1d: 0.80×', '2h: 0.40×', '3.00×', '15 days', 'ok'],
      ['ticket', '3d: —', '6h: 2.00×', '1.00×', 'never', 'no data'],
    ]);
  });

  it('shows a time-based budget in minutes', async () => {
    await renderInTestApp(
      <SloStatusCard
        slos={[
          makeSlo({
            budgetingMethod: 'Timeslices',
            budget: {
              unit: 'minutes',
              total: 43.2,
              consumed: 12,
              remaining: 31.2,
              remainingFraction: 31.2 / 43.2,
            },
            budgetRemaining: 31.2 / 43.2,
          }),
        ]}
      />,
    );
    const section = await screen.findByRole('region', {
      name: 'SLO Availability',
    });
    expect(section).toHaveTextContent(
      'Budget left 72% (31.2 of 43.2 minutes left)',
    );
    expect(section).toHaveTextContent('Objective 99.9% over 30d (Timeslices)');
  });

  it("shows the action of the error-budget policy's step the SLO is in, and none outside a step", async () => {
    await renderInTestApp(
      <SloStatusCard
        slos={[
          makeSlo({
            name: 'availability',
            displayName: 'Availability',
            budgetRemaining: 0.12,
            policyStep: { key: 'below-25', action: 'reliability work first' },
          }),
          makeSlo({
            name: 'latency',
            displayName: 'Latency',
            budgetRemaining: 0.9,
          }),
        ]}
      />,
    );
    const inStep = await screen.findByRole('region', {
      name: 'SLO Availability',
    });
    expect(
      within(inStep).getByLabelText('Error-budget policy'),
    ).toHaveTextContent('Budget policy: reliability work first');
    const outside = screen.getByRole('region', { name: 'SLO Latency' });
    expect(
      within(outside).queryByLabelText('Error-budget policy'),
    ).not.toBeInTheDocument();
    expect(outside).not.toHaveTextContent('Budget policy');
  });

  it('shows a paging SLO: the alert state and the rule that fires', async () => {
    const rules = quietRules();
    rules[0].firing = true;
    await renderInTestApp(
      <SloStatusCard
        slos={[
          makeSlo({
            status: 'breached',
            sli: 0.99,
            budget: {
              unit: 'events',
              total: 100,
              consumed: 125,
              remaining: -25,
              remainingFraction: -0.25,
            },
            budgetRemaining: -0.25,
            alert: { state: 'page', rules },
            burnRates: [
              { window: '5m', rate: 16 },
              { window: '30m', rate: 4 },
              { window: '1h', rate: 20 },
              { window: '2h', rate: 3.5 },
              { window: '6h', rate: 7 },
              { window: '1d', rate: 2 },
              { window: '3d', rate: 0.9 },
            ],
          }),
        ]}
      />,
    );
    const section = await screen.findByRole('region', {
      name: 'SLO Availability',
    });
    const slo = within(section);
    expect(slo.getByLabelText('SLO status: breached')).toBeInTheDocument();
    expect(slo.getByLabelText('Alert: page')).toHaveTextContent('paging');
    expect(section).toHaveTextContent(
      'Budget left exhausted (exhausted: overspent by 25 of 100 events)',
    );
    expect(section).not.toHaveTextContent('-25%');
    expect(
      slo.getByRole('button', { name: 'Burn rates: paging rule firing' }),
    ).toHaveAttribute('aria-expanded', 'false');
    await openBurnRates(section);

    const alerts = slo.getByRole('table', {
      name: 'Burn-rate alerts of Availability',
    });
    expect(rowTexts(alerts)).toEqual([
      // the budget is overspent: it is gone "now" at any burn
      ['page', '1h: 20.0×', '5m: 16.0×', '14.4×', 'now', 'firing: page'],
      // The long window is above 6× but the short one is not: the burn has stopped.
      [
        'page',
        '6h: 7.00×',
        '30m: 4.00×',
        '6.00×',
        'now',
        '30m window recovered',
      ],
      [
        'ticket',
        '1d: 2.00×',
        '2h: 3.50×',
        '3.00×',
        'now',
        'spike, 1d window below',
      ],
      [
        'ticket',
        '3d: 0.90×',
        '6h: 7.00×',
        '1.00×',
        'now',
        'spike, 3d window below',
      ],
    ]);
    const [firing, ...others] = within(alerts).getAllByRole('row').slice(1);
    expect(firing.className).toMatch(/page/);
    for (const row of others) {
      expect(row.className).not.toMatch(/page|ticket/);
    }
    expect(slo.getByRole('list', { name: 'Firing alerts' })).toHaveTextContent(
      'page fires: the 1h burn is 20× (above 14.4×); the budget is already spent. Page: act now, find what changed and roll it back or mitigate.',
    );
  });

  it("shows the tiers an SLO's alert policies decide: severity names, time to exhaustion, tiers switched off", async () => {
    await renderInTestApp(
      <SloStatusCard
        slos={[
          makeSlo({
            status: 'at-risk',
            budgetRemaining: 0.5,
            alert: {
              state: 'page',
              rules: [
                {
                  severity: 'page',
                  severityName: 'sev1',
                  policy: 'fast',
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
            burnRates: [
              { window: '5m', rate: 1 },
              { window: '1h', rate: 1 },
              { window: '2h', rate: 4 },
              { window: '1d', rate: 5 },
            ],
          }),
        ]}
      />,
    );
    const section = await screen.findByRole('region', {
      name: 'SLO Availability',
    });
    expect(
      within(section).getByRole('list', { name: 'Firing alerts' }),
    ).toHaveTextContent(
      'sev1 (page) fires: the 1d burn is 5× (above 2×); at this rate the 30d budget is gone in 3 days.',
    );
    await openBurnRates(section);
    const alerts = within(section).getByRole('table', {
      name: 'Burn-rate alerts of Availability',
    });
    expect(rowTexts(alerts)).toEqual([
      [
        'sev1 (page)',
        '1d: 5.00×',
        '2h: 4.00×',
        '2.00×',
        '3 days',
        'firing: page',
      ],
      ['page', '1h: 1.00×', '5m: 1.00×', '14.4×', '15 days', 'off'],
    ]);
  });

  it('shows a ticket alert as a warning', async () => {
    const rules = quietRules();
    rules[2].firing = true;
    await renderInTestApp(
      <SloStatusCard
        slos={[
          makeSlo({
            status: 'at-risk',
            alert: { state: 'ticket', rules },
            burnRates: [
              { window: '1h', rate: 0.5 },
              { window: '5m', rate: 0.2 },
              { window: '1d', rate: 4 },
              { window: '2h', rate: 5 },
              { window: '6h', rate: 0.5 },
              { window: '3d', rate: 2 },
            ],
          }),
        ]}
      />,
    );
    expect(await screen.findByLabelText('Alert: ticket')).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Burn rates: ticket rule firing' }),
    );
    const alerts = screen.getByRole('table', {
      name: 'Burn-rate alerts of Availability',
    });
    const rows = within(alerts).getAllByRole('row').slice(1);
    expect(rows[2]).toHaveTextContent('firing: ticket');
    expect(rows[2].className).toMatch(/ticket/);
    // The long window still burns, the short one has stopped: the alert has reset.
    expect(rows[3]).toHaveTextContent('6h window recovered');
    expect(rows[3].className).not.toMatch(/ticket/);
  });

  it('shows the error-budget burn-down chart of each SLO', async () => {
    await renderInTestApp(
      <SloStatusCard
        slos={[
          makeSlo({
            burnDown: makeBurnDown(720, i => 1 - i / 1440),
          }),
          makeSlo({ name: 'latency', displayName: 'Latency' }),
        ]}
      />,
    );
    const availability = await screen.findByRole('region', {
      name: 'SLO Availability',
    });
    const chart = within(availability).getByRole('application', {
      name: 'Error budget burn-down of Availability over 30d',
    });
    expect(chart).toHaveAccessibleDescription(/from 720 hourly points/);
    const latency = screen.getByRole('region', { name: 'SLO Latency' });
    expect(within(latency).queryByRole('application')).not.toBeInTheDocument();
    expect(
      within(latency).getByText('No burn-down data yet'),
    ).toBeInTheDocument();
  });

  it('marks only the SLO whose source failed, with the age of its numbers', async () => {
    const fiveMinutesAgo = new Date(Date.now() - 5 * 60_000 - 1000);
    await renderInTestApp(
      <SloStatusCard
        slos={[
          makeSlo({
            name: 'latency',
            displayName: 'Latency',
            source: 'prometheus:main',
            unavailable: {
              reason: 'prometheus timed out',
              lastKnownAt: fiveMinutesAgo.toISOString(),
            },
          }),
          makeSlo(),
          makeSlo({
            name: 'errors',
            displayName: 'Errors',
            source: 'prometheus:main',
            status: 'no-data',
            sli: null,
            totalEvents: 0,
            badEvents: 0,
            budget: null,
            budgetRemaining: null,
            burnRates: [],
            unavailable: { reason: 'connection refused', lastKnownAt: null },
          }),
        ]}
      />,
    );
    const latency = await screen.findByRole('region', { name: 'SLO Latency' });
    expect(within(latency).getByRole('status')).toHaveTextContent(
      'Source unavailable: prometheus timed out. Last known 5 minutes ago; the numbers below are from then.',
    );
    // The last known numbers are still shown.
    expect(latency).toHaveTextContent('(50 of 100 events left)');

    const errors = screen.getByRole('region', { name: 'SLO Errors' });
    expect(within(errors).getByRole('status')).toHaveTextContent(
      'Source unavailable: connection refused. No data yet.',
    );
    expect(
      within(errors).getByText('No error budget data yet'),
    ).toBeInTheDocument();
    expect(within(errors).getByLabelText('SLO status: no data')).toBeVisible();

    const availability = screen.getByRole('region', {
      name: 'SLO Availability',
    });
    expect(within(availability).queryByRole('status')).not.toBeInTheDocument();
    expect(availability).not.toHaveTextContent(/unavailable/i);
  });

  it('lists SLO definitions that could not be used beside the valid SLOs', async () => {
    await renderInTestApp(
      <SloStatusCard
        slos={[makeSlo()]}
        problems={[
          {
            document: 'SLO latency',
            path: 'spec.objectives[0].target',
            message: 'must be below 1',
            location: 'url:https://git.example.com/slos/checkout.yaml',
          },
          {
            document: 'document 2',
            path: 'kind',
            message: 'unknown kind "Alert"',
            location: 'url:https://git.example.com/slos/checkout.yaml',
          },
        ]}
      />,
    );
    const problems = await screen.findByRole('region', {
      name: 'SLO definition problems',
    });
    expect(problems).toHaveTextContent('2 SLO definitions could not be used');
    const items = within(problems)
      .getAllByRole('listitem')
      .map(li => li.textContent);
    expect(items).toEqual([
      'SLO latency, spec.objectives[0].target: must be below 1in url:https://git.example.com/slos/checkout.yaml',
      'document 2, kind: unknown kind "Alert"in url:https://git.example.com/slos/checkout.yaml',
    ]);
    expect(
      screen.getByRole('region', { name: 'SLO Availability' }),
    ).toBeInTheDocument();
    expect(screen.queryByText(/^No SLO yet/)).not.toBeInTheDocument();
  });

  it('shows SLOs defined but not computable here as a neutral note, not as problems', async () => {
    await renderInTestApp(
      <SloStatusCard
        slos={[makeSlo()]}
        notComputable={[
          {
            name: 'checkout-latency',
            displayName: 'Checkout latency',
            description: '',
            document: 'SLO checkout-latency',
            reason: 'no reader for Datadog',
            location: 'url:https://git.example.com/slos/checkout.yaml',
          },
        ]}
      />,
    );
    const note = await screen.findByRole('region', {
      name: 'SLOs defined, not computable here',
    });
    expect(note).toHaveTextContent('1 SLO defined, not computable here');
    expect(note).toHaveTextContent('Checkout latency: no reader for Datadog');
    expect(note.className).toMatch(/Info/);
    expect(
      screen.queryByRole('region', { name: 'SLO definition problems' }),
    ).not.toBeInTheDocument();
    expect(
      screen.getByRole('region', { name: 'SLO Availability' }),
    ).toBeInTheDocument();
  });

  it('still explains how to add an SLO when every definition is invalid', async () => {
    await renderInTestApp(
      <SloStatusCard
        slos={[]}
        problems={[
          {
            document: 'document 1',
            path: 'apiVersion',
            message: 'expected openslo/v1',
            location: 'url:https://git.example.com/slos/checkout.yaml',
          },
        ]}
      />,
    );
    expect(
      await screen.findByRole('region', { name: 'SLO definition problems' }),
    ).toHaveTextContent('An SLO definition could not be used');
    expect(screen.getByText(/^No SLO yet: add the/)).toBeInTheDocument();
  });
});
