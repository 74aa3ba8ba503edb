import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { sreHealthApiRef } from '../../api';
import {
  fakeSreHealthApi,
  makeFlag,
  makeHealth,
  makeSlo,
  serviceEntity,
} from '../../testUtils/fixtures';
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

  it('shows empty states for an entity with nothing recorded yet', async () => {
    const api = fakeSreHealthApi({ getEntityHealth: async () => makeHealth() });
    renderContent(api);
    expect(await screen.findByText('No SLO yet')).toBeInTheDocument();
    expect(
      screen.getByText('No open stressor is flagged.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/^No weekly ops-load samples for payments yet/),
    ).toBeInTheDocument();
    expect(screen.getByText(/^No fire recorded yet/)).toBeInTheDocument();
    expect(screen.getByText(/^No postmortem recorded yet/)).toBeInTheDocument();
    expect(
      screen.getByText('No SRE embedded with payments'),
    ).toBeInTheDocument();
    expect(screen.queryByText('Operational overload')).toBeNull();
    expect(screen.getByText('Knowledge gaps')).toBeInTheDocument();
  });

  it('summarises the top stressors and warns about operational overload', async () => {
    const api = fakeSreHealthApi({ getEntityHealth: async () => overloaded });
    renderContent(api);
    const summary = await screen.findByText(
      'Top stressors: Knowledge gaps (5), Undiagnosed common alerts (3), Naive capacity plan (2)',
    );
    const banner = screen
      .getByText('Operational overload')
      .closest('[role="alert"]') as HTMLElement;
    // The summary and the banner come first, before every card.
    const firstCard = screen.getByText('Service level objectives');
    expect(
      summary.compareDocumentPosition(banner) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(
      banner.compareDocumentPosition(firstCard) &
        Node.DOCUMENT_POSITION_FOLLOWING,
    ).toBeTruthy();
    expect(banner).toHaveTextContent(
      "Ops work took 62% of payments's time in the week of 2026-01-12, above the 50% cap.",
    );
    expect(banner).toHaveTextContent('Embed one SRE with the team');
    // Every card is there.
    for (const title of [
      'Service level objectives',
      'Embedded SRE',
      'Stressors',
      'Ops load',
      'Knowledge silo',
      'Fires',
      'Postmortems',
    ]) {
      expect(screen.getByText(title)).toBeInTheDocument();
    }
    expect(
      screen.getByRole('application', { name: 'Weekly ops share of payments' }),
    ).toBeInTheDocument();
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
      await screen.findByText('Top stressors: Complaints without an SLO (4)'),
    ).toBeInTheDocument();
    expect(api.createStressorFlag).toHaveBeenCalledWith(
      expect.objectContaining({
        entityRef: 'component:default/ledger',
        stressorKey: 'complaints-without-slo',
      }),
    );
    await waitFor(() => expect(api.getEntityHealth).toHaveBeenCalledTimes(2));
  });
});
