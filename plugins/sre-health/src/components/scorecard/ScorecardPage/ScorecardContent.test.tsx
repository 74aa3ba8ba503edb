import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { ScorecardPage } from '@sre-health/backstage-plugin-sre-health-common';
import { coreApis } from '@backstage/frontend-plugin-api';
import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SreHealthApi, sreHealthApiRef } from '../../../api';
import { mockResizeObserver } from '../../../testUtils/fixtures';
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
    getScorecardTeams: jest.fn(async () => ({
      teams: teamRows,
      customStressors: ['custom:batch-window'],
    })),
    getScorecardTrends: jest.fn(async () => trends),
    getScorecardFacets: jest.fn(async () => ({
      owners: [
        { ref: 'group:default/payments-team', label: 'Payments', type: 'team' },
      ],
      systems: ['system:default/payments'],
      lifecycles: ['production'],
      customStressors: ['custom:batch-window'],
    })),
    exportScorecard: jest.fn(
      async () => new Blob(['Service\r\n'], { type: 'text/csv' }),
    ),
    ...overrides,
  };
}

function render(api: ReturnType<typeof fakeApi>, url = '/') {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [sreHealthApiRef, api as unknown as SreHealthApi],
        mockApis.permission(),
      ]}
    >
      <ScorecardContent />
    </TestApiProvider>,
    {
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      initialRouteEntries: [url],
    },
  );
}

/** The app's history: where the page is, and the back button. */
function history(rendered: ReturnType<typeof render>) {
  const appHistory = rendered.apis.get(coreApis.appHistory)!;
  return {
    search: () => appHistory.getSnapshot().location.search,
    back: () => act(() => appHistory.navigate(-1)),
  };
}

