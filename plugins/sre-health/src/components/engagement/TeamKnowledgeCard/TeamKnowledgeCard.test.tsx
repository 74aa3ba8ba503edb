import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import type { TeamKnowledgeSummary } from '@sre-health/backstage-plugin-sre-health-common';
import { screen, within } from '@testing-library/react';
import { sreHealthApiRef, SreHealthApi } from '../../../api';
import { TeamKnowledgeCard } from './TeamKnowledgeCard';

jest.setTimeout(20_000);

const TEAM = 'group:default/payments-team';
const CAROL = 'user:default/carol';

const summary: TeamKnowledgeSummary = {
  teamRef: TEAM,
  groupRefs: [TEAM, 'group:default/settlement-team'],
  components: [
    {
      entityRef: 'component:default/ledger-service',
      title: 'Ledger',
      tier: 'critical',
      servingCritical: true,
      busFactor: 1,
      risk: 'high',
      truckFactorStatus: 'ok',
      truckFactor: 2,
      activeTruckFactor: 1,
      lostFiles: 2,
      operators: [CAROL],
      singlePersonDependency: true,
      keyPeople: [CAROL],
    },
    {
      entityRef: 'component:default/settlement-batch',
      tier: 'standard',
      servingCritical: false,
      busFactor: 0,
      risk: 'high',
      truckFactorStatus: 'none',
      truckFactor: null,
      activeTruckFactor: null,
      lostFiles: 0,
      operators: [],
      singlePersonDependency: true,
      keyPeople: [],
    },
    {
      entityRef: 'component:default/payments-api',
      title: 'Payments API',
      tier: 'critical',
      servingCritical: true,
      busFactor: 3,
      risk: 'low',
      truckFactorStatus: 'ok',
      truckFactor: 3,
      activeTruckFactor: 3,
      lostFiles: 0,
      operators: [CAROL, 'user:default/dan', 'user:default/bob'],
      singlePersonDependency: false,
      keyPeople: [],
    },
  ],
  totals: {
    components: 3,
    servingCritical: 2,
    singlePersonDependencies: 2,
    servingCriticalSinglePerson: 1,
    withoutOperators: 1,
    analyzed: 2,
    lostFiles: 2,
  },
  keyPeople: [
    {
      person: CAROL,
      components: ['component:default/ledger-service'],
      servingCriticalComponents: ['component:default/ledger-service'],
    },
  ],
  risk: 'high',
};

function render(api: Partial<SreHealthApi>, element: JSX.Element) {
  const mocked = {
    getTeamKnowledge: jest.fn(api.getTeamKnowledge),
  };
  renderInTestApp(
    <TestApiProvider apis={[[sreHealthApiRef, mocked as any]]}>
      {element}
    </TestApiProvider>,
  );
  return mocked;
}

describe('TeamKnowledgeCard', () => {
  it('rolls up the components that depend on one person', async () => {
    const api = render(
      { getTeamKnowledge: async () => summary },
      <TeamKnowledgeCard teamRef={TEAM} />,
    );
    expect(
      await screen.findByText(/components depend on one person/),
    ).toHaveTextContent(
      'high risk 2 of 3 components depend on one person (1 of 2 serving-critical).',
    );
    expect(api.getTeamKnowledge).toHaveBeenCalledWith(TEAM);
    expect(
      screen.getByText(/without anyone able to operate them/),
    ).toHaveTextContent(
      '1 without anyone able to operate them; 2 with an analysed repository; 2 files whose every author has left.',
    );
    expect(screen.getByLabelText('key people')).toHaveTextContent(
      'Key people: carol (ledger-service)',
    );

    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    const cells = (i: number) =>
      within(rows[i])
        .getAllByRole('cell')
        .map(c => c.textContent);
    expect(cells(0)).toEqual([
      'Ledger',
      'high risk',
      'yes',
      '1',
      '2 (active 1)',
      'carol',
    ]);
    expect(cells(1)).toEqual([
      'settlement-batch',
      'high risk',
      'no',
      '0',
      'no repository',
      'nobody can operate it',
    ]);
    expect(cells(2)).toEqual([
      'Payments API',
      'low risk',
      'yes',
      '3',
      '3',
      '—',
    ]);
  });

  it('reads the group of the page', async () => {
    const api = render(
      { getTeamKnowledge: async () => ({ ...summary, components: [] }) },
      <EntityProvider
        entity={{
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'payments-team', namespace: 'default' },
        }}
      >
        <TeamKnowledgeCard />
      </EntityProvider>,
    );
    expect(await screen.findByText('No components')).toBeInTheDocument();
    expect(api.getTeamKnowledge).toHaveBeenCalledWith(TEAM);
  });

  it('shows an error', async () => {
    render(
      {
        getTeamKnowledge: async () => {
          throw new Error('team: group:default/nobody is not in the catalog');
        },
      },
      <TeamKnowledgeCard teamRef="group:default/nobody" />,
    );
    expect(
      (await screen.findAllByText(/is not in the catalog/)).length,
    ).toBeGreaterThan(0);
  });
});
