import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { sreHealthApiRef } from '../../../api';
import {
  fakeSreHealthApi,
  makeFlag,
  makeHealth,
  makeSlo,
  serviceEntity,
} from '../../../testUtils/fixtures';
import { SreHealthContent } from './SreHealthContent';

jest.setTimeout(20_000);

function renderContent(
  api: ReturnType<typeof fakeSreHealthApi>,
  authorize:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.DENY,
  entity: Entity = serviceEntity,
) {
  return renderInTestApp(
    <TestApiProvider
      apis={[[sreHealthApiRef, api], mockApis.permission({ authorize })]}
    >
      <EntityProvider entity={entity}>
        <SreHealthContent />
      </EntityProvider>
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
}

const overloaded = makeHealth({
  slos: [makeSlo()],
  stressors: [
    makeFlag({ id: 'a', stressorKey: 'naive-capacity-plan', stressLevel: 2 }),
    makeFlag({ id: 'b', stressorKey: 'knowledge-gap', stressLevel: 5 }),
    makeFlag({
      id: 'c',
      stressorKey: 'devs-own-it',
      stressLevel: 5,
      status: 'resolved',
      resolvedAt: '2026-01-08T00:00:00.000Z',
    }),
    makeFlag({ id: 'd', stressorKey: 'undiagnosed-alerts', stressLevel: 3 }),
    makeFlag({ id: 'e', stressorKey: 'next-big-thing', stressLevel: 1 }),
  ],
  opsLoad: {
    teamRef: 'group:default/payments',
    latestOpsShare: 0.62,
    windowWeeks: 4,
    window: [
      { weekStart: '2025-12-22', opsShare: 0.56 },
      { weekStart: '2025-12-29', opsShare: 0.54 },
      { weekStart: '2026-01-05', opsShare: 0.6 },
      { weekStart: '2026-01-12', opsShare: 0.62 },
    ],
    windowOpsShare: 0.58,
    overloaded: true,
    samples: [
      {
        id: 's1',
        version: 1,
        createdAt: '2026-01-12T00:00:00.000Z',
        updatedAt: '2026-01-12T00:00:00.000Z',
        teamRef: 'group:default/payments',
        weekStart: '2026-01-12',
        opsHours: 31,
        projectHours: 19,
        author: 'user:default/sam',
      },
    ],
  },
});

describe('SreHealthContent', () => {
  it('shows progress while loading, with a single request for the entity', async () => {
    const api = fakeSreHealthApi({
      getEntityHealth: () => new Promise(() => {}),
    });
    renderContent(api);
    expect(await screen.findByTestId('progress')).toBeInTheDocument();
    expect(api.getEntityHealth).toHaveBeenCalledTimes(1);
    expect(api.getEntityHealth).toHaveBeenCalledWith(
      'component:default/checkout',
    );
  });

  it('shows the error of the request', async () => {
    const error = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'NotFoundError',
            message: 'No entity component:default/checkout',
          },
          request: { method: 'GET', url: '/health' },
          response: { statusCode: 404 },
        }),
        {
          status: 404,
          statusText: 'Not Found',
          headers: { 'content-type': 'application/json' },
        },
      ),
    );
    const api = fakeSreHealthApi({
      getEntityHealth: async () => {
        throw error;
      },
    });
    renderContent(api);
    expect(
      await screen.findByText(/Request failed with 404 Not Found/),
    ).toBeInTheDocument();
    expect(screen.queryByText('Stressors')).toBeNull();
  });

  it('shows one setup line per empty section for an entity with nothing recorded yet', async () => {
    const api = fakeSreHealthApi({ getEntityHealth: async () => makeHealth() });
    renderContent(api);
    const verdict = await screen.findByRole('region', { name: 'Verdict' });
    expect(verdict).toHaveTextContent('No SLO');
    expect(verdict).toHaveTextContent(
      'Nothing measures this service yet: it has no SLO.',
    );
    expect(
      within(verdict).getByRole('link', { name: 'Write an SLO for checkout' }),
    ).toHaveAttribute('href', '#slos');
    expect(screen.getByText(/^No SLO yet: add the/)).toBeInTheDocument();
    expect(screen.getByText(/^No fire recorded yet/)).toBeInTheDocument();
    expect(screen.getByText(/^No postmortem recorded yet/)).toBeInTheDocument();
    const team = screen.getByRole('region', { name: 'Team' });
    expect(team).toHaveTextContent('No SRE embedded');
    expect(team).toHaveTextContent('No ops load recorded');
    expect(screen.queryByText(/operational overload/)).toBeNull();
  });

  it('leads with the verdict and its actions, then one team line, then the cards', async () => {
    const api = fakeSreHealthApi({ getEntityHealth: async () => overloaded });
    renderContent(api);
    const verdict = await screen.findByRole('region', { name: 'Verdict' });
    expect(verdict).toHaveTextContent('At risk');
    expect(verdict).toHaveTextContent(
      'At risk: 1 stressor at level 4 or above, the team spent 58% of its time on ops over the last 4 weeks.',
    );
    const actions = within(verdict).getByRole('list', {
      name: 'What to do first',
    });
    expect(
      within(actions)
        .getAllByRole('link')
        .map(a => [a.textContent, a.getAttribute('href')]),
    ).toEqual([
      ['Pair a second operator on checkout', '#stressor-knowledge-gap'],
      [
        'Diagnose the alerts of checkout that fire without a runbook or owner',
        '#stressor-undiagnosed-alerts',
      ],
      [
        'Write a capacity plan for checkout that models its growth',
        '#stressor-naive-capacity-plan',
      ],
    ]);
    expect(
      within(verdict).getByRole('group', { name: 'Top stressor' }),
    ).toHaveTextContent('5 / 5');

    const team = screen.getByRole('region', { name: 'Team' });
    expect(team).toHaveTextContent(
      "Ops work 58% of the team's time over the last 4 weeks — operational overload, above the 50% cap",
    );
    expect(
      within(team)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual(['56%', '54%', '60%', '62%']);
    // The verdict first, the team line next, then every card.
    const firstCard = screen.getByText('Service level objectives');
    expect(
      verdict.compareDocumentPosition(team) & Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(
      team.compareDocumentPosition(firstCard) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    for (const title of [
      'Service level objectives',
      'Stressors',
      'Knowledge silo',
      'Fires',
      'Postmortems',
    ]) {
      expect(screen.getByText(title)).toBeInTheDocument();
    }
    // The team's own cards live on its group page now, not on every service.
    expect(screen.queryByText('Embedded SRE')).toBeNull();
    expect(screen.queryByText('Ops load')).toBeNull();
    expect(api.getEntityHealth).toHaveBeenCalledTimes(1);
  });

  it('reloads the health data after a stressor is flagged', async () => {
    const after = makeHealth({
      stressors: [
        makeFlag({ stressorKey: 'complaints-without-slo', stressLevel: 4 }),
      ],
    });
    const api = fakeSreHealthApi({
      getEntityHealth: jest
        .fn()
        .mockResolvedValueOnce(makeHealth())
        .mockResolvedValueOnce(after),
      createStressorFlag: async () => after.stressors[0],
    });
    // usePermission caches decisions per entity ref for the whole file (SWR), so this
    // test, the only one allowed to write, uses an entity of its own.
    const entity = {
      ...serviceEntity,
      metadata: { ...serviceEntity.metadata, name: 'ledger' },
    };
    renderContent(api, AuthorizeResult.ALLOW, entity);
    const user = userEvent.setup();

    await user.click(
      await screen.findByRole('button', {
        name: 'Flag Complaints without an SLO',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Flag' }));

    expect(
      await screen.findByRole('link', { name: 'Write an SLO for checkout' }),
    ).toHaveAttribute('href', '#stressor-complaints-without-slo');
    expect(api.createStressorFlag).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/ledger',
        stressorKey: 'complaints-without-slo',
      }),
    );
    await waitFor(() => expect(api.getEntityHealth).toHaveBeenCalledTimes(2));
  });
});
