import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makePage,
  paymentsApi,
  searchApi,
} from '../ScorecardPage/scorecardFixtures';
import { ScorecardMatrix } from './ScorecardMatrix';

jest.setTimeout(20_000);

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

function renderMatrix(
  overrides: Partial<Parameters<typeof ScorecardMatrix>[0]> = {},
) {
  const props = {
    page: makePage([paymentsApi, searchApi], { total: 120 }),
    loading: false,
    sort: 'totalStress' as const,
    order: 'desc' as const,
    onSort: jest.fn(),
    pageIndex: 0,
    rowsPerPage: 50,
    onPage: jest.fn(),
    onRowsPerPage: jest.fn(),
    ...overrides,
  };
  return {
    props,
    rendered: renderInTestApp(<ScorecardMatrix {...props} />, {
      mountedRoutes,
    }),
  };
}

describe('ScorecardMatrix', () => {
  it('shows each stressor cell with its state and level, linking to the evidence', async () => {
    renderMatrix();
    const row = (
      await screen.findByRole('link', { name: 'payments-api' })
    ).closest('tr')!;
    const cell = within(row).getByRole('link', {
      name: 'Undiagnosed common alerts: open, stress level 5 of 5; evidence on the SRE Health tab of payments-api',
    });
    expect(cell).toHaveTextContent('open 5');
    expect(cell).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/sre-health#stressor-undiagnosed-alerts',
    );
    expect(
      within(row).getByRole('link', {
        name: /next big thing.*mitigating, stress level 3/,
      }),
    ).toHaveTextContent('mit. 3');
    expect(
      within(row).getByRole('link', { name: /developers own it.*dismissed/ }),
    ).toHaveTextContent('dismissed');
    expect(
      within(row).getByLabelText('Knowledge gaps: free'),
    ).toBeInTheDocument();
    expect(within(row).getByText('breached')).toBeInTheDocument();
    expect(within(row).getByText('-50% budget')).toBeInTheDocument();
    expect(within(row).getByText('68%')).toBeInTheDocument();
    expect(within(row).getByText('Share context')).toBeInTheDocument();
    expect(within(row).getByText('12')).toBeInTheDocument();
    expect(screen.getByText(/^1.50 of 120$/)).toBeInTheDocument();
  });

  it('sorts by a column: a new column worst first, the same column the other way', async () => {
    const { props } = renderMatrix();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Knowledge gap' }),
    );
    expect(props.onSort).toHaveBeenLastCalledWith('knowledge-gap', 'desc');
    await userEvent.click(screen.getByRole('button', { name: 'Service' }));
    expect(props.onSort).toHaveBeenLastCalledWith('name', 'asc');
    await userEvent.click(screen.getByRole('button', { name: 'Total stress' }));
    expect(props.onSort).toHaveBeenLastCalledWith('totalStress', 'asc');
  });

  it('pages on the server', async () => {
    const { props } = renderMatrix();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Next page' }),
    );
    expect(props.onPage).toHaveBeenCalledWith(1);
  });

  it('keeps the rows while the next page loads, under a progress bar', async () => {
    renderMatrix({ loading: true });
    expect(await screen.findByRole('progressbar')).toBeInTheDocument();
    expect(
      screen.getByRole('link', { name: 'payments-api' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('table')).toHaveAttribute('aria-busy', 'true');
  });

  it('says when nothing matches', async () => {
    renderMatrix({ page: makePage([]) });
    expect(
      await screen.findByText('No services match the filters.'),
    ).toBeInTheDocument();
  });
});
