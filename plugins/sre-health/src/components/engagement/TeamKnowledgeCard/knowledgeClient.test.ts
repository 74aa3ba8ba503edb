import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SreHealthClient } from '../../../api';

/* The knowledge methods of the API client (the other methods: src/api/SreHealthClient.test.ts). */

const BASE = 'http://backstage.test/api/sre-health';

describe('SreHealthClient knowledge methods', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new SreHealthClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: mockApis.fetch(),
  });

  it('reads, analyses and asks what-if on the component path', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${BASE}/knowledge/:kind/:namespace/:name`, ({ params }) => {
        seen.push(`GET ${params.kind}|${params.namespace}|${params.name}`);
        return HttpResponse.json({ busFactor: 1 });
      }),
      http.post(
        `${BASE}/knowledge/:kind/:namespace/:name/analyze`,
        ({ params }) => {
          seen.push(`POST ${params.name}`);
          return HttpResponse.json({ busFactor: 2 });
        },
      ),
      http.get(
        `${BASE}/knowledge/:kind/:namespace/:name/what-if`,
        ({ request }) => {
          const url = new URL(request.url);
          seen.push(`WHAT-IF ${url.searchParams.getAll('without').join(',')}`);
          return HttpResponse.json({ busFactorLeft: 0 });
        },
      ),
    );
    expect(await client.getKnowledge('component:default/ledger')).toEqual({
      busFactor: 1,
    });
    expect(
      await client.analyzeKnowledge({
        kind: 'Component',
        namespace: 'default',
        name: 'ledger',
      }),
    ).toEqual({ busFactor: 2 });
    expect(
      await client.getKnowledgeWhatIf('component:default/ledger', [
        'user:default/carol',
        'Mallory <m@example.com>',
      ]),
    ).toEqual({ busFactorLeft: 0 });
    expect(seen).toEqual([
      'GET component|default|ledger',
      'POST ledger',
      'WHAT-IF user:default/carol,Mallory <m@example.com>',
    ]);
  });

  it('reads a team by namespace and name, defaulting the kind to group', async () => {
    server.use(
      http.get(`${BASE}/knowledge/teams/:namespace/:name`, ({ params }) =>
        HttpResponse.json({
          teamRef: `group:${params.namespace}/${params.name}`,
        }),
      ),
    );
    expect(await client.getTeamKnowledge('payments-team')).toEqual({
      teamRef: 'group:default/payments-team',
    });
  });

  it('pushes and lists on-call shifts, and surfaces errors', async () => {
    let pushed: unknown;
    server.use(
      http.post(`${BASE}/oncall-shifts`, async ({ request }) => {
        pushed = await request.json();
        return HttpResponse.json({ accepted: 1 }, { status: 202 });
      }),
      http.get(`${BASE}/oncall-shifts`, ({ request }) => {
        const ref = new URL(request.url).searchParams.get('entityRef');
        return ref === 'component:default/ledger'
          ? HttpResponse.json([])
          : HttpResponse.json(
              {
                error: { name: 'InputError', message: 'bad' },
                request: { method: 'GET', url: '/oncall-shifts' },
                response: { statusCode: 400 },
              },
              { status: 400 },
            );
      }),
    );
    const body = {
      entityRef: 'component:default/ledger',
      shifts: [
        {
          userRef: 'user:default/bob',
          startsAt: '2026-11-01T00:00:00Z',
          endsAt: '2026-11-08T00:00:00Z',
        },
      ],
    };
    expect(await client.pushOnCallShifts(body)).toEqual({ accepted: 1 });
    expect(pushed).toEqual(body);
    expect(await client.listOnCallShifts('component:default/ledger')).toEqual(
      [],
    );
    await expect(
      client.listOnCallShifts('component:default/other'),
    ).rejects.toMatchObject({ body: { error: { message: 'bad' } } });
  });
});
