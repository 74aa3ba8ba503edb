import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { SloPolicyEpisode } from '@sre-health/backstage-plugin-sre-health-common';
import { sreHealthApiRef } from '../../../api';
import { ENTITY_REF, fakeSreHealthApi } from '../../../testUtils/fixtures';
import { BudgetPolicyDecisionDialog } from './BudgetPolicyDecisionDialog';

jest.setTimeout(30_000);

const episode = (over: Partial<SloPolicyEpisode> = {}): SloPolicyEpisode => ({
  id: 'ep-1',
  version: 3,
  entityRef: ENTITY_REF,
  ownerRef: 'group:default/payments-team',
  sloName: 'availability',
  stepKey: 'exhausted',
  action: 'freeze feature releases',
  budgetRemaining: 0,
  enteredAt: '2026-12-01T10:00:00.000Z',
  leftAt: null,
  notifiedAt: '2026-12-01T10:00:01.000Z',
  decision: null,
  ...over,
});

function renderDialog(api: ReturnType<typeof fakeSreHealthApi>) {
  const onSaved = jest.fn();
  renderInTestApp(
    <TestApiProvider apis={[[sreHealthApiRef, api]]}>
      <BudgetPolicyDecisionDialog
        open
        entityRef={ENTITY_REF}
        sloName="availability"
        sloTitle="Availability"
        onClose={jest.fn()}
        onSaved={onSaved}
      />
    </TestApiProvider>,
  );
  return { onSaved };
}

describe('BudgetPolicyDecisionDialog', () => {
  it("records the team's decision on the open episode of the SLO, with its version and the reason", async () => {
    const api = fakeSreHealthApi({
      getSloPolicy: jest.fn().mockResolvedValue({
        entityRef: ENTITY_REF,
        episodes: [
          episode(),
          episode({ id: 'old', leftAt: '2026-11-01T00:00:00.000Z' }),
        ],
        serviceDecisions: [],
      }),
      decideSloPolicyEpisode: jest.fn().mockResolvedValue(episode()),
    });
    const { onSaved } = renderDialog(api);
    const dialog = await screen.findByRole('dialog', {
      name: 'Budget policy decision: Availability',
    });
    expect(
      await within(dialog).findByText('freeze feature releases'),
    ).toBeInTheDocument();
    const submit = within(dialog).getByRole('button', {
      name: 'Record decision',
    });
    expect(submit).toBeDisabled(); // no reason yet
    await userEvent.click(within(dialog).getByLabelText('Declined'));
    await userEvent.type(
      within(dialog).getByLabelText(/Reason/),
      'the release fixes the errors',
    );
    await userEvent.click(submit);
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(api.getSloPolicy).toHaveBeenCalledWith(ENTITY_REF);
    expect(api.decideSloPolicyEpisode).toHaveBeenCalledWith('ep-1', {
      version: 3,
      decision: 'declined',
      reason: 'the release fixes the errors',
    });
  });

  it('shows a decision already recorded instead of the form', async () => {
    const api = fakeSreHealthApi({
      getSloPolicy: jest.fn().mockResolvedValue({
        entityRef: ENTITY_REF,
        episodes: [
          episode({
            decision: {
              decision: 'accepted',
              reason: 'freeze until it recovers',
              decidedBy: 'user:default/alice',
              decidedAt: '2026-12-01T11:00:00.000Z',
              log: 'engagement',
              entryId: 'd1',
            },
          }),
        ],
        serviceDecisions: [],
      }),
      decideSloPolicyEpisode: jest.fn(),
    });
    renderDialog(api);
    const dialog = await screen.findByRole('dialog');
    expect(
      await within(dialog).findByLabelText('Recorded decision'),
    ).toHaveTextContent(
      'Accepted by user:default/alice: freeze until it recovers',
    );
    expect(within(dialog).queryByLabelText(/Reason/)).not.toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Record decision' }),
    ).toBeDisabled();
  });

  it("lists the service's own decision log, where decisions go with no engagement under way", async () => {
    const api = fakeSreHealthApi({
      getSloPolicy: jest.fn().mockResolvedValue({
        entityRef: ENTITY_REF,
        episodes: [episode()],
        serviceDecisions: [
          {
            id: 's1',
            decision:
              'Error-budget policy for the SLO availability of payments-api: "freeze feature releases" declined',
            reason: 'the <b>release</b> fixes the errors',
            example:
              "payments-api's SLO availability entered the step exhausted on 2026-11-02",
            author: 'user:default/alice',
            version: 1,
          },
        ],
      }),
      decideSloPolicyEpisode: jest.fn(),
    });
    renderDialog(api);
    const log = await screen.findByRole('region', {
      name: 'Service decision log',
    });
    expect(log).toHaveTextContent(
      'freeze feature releases" declined: the <b>release</b> fixes the errors',
    );
    expect(log).toHaveTextContent('entered the step exhausted on 2026-11-02');
    expect(log).toHaveTextContent('user:default/alice');
  });

  it('shows no service decision log when it is empty', async () => {
    const api = fakeSreHealthApi({
      getSloPolicy: jest.fn().mockResolvedValue({
        entityRef: ENTITY_REF,
        episodes: [episode()],
        serviceDecisions: [],
      }),
      decideSloPolicyEpisode: jest.fn(),
    });
    renderDialog(api);
    await screen.findByText('freeze feature releases');
    expect(
      screen.queryByRole('region', { name: 'Service decision log' }),
    ).not.toBeInTheDocument();
  });
});