describe('ScorecardContent', () => {
  let restore: () => void;
  beforeEach(() => {
    restore = mockResizeObserver(600, 260);
  });
  afterEach(() => restore());

  it('shows progress, then the first page, worst first, under a header with the verdict', async () => {
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
    expect(
      screen.getByRole('heading', { name: 'SRE Scorecard' }),
    ).toBeInTheDocument();
    act(() => resolve(makePage([paymentsApi, searchApi])));
    expect(
      await screen.findByRole('link', { name: 'Payments API' }),
    ).toBeInTheDocument();
    expect(screen.getByText('2 services match')).toBeInTheDocument();
    expect(
      screen.getByText(
        '1 of 2 services has a stressor open that the team rated 4 or 5',
      ),
    ).toBeInTheDocument();
    expect(api.getScorecard).toHaveBeenCalledWith({
      sort: 'stress',
      order: 'desc',
      offset: 0,
      limit: 50,
    });
    // the explanations are behind the info icon
    expect(screen.queryByText(/Levels are never added up/)).toBeNull();
    await userEvent.click(
      screen.getByRole('button', { name: 'How to read the scorecard' }),
    );
    expect(
      await screen.findByText(/Levels are never added up/),
    ).toBeInTheDocument();
    // and says it ranks by what the teams rated
    expect(
      screen.getByText(/highest stress level their team rated/),
    ).toHaveTextContent("a detector's proposal never outranks a rating");
  });

  it('keeps the filters, sort, page and tab in the URL: a link opens the same view, back returns to the last', async () => {
    const api = fakeApi();
    const rendered = render(
      api,
      '/?owner=group%3Adefault%2Fpayments-team&tier=critical&sort=name&page=2&size=25',
    );
    await waitFor(() =>
      expect(api.getScorecard).toHaveBeenCalledWith({
        owner: ['group:default/payments-team'],
        tier: ['critical'],
        sort: 'name',
        order: 'asc',
        offset: 25,
        limit: 25,
      }),
    );
    expect(
      await screen.findByRole('button', { name: 'critical' }),
    ).toBeInTheDocument();
    const url = history(rendered);

    // a filter is a new history entry, back to the first page
    await userEvent.click(screen.getByRole('textbox', { name: 'Tier' }));
    await userEvent.click(await screen.findByRole('option', { name: 'high' }));
    await waitFor(() =>
      expect(new URLSearchParams(url.search()).getAll('tier')).toEqual([
        'critical',
        'high',
      ]),
    );
    expect(new URLSearchParams(url.search()).get('page')).toBeNull();
    await waitFor(() =>
      expect(api.getScorecard).toHaveBeenLastCalledWith(
        expect.objectContaining({ tier: ['critical', 'high'], offset: 0 }),
      ),
    );

    // so is the tab
    await userEvent.click(screen.getByRole('tab', { name: 'Teams' }));
    await waitFor(() =>
      expect(new URLSearchParams(url.search()).get('tab')).toBe('teams'),
    );
    expect(
      await screen.findByTestId('team-group:default/payments-team'),
    ).toBeInTheDocument();

    // back: the Services tab with both tiers; back again: the link's view
    url.back();
    await waitFor(() =>
      expect(screen.getByRole('tab', { name: 'Services' })).toHaveAttribute(
        'aria-selected',
        'true',
      ),
    );
    url.back();
    await waitFor(() =>
      expect(api.getScorecard).toHaveBeenLastCalledWith(
        expect.objectContaining({ tier: ['critical'], offset: 25, limit: 25 }),
      ),
    );
    expect(screen.queryByRole('button', { name: 'high' })).toBeNull();
  });

  it('ignores what it cannot read in a hand-edited link', async () => {
    const api = fakeApi();
    render(api, '/?sort=totalStress&tier=gold&q=pay&tab=nonsense');
    await waitFor(() =>
      expect(api.getScorecard).toHaveBeenCalledWith({
        q: 'pay',
        sort: 'stress',
        order: 'desc',
        offset: 0,
        limit: 50,
      }),
    );
    expect(
      screen.getByRole('textbox', { name: 'Search services' }),
    ).toHaveValue('pay');
  });

  it('filters, searches and sorts on the server', async () => {
    const api = fakeApi();
    const rendered = render(api);
    await screen.findByRole('link', { name: 'Payments API' });

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
    expect(history(rendered).search()).toBe('?tier=critical&q=pay');

    await userEvent.click(
      screen.getByRole('button', { name: 'Knowledge gap' }),
    );
    await waitFor(() =>
      expect(api.getScorecard).toHaveBeenLastCalledWith(
        expect.objectContaining({ sort: 'knowledge-gap', order: 'desc' }),
      ),
    );

    // custom stressors can be filtered on too
    await userEvent.click(
      screen.getByRole('textbox', { name: 'Has stressor' }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Batch window (custom)' }),
    );
    await waitFor(() =>
      expect(api.getScorecard).toHaveBeenLastCalledWith(
        expect.objectContaining({ stressor: ['custom:batch-window'] }),
      ),
    );

    // and by a compound risk, kept in the URL like the others
    await userEvent.click(
      screen.getByRole('textbox', { name: 'Compound risk' }),
    );
    await userEvent.click(
      await screen.findByRole('option', {
        name: 'One person holds the knowledge and the pager',
      }),
    );
    await waitFor(() =>
      expect(api.getScorecard).toHaveBeenLastCalledWith(
        expect.objectContaining({ compoundRisk: ['pager-silo'] }),
      ),
    );
    expect(history(rendered).search()).toContain('compoundRisk=pager-silo');
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
    await screen.findByRole('link', { name: 'Payments API' });
    await userEvent.click(screen.getByRole('textbox', { name: 'Owner' }));
    await userEvent.click(
      await screen.findByRole('option', { name: 'Payments (team)' }),
    );
    await userEvent.click(screen.getByRole('button', { name: 'Export CSV' }));
    await waitFor(() =>
      expect(api.exportScorecard).toHaveBeenCalledWith(
        {
          owner: ['group:default/payments-team'],
          sort: 'stress',
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
