import { renderInTestApp } from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { teamRows } from '../ScorecardPage/scorecardFixtures';
import { ScorecardTeams } from './ScorecardTeams';

jest.setTimeout(20_000);

describe('ScorecardTeams', () => {
  it('shows the share of services free of each stressor, nested groups indented', async () => {
    const onSelectOwner = jest.fn();
    renderInTestApp(
      <ScorecardTeams teams={teamRows} onSelectOwner={onSelectOwner} />,
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
      within(payments).getByLabelText('Knowledge gaps: 50% of 2 services free'),
    ).toBeInTheDocument();
    expect(within(payments).getByText('Share context')).toBeInTheDocument();
    const engineering = screen.getByTestId('team-group:default/engineering');
    expect(
      within(engineering).getByLabelText(
        'Knowledge gaps: 86% of 7 services free',
      ),
    ).toBeInTheDocument();
    await userEvent.click(
      within(payments).getByRole('button', {
        name: 'Show the services of Payments',
      }),
    );
    expect(onSelectOwner).toHaveBeenCalledWith('group:default/payments-team');
  });
});
