import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { makeSlo } from '../../testUtils/fixtures';
import { SloStatusCard } from './SloStatusCard';

describe('SloStatusCard', () => {
  it('explains the slo-target annotation when there is no SLO', async () => {
    renderInTestApp(<SloStatusCard slos={[]} />);
    expect(await screen.findByText('No SLO yet')).toBeInTheDocument();
    expect(screen.getByText('sre-health.dev/slo-target')).toBeInTheDocument();
  });

  it('shows objective, window, SLI, error budget, burn rates and status', async () => {
    renderInTestApp(<SloStatusCard slos={[makeSlo()]} />);

    const section = await screen.findByRole('region', {
      name: 'SLO Availability',
    });
    const slo = within(section);
    expect(slo.getByText('Availability')).toBeInTheDocument();
    expect(slo.getByText('99.9%')).toBeInTheDocument();
    expect(section).toHaveTextContent('Objective: 99.9% over 30d');
    expect(section).toHaveTextContent(
      'Current SLI: 99.95% (50 bad of 100,000)',
    );
    expect(slo.getByLabelText('SLO status: healthy')).toBeInTheDocument();
    // The gauge shows half of the budget left.
    expect(slo.getByText('50%')).toBeInTheDocument();
    expect(slo.getByText('error budget remaining')).toBeInTheDocument();

    const table = slo.getByRole('table', {
      name: 'Burn rates of Availability',
    });
    const headers = within(table)
      .getAllByRole('columnheader')
      .map(h => h.textContent);
    expect(headers).toEqual(['Burn rate', '1h', '6h', '1d', '3d']);
    const cells = within(table)
      .getAllByRole('cell')
      .map(c => c.textContent);
    expect(cells).toEqual(['× budget', '0.50×', '2.00×', '0.80×', '—']);
  });

  it('shows a breached SLO with the overspent budget and a paging alert', async () => {
    renderInTestApp(
      <SloStatusCard
        slos={[
          makeSlo({
            status: 'breached',
            sli: 0.99,
            budgetRemaining: -0.25,
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
              ],
            },
            burnRates: [{ window: '1h', rate: 20 }],
          }),
        ]}
      />,
    );
    expect(
      await screen.findByLabelText('SLO status: breached'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Error budget overspent by 25%'),
    ).toBeInTheDocument();
    expect(screen.getByText('Burning fast enough to page')).toBeInTheDocument();
    expect(screen.getByText('20.0×')).toBeInTheDocument();
  });

  it('shows an SLO without data', async () => {
    renderInTestApp(
      <SloStatusCard
        slos={[
          makeSlo({
            status: 'no-data',
            sli: null,
            totalEvents: 0,
            badEvents: 0,
            budget: null,
            budgetRemaining: null,
            burnRates: [],
          }),
        ]}
      />,
    );
    expect(
      await screen.findByLabelText('SLO status: no data'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Current SLI:', { exact: false }),
    ).toHaveTextContent('Current SLI: no data');
    expect(screen.getByText('No error budget data yet')).toBeInTheDocument();
  });

  it('lists definitions that could not be used and a failed data source', async () => {
    renderInTestApp(
      <SloStatusCard
        slos={[
          makeSlo({
            unavailable: {
              reason: 'prometheus timed out',
              lastKnownAt: '2026-01-09T12:00:00.000Z',
            },
          }),
        ]}
        problems={[
          {
            document: 'SLO latency',
            path: 'spec.objectives[0].target',
            message: 'must be below 1',
            location: 'url:https://git/slo.yaml',
          },
        ]}
      />,
    );
    expect(
      await screen.findByText(/An SLO definition could not be used/),
    ).toBeInTheDocument();
    expect(screen.getByText(/must be below 1/)).toBeInTheDocument();
    expect(
      screen.getByText(/prometheus timed out.*2026-01-09/),
    ).toBeInTheDocument();
  });
});
