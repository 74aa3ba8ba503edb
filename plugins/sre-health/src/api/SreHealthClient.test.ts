import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { makeHealth } from '../testUtils/fixtures';
import { SreHealthClient } from './SreHealthClient';

/*
 * The client as a whole. The methods of an area are tested beside it (stressors.test.ts,
 * fires.test.ts) or beside the component that uses them (knowledgeClient.test.ts,
 * engagementClient.test.ts, scorecardClient.test.ts).
 */

const BASE = 'http://backstage.test/api/sre-health';

describe('SreHealthClient', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const discoveryApi = mockApis.discovery({ baseUrl: 'http://backstage.test' });
  const fetchApi = mockApis.fetch();
  const client = new SreHealthClient({ discoveryApi, fetchApi });

  it('gets the health of an entity from its kind/namespace/name, with a string or compound ref', async () => {
    const health = makeHealth();
    const seen: string[] = [];
    server.use(
      http.get(
        `${BASE}/entities/:kind/:namespace/:name/health`,
        ({ params }) => {
          seen.push(`${params.kind}|${params.namespace}|${params.name}`);
          return HttpResponse.json(health);
        },
      ),
    );

    await expect(
      client.getEntityHealth('component:default/Checkout'),
    ).resolves.toEqual(health);
    await expect(
      client.getEntityHealth({
        kind: 'Component',
        namespace: 'ops',
        name: 'a b',
      }),
    ).resolves.toEqual(health);
    // A ref without namespace gets the default namespace.
    await client.getEntityHealth('component:ledger');

    expect(seen).toEqual([
      'component|default|Checkout',
      'Component|ops|a b',
      'component|default|ledger',
    ]);
  });

  it('gets the audit log', async () => {
    server.use(
      http.get(`${BASE}/entities/component/default/checkout/audit`, () =>
        HttpResponse.json([{ id: 'a1', action: 'create' }]),
      ),
    );
    await expect(
      client.getAuditLog('component:default/checkout'),
    ).resolves.toEqual([{ id: 'a1', action: 'create' }]);
  });

  it("reads a service's budget-policy episodes and posts a decision on one", async () => {
    let posted: unknown;
    server.use(
      http.get(`${BASE}/entities/component/default/checkout/slo-policy`, () =>
        HttpResponse.json({ episodes: [{ id: 'ep 1' }], serviceDecisions: [] }),
      ),
      http.post(
        `${BASE}/slo-policy-episodes/ep%201/decision`,
        async ({ request }) => {
          posted = await request.json();
          return HttpResponse.json({ id: 'ep 1', version: 2 });
        },
      ),
    );
    await expect(
      client.getSloPolicy('component:default/checkout'),
    ).resolves.toEqual({ episodes: [{ id: 'ep 1' }], serviceDecisions: [] });
    await expect(
      client.decideSloPolicyEpisode('ep 1', {
        version: 1,
        decision: 'accepted',
        reason: 'budget first',
      }),
    ).resolves.toEqual({ id: 'ep 1', version: 2 });
    expect(posted).toEqual({
      version: 1,
      decision: 'accepted',
      reason: 'budget first',
    });
  });

  it("posts an SLO's history import and reads the counts back", async () => {
    let posted: unknown;
    const result = {
      accepted: 2,
      unchanged: 1,
      replaced: 0,
      from: '2026-11-01T10:00:00.000Z',
      to: '2026-11-01T10:01:00.000Z',
    };
    server.use(
      http.post(`${BASE}/slo-backfill`, async ({ request }) => {
        posted = await request.json();
        return HttpResponse.json(result);
      }),
    );
    const body = {
      entityRef: 'component:default/checkout',
      slo: 'availability',
      file: { format: 'json' as const, text: '[]' },
    };
    await expect(client.backfillSlo(body)).resolves.toEqual(result);
    expect(posted).toEqual(body);
  });

  it('creates and updates engagements', async () => {
    const bodies: unknown[] = [];
    server.use(
      http.post(`${BASE}/engagements`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ id: 'e1', version: 1 }, { status: 201 });
      }),
      http.patch(`${BASE}/engagements/e1`, async ({ request }) => {
        bodies.push(await request.json());
        return HttpResponse.json({ id: 'e1', version: 2 });
      }),
    );
    await client.createEngagement({
      teamRef: 'group:default/payments',
      sreRef: 'user:default/sam',
      plannedEndDate: '2027-03-26',
    });
    await client.updateEngagement('e1', { version: 1, goals: 'under the cap' });
    expect(bodies).toEqual([
      {
        teamRef: 'group:default/payments',
        sreRef: 'user:default/sam',
        plannedEndDate: '2027-03-26',
      },
      { version: 1, goals: 'under the cap' },
    ]);
  });

  it.each([
    [
      'postmortems',
      (c: SreHealthClient) =>
        c.createPostmortem({
          entityRef: 'component:default/x',
          title: 't',
          occurredAt: '2026-01-01T00:00:00Z',
        }),
    ],
    [
      'fires',
      (c: SreHealthClient) =>
        c.createFire({
          entityRef: 'component:default/x',
          title: 't',
          occurredAt: '2026-01-01T00:00:00Z',
        }),
    ],
    [
      'ops-load',
      (c: SreHealthClient) =>
        c.createOpsLoadSample({
          teamRef: 'group:default/x',
          weekStart: '2026-01-05',
          opsHours: 1,
          projectHours: 1,
        }),
    ],
    [
      'expertise',
      (c: SreHealthClient) =>
        c.createExpertise({
          entityRef: 'component:default/x',
          userRef: 'user:default/y',
          level: 'expert',
        }),
    ],
  ])('creates %s on its own collection', async (collection, call) => {
    let hit = false;
    server.use(
      http.post(`${BASE}/${collection}`, () => {
        hit = true;
        return HttpResponse.json({ id: 'r1' }, { status: 201 });
      }),
    );
    await expect(call(client)).resolves.toEqual({ id: 'r1' });
    expect(hit).toBe(true);
  });

  it('surfaces non-JSON failures as ResponseError too', async () => {
    server.use(
      http.get(
        `${BASE}/entities/component/default/x/health`,
        () => new HttpResponse('upstream down', { status: 502 }),
      ),
    );
    await expect(client.getEntityHealth('component:default/x')).rejects.toThrow(
      'Request failed with 502',
    );
  });
});
