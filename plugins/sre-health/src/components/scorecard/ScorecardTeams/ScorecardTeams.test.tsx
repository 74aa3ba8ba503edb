import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { teamRows } from '../ScorecardPage/scorecardFixtures';
import { cascaded } from '../ScorecardPage/cascaded';
import { ScorecardTeams } from './ScorecardTeams';

jest.setTimeout(20_000);

describe('ScorecardTeams', () => {
  it('shows how many services have each stressor open, as the services read, nested groups indented', async () => {
    const onSelectOwner = jest.fn();
    renderInTestApp(
      <ScorecardTeams
        teams={teamRows}
        customStressors={['custom:batch-window']}
        onSelectOwner={onSelectOwner}
      />,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    const payments = await screen.findByTestId(
      'team-group:default/payments-team',
    );
    expect(
      within(payments).getByRole('link', { name: 'Payments' }),
    ).toHaveAttribute('href', '/catalog/default/group/payments-team');
    expect(
      within(payments).getByLabelText(
        'Knowledge gaps: open on 1 of 2 services',
      ),
    ).toHaveTextContent('1');
    expect(
      within(payments).getByLabelText(
        '"The developers own it": open on 0 of 2 services',
      ),
    ).toHaveTextContent('0');
    expect(
      within(payments).getByLabelText('Batch window: open on 1 of 2 services'),
    ).toBeInTheDocument();
    expect(
      within(payments).getByLabelText(
        '2 of 2 services with a stressor open that the team rated 4 or 5',
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/free/)).toBeNull();
    expect(screen.queryByText('Total stress')).toBeNull();
    expect(within(payments).getByText('Share context')).toBeInTheDocument();
    const engineering = screen.getByTestId('team-group:default/engineering');
    expect(
      within(engineering).getByLabelText(
        'Knowledge gaps: open on 1 of 7 services',
      ),
    ).toBeInTheDocument();
    // "Payme nts", "SERVICE S": names never wrap, headings only between words
    expect(
      cascaded(
        within(payments).getByRole('link', { name: 'Payments' }).closest('td')!,
        'white-space',
      ),
    ).toBe('nowrap');
    const heading = screen.getByText('Services', { selector: 'th span' });
    expect(cascaded(heading.closest('th')!, 'word-break')).toBe('keep-all');
    await userEvent.click(
      within(payments).getByRole('button', {
        name: 'Show the services of Payments',
      }),
    );
    expect(onSelectOwner).toHaveBeenCalledWith('group:default/payments-team');
  });
});
