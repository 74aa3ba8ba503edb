import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import {
  makePage,
  makeRow,
  paymentsApi,
  searchApi,
} from '../ScorecardPage/scorecardFixtures';
import { cascaded } from '../ScorecardPage/cascaded';
import { ScorecardMatrix } from './ScorecardMatrix';

jest.setTimeout(20_000);

const mountedRoutes = { '/catalog/:namespace/:kind/:name': entityRouteRef };

function renderMatrix(
  overrides: Partial<Parameters<typeof ScorecardMatrix>[0]> = {},
) {
  const props = {
    page: makePage([paymentsApi, searchApi], { total: 120 }),
    loading: false,
    sort: 'stress' as const,
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
      await screen.findByRole('link', { name: 'Payments API' })
    ).closest('tr')!;
    const cell = within(row).getByRole('link', {
      name: 'Undiagnosed common alerts: open 5, stress level 5 of 5; evidence on the SRE Health tab of payments-api',
    });
    expect(cell).toHaveTextContent('open 5');
    expect(cell).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/sre-health#stressor-undiagnosed-alerts',
    );
    expect(
      within(row).getByRole('link', {
        name: /next big thing.*: mit\. 3 \(mitigating\), stress level 3/,
      }),
    ).toHaveTextContent('mit. 3');
    expect(
      within(row).getByRole('link', { name: /developers own it.*dismissed/ }),
    ).toHaveTextContent('dismissed');
    expect(
      within(row).getByLabelText('Knowledge gaps: free'),
    ).toBeInTheDocument();
    expect(within(row).getByText('breached')).toBeInTheDocument();
    // an overspent budget reads exhausted, never a negative percent
    expect(within(row).getByText('budget exhausted')).toBeInTheDocument();
    expect(within(row).queryByText(/-\d+%/)).toBeNull();
    expect(within(row).getByText('68%')).toBeInTheDocument();
    expect(within(row).getByText('Share context')).toBeInTheDocument();
    // ranked by the highest level the team rated, not a sum of levels
    expect(
      within(row).getByLabelText(
        'Highest rated stress level 5 of 5, 1 stressor at it',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText('Total stress')).toBeNull();
    // the custom stressor has its column, derived from the data
    expect(
      screen.getByRole('button', { name: 'Batch window' }),
    ).toBeInTheDocument();
    expect(
      within(row).getByRole('link', {
        name: 'Batch window: open 2, stress level 2 of 5; evidence on the SRE Health tab of payments-api',
      }),
    ).toHaveAttribute(
      'href',
      '/catalog/default/component/payments-api/sre-health#stressor-custom:batch-window',
    );
    const search = screen
      .getByRole('link', { name: 'search-api' })
      .closest('tr')!;
    expect(
      within(search).getByLabelText('Batch window: free'),
    ).toBeInTheDocument();
    expect(within(search).getByText('90% left')).toBeInTheDocument();
    expect(screen.getByText(/^1.50 of 120$/)).toBeInTheDocument();
  });

  it('counts the compound risks of each service, naming them in the tooltip and the label', async () => {
    renderMatrix();
    const payments = (
      await screen.findByRole('link', { name: 'Payments API' })
    ).closest('tr')!;
    const count = within(payments).getByLabelText(
      '2 compound risks: One person holds the knowledge and the pager; Complaints, no SLO, and postmortems that only roll back',
    );
    expect(count).toHaveTextContent(/^2$/);
    const search = screen
      .getByRole('link', { name: searchApi.title ?? searchApi.name })
      .closest('tr')!;
    expect(within(search).getByLabelText('No compound risk')).toHaveTextContent(
      '—',
    );
    // a heading, not a sort
    expect(
      screen.getByRole('columnheader', { name: 'Compound risks' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Compound risks' })).toBeNull();
  });

  it('sorts by a column: a new column worst first, the same column the other way', async () => {
    const { props } = renderMatrix();
    await userEvent.click(
      await screen.findByRole('button', { name: 'Knowledge gap' }),
    );
    expect(props.onSort).toHaveBeenLastCalledWith('knowledge-gap', 'desc');
    await userEvent.click(screen.getByRole('button', { name: 'Service' }));
    expect(props.onSort).toHaveBeenLastCalledWith('name', 'asc');
    await userEvent.click(screen.getByRole('button', { name: 'Rated level' }));
    expect(props.onSort).toHaveBeenLastCalledWith('stress', 'asc');
    await userEvent.click(screen.getByRole('button', { name: 'Batch window' }));
    expect(props.onSort).toHaveBeenLastCalledWith(
      'custom:batch-window',
      'desc',
    );
  });

  it("marks a level nobody rated as the evidence's proposal, which does not rank", async () => {
    const indexer = makeRow('search-indexer', {
      maxLevel: 0,
      maxProposedLevel: 5,
      unratedStressors: 2,
      openStressors: 2,
      cells: {
        'knowledge-gap': { status: 'open', level: 5, proposed: true },
        'devs-own-it': { status: 'mitigating', level: 3, proposed: true },
      },
    });
    const rated = makeRow('ledger-service', {
      maxLevel: 2,
      atMaxLevel: 1,
      unratedStressors: 1,
      openStressors: 2,
      cells: {
        'next-big-thing': { status: 'open', level: 2 },
        'knowledge-gap': { status: 'open', level: 4, proposed: true },
      },
    });
    renderMatrix({ page: makePage([rated, indexer]) });
    const row = (
      await screen.findByRole('link', { name: 'search-indexer' })
    ).closest('tr')!;
    expect(
      within(row).getByRole('link', {
        name: 'Knowledge gaps: open 5?, stress level 5 of 5, proposed by the evidence, not rated yet; evidence on the SRE Health tab of search-indexer',
      }),
    ).toHaveTextContent('open 5?');
    expect(
      within(row).getByRole('link', {
        name: /developers own it.*: mit\. 3\? \(mitigating\), stress level 3 of 5, proposed/,
      }),
    ).toHaveTextContent('mit. 3?');
    expect(
      within(row).getByLabelText(
        'No rated stressor; 2 not rated, the evidence proposes up to 5 of 5',
      ),
    ).toHaveTextContent('2 not rated');
    const ledger = screen
      .getByRole('link', { name: 'ledger-service' })
      .closest('tr')!;
    expect(
      within(ledger).getByLabelText(
        'Highest rated stress level 2 of 5, 1 stressor at it; 1 not rated',
      ),
    ).toBeInTheDocument();
    // the column says what it ranks by
    await userEvent.hover(screen.getByRole('button', { name: 'Rated level' }));
    expect(
      await screen.findByText(/the highest stress level the team rated/),
    ).toBeInTheDocument();
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
      screen.getByRole('link', { name: 'Payments API' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('table')).toHaveAttribute('aria-busy', 'true');
  });

  it('scrolls inside its card with the service column pinned, and never breaks a word', async () => {
    renderMatrix();
    const table = await screen.findByRole('table', { name: 'SRE scorecard' });
    expect(cascaded(table.parentElement!, 'overflow-x')).toBe('auto');
    const service = screen
      .getByRole('link', { name: 'Payments API' })
      .closest('td')!;
    expect(cascaded(service, 'position')).toBe('sticky');
    expect(cascaded(service, 'left')).toBe('0px');
    expect(cascaded(service, 'white-space')).toBe('nowrap');
    const heading = screen
      .getByRole('button', { name: 'Knowledge gap' })
      .closest('th')!;
    // the theme's cells break anywhere (`break-word`): not these
    expect(cascaded(heading, 'word-break')).toBe('keep-all');
    expect(cascaded(heading, 'overflow-wrap')).toBe('normal');
    const slo = within(service.closest('tr')!)
      .getByText('breached')
      .closest('td')!;
    expect(cascaded(slo, 'white-space')).toBe('nowrap');
    expect(cascaded(slo, 'word-break')).toBe('normal');
  });

  it('says when nothing matches', async () => {
    renderMatrix({ page: makePage([]) });
    expect(
      await screen.findByText('No services match the filters.'),
    ).toBeInTheDocument();
  });
});
