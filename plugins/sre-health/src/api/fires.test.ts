import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SreHealthClient } from './SreHealthClient';

const BASE = 'http://backstage.test/api/sre-health';

describe('SreHealthClient: fires and postmortems', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  const discoveryApi = mockApis.discovery({ baseUrl: 'http://backstage.test' });
  const fetchApi = mockApis.fetch();
  const client = new SreHealthClient({ discoveryApi, fetchApi });

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
});
