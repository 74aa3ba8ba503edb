import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { makeFlag } from '../testUtils/fixtures';
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

describe('SreHealthClient: stressor flags and detection', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const discoveryApi = mockApis.discovery({ baseUrl: 'http://backstage.test' });
  const fetchApi = mockApis.fetch();
  const client = new SreHealthClient({ discoveryApi, fetchApi });

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

  it("puts the team's rating of a flag with its version", async () => {
    let body: unknown;
    server.use(
      http.put(`${BASE}/stressor-flags/flag-1/rating`, async ({ request }) => {
        body = await request.json();
        return HttpResponse.json(
          makeFlag({ version: 2, stressLevel: 5, ratedLevel: 5 }),
        );
      }),
    );
    const rated = await client.rateStressorFlag('flag-1', {
      version: 1,
      level: 5,
    });
    expect(rated).toMatchObject({ version: 2, stressLevel: 5, ratedLevel: 5 });
    expect(body).toEqual({ version: 1, level: 5 });
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
});
