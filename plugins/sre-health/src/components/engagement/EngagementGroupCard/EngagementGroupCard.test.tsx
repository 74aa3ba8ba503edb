import type { Entity } from '@backstage/catalog-model';
import { identityApiRef } from '@backstage/core-plugin-api';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { kindlingProgress } from '@sre-health/backstage-plugin-sre-health-common';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { sreHealthApiRef } from '../../../api';
import {
  fakeEngagementApi,
  makeRecord,
  makeReportDocument,
} from '../EngagementRecordView/engagementFixtures';
import { EngagementGroupCard } from './EngagementGroupCard';

jest.setTimeout(30_000);

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team' },
});

const identity = {
  getBackstageIdentity: async () => ({
    type: 'user' as const,
    userEntityRef: 'user:default/sam',
    ownershipEntityRefs: [],
  }),
} as any;

function renderCard(api: ReturnType<typeof fakeEngagementApi>, entity: Entity) {
  return renderInTestApp(
    <TestApiProvider
      apis={[
        [sreHealthApiRef, api],
        [identityApiRef, identity],
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
        catalogApiMock({
          entities: [
            {
              apiVersion: 'backstage.io/v1alpha1',
              kind: 'User',
              metadata: { name: 'sam' },
              spec: { profile: { displayName: 'Sam Okafor' }, memberOf: [] },
            },
          ],
        }),
      ]}
    >
      <EntityProvider entity={entity}>
        <EngagementGroupCard />
      </EntityProvider>
    </TestApiProvider>,
  );
}

const closed = () => {
  const record = makeRecord();
  return {
    engagement: {
      ...record.engagement,
      id: 'old',
      phase: 'closed' as const,
      startDate: '2025-06-02',
      endDate: '2025-09-05',
    },
    situation: 'new-service' as const,
    kindlingProgress: kindlingProgress([
      { state: 'done' },
      { state: 'done' },
      { state: 'done' },
    ]),
    decisions: 4,
    hasReport: true,
  };
};

describe('EngagementGroupCard', () => {
  it('runs the active engagement and keeps the past ones with their reports', async () => {
    const record = makeRecord();
    const api = fakeEngagementApi({
      listEngagementHistory: async () => [
        {
          engagement: record.engagement,
          situation: 'small-team-critical-service',
          kindlingProgress: record.kindlingProgress,
          decisions: 1,
          hasReport: false,
        },
        closed(),
      ],
      getEngagementRecord: async () => record,
      getAfterActionReport: async () => makeReportDocument(makeRecord(), true),
    });
    renderCard(api, group('payments'));
    expect(
      await screen.findByRole('tab', { name: 'Kindling' }, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(api.listEngagementHistory).toHaveBeenCalledWith(
      'group:default/payments',
    );
    const past = screen.getByRole('table', { name: 'Past engagements' });
    expect(
      within(past).getByText('Readiness for explosive growth'),
    ).toBeInTheDocument();
    expect(within(past).getByText('3 of 3–4 cleared')).toBeInTheDocument();
    await userEvent.click(
      within(past).getByRole('button', {
        name: 'After-action report of 2025-06-02 to 2025-09-05',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'After-action report: 2025-06-02 to 2025-09-05',
    });
    expect(
      await within(dialog).findByText('Frozen 2026-01-14', undefined, {
        timeout: 10_000,
      }),
    ).toBeInTheDocument();
    expect(api.getAfterActionReport).toHaveBeenCalledWith('old');
  });

  it('embeds an SRE when none is: the signed-in SRE, the sorted team', async () => {
    const api = fakeEngagementApi({
      listEngagementHistory: async () => [],
      startEngagement: async () => makeRecord(),
    });
    renderCard(api, group('search'));
    expect(
      await screen.findByText('No SRE embedded with search', undefined, {
        timeout: 10_000,
      }),
    ).toBeInTheDocument();
    await userEvent.click(screen.getByRole('button', { name: 'Embed an SRE' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'Embed an SRE with search',
    });
    await waitFor(() =>
      expect(
        within(dialog).getByRole('textbox', { name: /Embedded SRE/ }),
      ).toHaveValue('Sam Okafor'),
    );
    const start = within(dialog).getByRole('button', {
      name: 'Start engagement',
    });
    expect(start).toBeDisabled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: /The team's situation/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Brand-new service' }),
    );
    expect(
      within(dialog).getByText('Focus: Readiness for explosive growth'),
    ).toBeInTheDocument();
    // every engagement has a planned end
    expect(start).toBeDisabled();
    fireEvent.change(within(dialog).getByLabelText(/Planned end/), {
      target: { value: '2027-03-26' },
    });
    await userEvent.click(start);
    await waitFor(() =>
      expect(api.startEngagement).toHaveBeenCalledWith({
        teamRef: 'group:default/search',
        sreRef: 'user:default/sam',
        plannedEndDate: '2027-03-26',
        goals: '',
        situation: 'new-service',
        situationNotes: '',
      }),
    );
    await waitFor(() =>
      expect(api.listEngagementHistory).toHaveBeenCalledTimes(2),
    );
  });

  it('needs a reason to embed an SRE already embedded with another team', async () => {
    const api = fakeEngagementApi({
      listEngagementHistory: async () => [],
      startEngagement: async () => makeRecord(),
    });
    renderCard(api, group('search'));
    await userEvent.click(
      await screen.findByRole(
        'button',
        { name: 'Embed an SRE' },
        {
          timeout: 10_000,
        },
      ),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Embed an SRE with search',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: /The team's situation/ }),
    );
    await userEvent.click(await screen.findByRole('option', { name: 'Other' }));
    fireEvent.change(within(dialog).getByLabelText(/Planned end/), {
      target: { value: '2027-03-26' },
    });
    const start = within(dialog).getByRole('button', {
      name: 'Start engagement',
    });
    await userEvent.click(
      within(dialog).getByRole('checkbox', {
        name: 'This SRE is already embedded with another team',
      }),
    );
    expect(start).toBeDisabled();
    await userEvent.click(
      within(dialog).getByRole('textbox', { name: /Why both at once/ }),
    );
    await userEvent.paste('Search launches next week');
    await userEvent.click(start);
    await waitFor(() =>
      expect(api.startEngagement).toHaveBeenCalledWith(
        expect.objectContaining({
          plannedEndDate: '2027-03-26',
          concurrentReason: 'Search launches next week',
        }),
      ),
    );
  });
});
