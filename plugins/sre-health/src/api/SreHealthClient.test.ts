import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { makeFlag, makeHealth } from '../testUtils/fixtures';
import { SreHealthClient } from './SreHealthClient';

const BASE = 'http://backstage.test/api/sre-health';

function conflict(message: string) {
  return HttpResponse.json(
    {
      error: { name: 'ConflictError', message },
      request: { method: 'PATCH', url: '/stressor-flags/flag-1' },
      response: { statusCode: 409 },
    },
    { status: 409 },
  );
}

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

  it('lists stressor flags by entity ref', async () => {
    let query: string | null = null;
    server.use(
      http.get(`${BASE}/stressor-flags`, ({ request }) => {
        query = new URL(request.url).searchParams.get('entityRef');
        return HttpResponse.json([makeFlag()]);
      }),
    );
    await expect(
      client.listStressorFlags('component:default/checkout'),
    ).resolves.toHaveLength(1);
    expect(query).toBe('component:default/checkout');
  });

  it('creates a stressor flag with a JSON body', async () => {
    let body: unknown;
    let contentType: string | null = null;
    server.use(
      http.post(`${BASE}/stressor-flags`, async ({ request }) => {
        body = await request.json();
        contentType = request.headers.get('content-type');
        return HttpResponse.json(makeFlag(), { status: 201 });
      }),
    );
    const request = {
      entityRef: 'component:default/checkout',
      stressorKey: 'knowledge-gap',
      stressLevel: 4,
      evidence: 'Only jane',
    };
    await expect(client.createStressorFlag(request)).resolves.toEqual(
      makeFlag(),
    );
    expect(body).toEqual(request);
    expect(contentType).toBe('application/json');
  });

  it('updates a stressor flag with PATCH and its version', async () => {
    let body: unknown;
    server.use(
      http.patch(`${BASE}/stressor-flags/flag-1`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(makeFlag({ version: 2, status: 'resolved' }));
      }),
    );
    const updated = await client.updateStressorFlag('flag-1', {
      version: 1,
      status: 'resolved',
    });
    expect(updated.version).toBe(2);
    expect(body).toEqual({ version: 1, status: 'resolved' });
  });

  it('throws a ResponseError carrying the backend message on 409', async () => {
    server.use(
      http.patch(`${BASE}/stressor-flags/flag-1`, () =>
        conflict('stressor-flag flag-1 was changed by someone else'),
      ),
    );
    const error = await client
      .updateStressorFlag('flag-1', { version: 1, stressLevel: 2 })
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(409);
    expect(error.cause.message).toBe(
      'stressor-flag flag-1 was changed by someone else',
    );
  });

  it('deletes a stressor flag with the version in the query and resolves on 204', async () => {
    let version: string | null = null;
    server.use(
      http.delete(`${BASE}/stressor-flags/flag-1`, ({ request }) => {
        version = new URL(request.url).searchParams.get('version');
        return new HttpResponse(null, { status: 204 });
      }),
    );
    await expect(client.deleteStressorFlag('flag-1', 3)).resolves.toBe(
      undefined,
    );
    expect(version).toBe('3');
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
    });
    await client.updateEngagement('e1', { version: 1, goals: 'under the cap' });
    expect(bodies).toEqual([
      { teamRef: 'group:default/payments', sreRef: 'user:default/sam' },
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

  it("reads a stressor flag's history", async () => {
    server.use(
      http.get(`${BASE}/stressor-flags/flag%201/history`, () =>
        HttpResponse.json([{ id: 'a2', action: 'update' }]),
      ),
    );
    await expect(client.getStressorFlagHistory('flag 1')).resolves.toEqual([
      { id: 'a2', action: 'update' },
    ]);
  });

  it('runs the detectors on an entity with POST', async () => {
    const result = {
      entityRef: 'component:default/checkout',
      detected: [],
      created: 1,
      updated: 0,
      resolved: 2,
      flags: [makeFlag()],
    };
    let method: string | undefined;
    server.use(
      http.all(
        `${BASE}/entities/component/default/checkout/detect`,
        ({ request }) => {
          method = request.method;
          return HttpResponse.json(result);
        },
      ),
    );
    await expect(
      client.runStressorDetection('component:default/checkout'),
    ).resolves.toEqual(result);
    expect(method).toBe('POST');
  });

  it('gets the fires as Markdown text through the fetchApi, with its credentials', async () => {
    const markdown = '# Fires of component:default/checkout\n\n## Toil (1)\n';
    let auth: string | null = null;
    server.use(
      http.get(
        `${BASE}/entities/component/default/checkout/fires.md`,
        ({ request }) => {
          auth = request.headers.get('authorization');
          return new HttpResponse(markdown, {
            headers: { 'content-type': 'text/markdown; charset=utf-8' },
          });
        },
      ),
    );
    const authed = new SreHealthClient({
      discoveryApi,
      fetchApi: mockApis.fetch({ injectIdentityAuth: { token: 't0k3n' } }),
    });
    await expect(
      authed.getFiresMarkdown('component:default/checkout'),
    ).resolves.toBe(markdown);
    expect(auth).toBe('Bearer t0k3n');
  });

  it('throws a ResponseError when the fires cannot be exported', async () => {
    server.use(
      http.get(`${BASE}/entities/component/default/gone/fires.md`, () =>
        HttpResponse.json(
          {
            error: { name: 'NotFoundError', message: 'No entity gone' },
            request: { method: 'GET', url: '/fires.md' },
            response: { statusCode: 404 },
          },
          { status: 404 },
        ),
      ),
    );
    const error = await client
      .getFiresMarkdown('component:default/gone')
      .catch(e => e);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.cause.message).toBe('No entity gone');
  });

  it('imports a postmortem from Markdown, passing on the 400 that names what is missing', async () => {
    let body: unknown;
    server.use(
      http.post(`${BASE}/postmortems/import`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(
          {
            error: {
              name: 'InputError',
              message: 'Invalid body: markdown: needs a "# Title" line',
            },
            request: { method: 'POST', url: '/postmortems/import' },
            response: { statusCode: 400 },
          },
          { status: 400 },
        );
      }),
    );
    const request = {
      entityRef: 'component:default/checkout',
      markdown: 'Date: 2026-01-07\n## Action items\n- Revert',
    };
    const error = await client.importPostmortem(request).catch(e => e);
    expect(body).toEqual(request);
    expect(ResponseError.is(error)).toBe(true);
    expect(error.statusCode).toBe(400);
    expect(error.cause.message).toBe(
      'Invalid body: markdown: needs a "# Title" line',
    );

    server.use(
      http.post(`${BASE}/postmortems/import`, () =>
        HttpResponse.json({ id: 'pm-1' }, { status: 201 }),
      ),
    );
    await expect(client.importPostmortem(request)).resolves.toEqual({
      id: 'pm-1',
    });
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
