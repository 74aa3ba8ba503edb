import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { ScorecardPage } from '@internal/backstage-plugin-sre-health-common';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SreHealthApi, sreHealthApiRef } from '../../api';
import { mockResizeObserver } from '../../testUtils/fixtures';
import { ScorecardContent } from './ScorecardContent';
import {
  makePage,
  paymentsApi,
  searchApi,
  teamRows,
  trends,
} from './scorecardFixtures';

jest.setTimeout(30_000);

function fakeApi(overrides: Partial<SreHealthApi> = {}) {
  return {
    getScorecard: jest.fn(async () => makePage([paymentsApi, searchApi])),
    getScorecardTeams: jest.fn(async () => ({ teams: teamRows })),
    getScorecardTrends: jest.fn(async () => trends),
    getScorecardFacets: jest.fn(async () => ({
      owners: [
        { ref: 'group:default/payments-team', label: 'Payments', type: 'team' },
      ],
      systems: ['system:default/payments'],
      lifecycles: ['production'],
    })),
    exportScorecard: jest.fn(
      async () => new Blob(['Service\r\n'], { type: 'text/csv' }),
    ),
    ...overrides,
  };
}

function render(api: ReturnType<typeof fakeApi>) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [sreHealthApiRef, api as unknown as SreHealthApi],
        mockApis.permission(),
      ]}
    >
      <ScorecardContent />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

describe('ScorecardContent', () => {
  let restore: () => void;
  beforeEach(() => {
    restore = mockResizeObserver(600, 260);
  });
  afterEach(() => restore());

  it('shows progress, then the first page, worst first', async () => {
    let resolve: (page: ScorecardPage) => void = () => {};
    const api = fakeApi({
      getScorecard: jest.fn(
        () => new Promise<ScorecardPage>(r => (resolve = r)),
      ),
    });
    render(api);
    expect(
      await screen.findByRole('progressbar', { name: 'Loading the scorecard' }),
    ).toBeInTheDocument();
    act(() => resolve(makePage([paymentsApi, searchApi])));
    expect(
      await screen.findByRole('link', { name: 'payments-api' }),
    ).toBeInTheDocument();
    expect(screen.getByText('2 services match')).toBeInTheDocument();
    expect(api.getScorecard).toHaveBeenCalledWith({
      sort: 'totalStress',
      order: 'desc',
      offset: 0,
      limit: 50,
    });
  });

  it('filters, searches and sorts on the server', async () => {
    const api = fakeApi();
    render(api);
    await screen.findByRole('link', { name: 'payments-api' });

    await userEvent.click(screen.getByRole('textbox', { name: 'Tier' }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'critical' }),
    );
    await waitFor(() =>
      expect(api.getScorecard).toHaveBeenLastCalledWith(
        expect.objectContaining({ tier: ['critical'], offset: 0 }),
      ),
    );
    expect(api.getScorecardTeams).toHaveBeenLastCalledWith({
      tier: ['critical'],
    });

    await userEvent.type(
      screen.getByRole('textbox', { name: 'Search services' }),
      'pay',
    );
    await waitFor(() =>
      expect(api.getScorecard).toHaveBeenLastCalledWith(
        expect.objectContaining({ tier: ['critical'], q: 'pay' }),
      ),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Knowledge gap' }),
    );
    await waitFor(() =>
      expect(api.getScorecard).toHaveBeenLastCalledWith(
        expect.objectContaining({ sort: 'knowledge-gap', order: 'desc' }),
      ),
    );
  });

  it('exports the current view as CSV', async () => {
    const createObjectURL = jest.fn(() => 'blob:scorecard');
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});
    const api = fakeApi();
    render(api);
    await screen.findByRole('link', { name: 'payments-api' });
    await userEvent.click(screen.getByRole('textbox', { name: 'Owner' }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Payments (team)' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() =>
      expect(api.exportScorecard).toHaveBeenCalledWith(
        {
          owner: ['group:default/payments-team'],
          sort: 'totalStress',
          order: 'desc',
        },
        'csv',
      ),
    );
    await waitFor(() => expect(click).toHaveBeenCalled());
    expect(createObjectURL).toHaveBeenCalled();
    click.mockRestore();
  });

  it('rolls up by team; a team narrows the services to its own', async () => {
    const api = fakeApi();
    render(api);
    await userEvent.click(await screen.findByRole('tab', { name: 'Teams' }));
    const payments = await screen.findByTestId(
      'team-group:default/payments-team',
    );
    await userEvent.click(
      within(payments).getByRole('button', {
        name: 'Show the services of Payments',
      }),
    );
    await waitFor(() =>
      expect(api.getScorecard).toHaveBeenLastCalledWith(
        expect.objectContaining({ owner: ['group:default/payments-team'] }),
      ),
    );
    expect(screen.getByRole('tab', { name: 'Services' })).toHaveAttribute(
      'aria-selected',
      'true',
    );
  });

  it('charts the trend of the selected owners', async () => {
    const api = fakeApi();
    render(api);
    await userEvent.click(await screen.findByRole('tab', { name: 'Trends' }));
    expect(
      await screen.findByRole('application', {
        name: 'Open stressors per stressor',
      }),
    ).toBeInTheDocument();
    expect(api.getScorecardTrends).toHaveBeenCalledWith({
      owner: undefined,
      days: 90,
    });
  });

  it('shows the backend error', async () => {
    const api = fakeApi({
      getScorecard: jest.fn(async () => {
        throw new Error('scorecard exploded');
      }),
    });
    render(api);
    expect(
      (await screen.findAllByText(/scorecard exploded/)).length,
    ).toBeGreaterThan(0);
  });
});
