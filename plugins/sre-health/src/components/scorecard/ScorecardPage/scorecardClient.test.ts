import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SreHealthClient } from '../../../api';
import { makePage, paymentsApi } from './scorecardFixtures';

const BASE = 'http://backstage.test/api/sre-health';

describe('SreHealthClient: scorecard', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new SreHealthClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: mockApis.fetch(),
  });

  it('asks for a page with its filters, sort and range in the query string', async () => {
    let search = '';
    server.use(
      http.get(`${BASE}/scorecard`, ({ request }) => {
        search = new URL(request.url).search;
        return HttpResponse.json(makePage([paymentsApi]));
      }),
    );
    const page = await client.getScorecard({
      owner: ['group:default/engineering', 'group:default/sre'],
      tier: ['critical'],
      engagement: false,
      q: 'pay',
      sort: 'knowledge-gap',
      order: 'desc',
      offset: 50,
      limit: 50,
    });
    expect(page.rows[0].name).toBe('payments-api');
    expect(search).toBe(
      '?owner=group%3Adefault%2Fengineering&owner=group%3Adefault%2Fsre&tier=critical&engagement=false&q=pay&sort=knowledge-gap&order=desc&offset=50&limit=50',
    );
  });

  it('downloads the export of the current view, never a page of it', async () => {
    let search = '';
    server.use(
      http.get(`${BASE}/scorecard/export`, ({ request }) => {
        search = new URL(request.url).search;
        return new HttpResponse('\uFEFFService\r\n', {
          headers: { 'Content-Type': 'text/csv; charset=utf-8' },
        });
      }),
    );
    const blob = await client.exportScorecard(
      { system: ['system:default/payments'], sort: 'name', order: 'asc' },
      'csv',
    );
    expect(await blob.text()).toContain('Service');
    expect(search).toBe(
      '?system=system%3Adefault%2Fpayments&sort=name&order=asc&format=csv',
    );
  });

  it('reads team rows, trends and facets, and throws the backend error', async () => {
    server.use(
      http.get(`${BASE}/scorecard/teams`, () =>
        HttpResponse.json({ teams: [] }),
      ),
      http.get(`${BASE}/scorecard/trends`, ({ request }) =>
        HttpResponse.json({ days: [new URL(request.url).search] }),
      ),
      http.get(`${BASE}/scorecard/facets`, () =>
        HttpResponse.json(
          { error: { name: 'NotAllowedError', message: 'no' } },
          { status: 403 },
        ),
      ),
    );
    await expect(client.getScorecardTeams({})).resolves.toEqual({ teams: [] });
    await expect(
      client.getScorecardTrends({ owner: ['group:default/sre'], days: 30 }),
    ).resolves.toEqual({ days: ['?owner=group%3Adefault%2Fsre&days=30'] });
    await expect(client.getScorecardFacets()).rejects.toMatchObject({
      name: 'ResponseError',
    });
  });
});
