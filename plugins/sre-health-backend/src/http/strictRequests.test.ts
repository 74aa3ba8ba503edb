import type { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import { SERVICE } from '../__testUtils__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import { headersOf, startRouteTestBackend } from '../__testUtils__/routes';

jest.setTimeout(120_000);

const API = '/api/sre-health';

/*
 * Issue #15, item 7: the open health route answers on its exact path only, and every
 * number in a query string is a decimal integer within its range, else a 400 naming it.
 */
describe('strict paths and query numbers', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let server: Server;
    const sre = headersOf('sre');

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startRouteTestBackend(knex);
    });

    afterAll(async () => {
      await knex.destroy();
    });

    it('answers /health on exactly that path', async () => {
      await request(server).get(`${API}/health`).expect(200, { status: 'ok' });
      const variants = [
        '/health/',
        '/HEALTH',
        '/Health',
        '/%68ealth',
        '/%68%65%61%6c%74%68',
        '/health%2F',
        '//health',
        '/health;',
        '/./health',
      ];
      // signed in: no such route; without a token: no such route, or a 401 from the
      // auth policy (which opens exactly /health), never the health answer
      const statuses: Record<string, [number, number]> = {};
      for (const variant of variants) {
        const open = await request(server).get(`${API}${variant}`);
        const signedIn = await request(server).get(`${API}${variant}`).set(sre);
        statuses[variant] = [
          open.status === 401 ? 404 : open.status,
          signedIn.status,
        ];
      }
      expect(statuses).toEqual(
        Object.fromEntries(variants.map(variant => [variant, [404, 404]])),
      );
      // a query string is no part of the path
      await request(server).get(`${API}/health?x=1`).expect(200);
    });

    const refused: Array<[string, string, string]> = [
      ['/scorecard', 'limit', '0x10'],
      ['/scorecard', 'limit', '-1'],
      ['/scorecard', 'limit', ' 5'],
      ['/scorecard', 'limit', '5 '],
      ['/scorecard', 'limit', '+5'],
      ['/scorecard', 'limit', '05'],
      ['/scorecard', 'limit', '5.0'],
      ['/scorecard', 'limit', '1e1'],
      ['/scorecard', 'limit', ''],
      ['/scorecard', 'limit', 'Infinity'],
      ['/scorecard', 'limit', '0'],
      ['/scorecard', 'limit', '501'],
      ['/scorecard', 'offset', '1e7'],
      ['/scorecard', 'offset', '0x10'],
      ['/scorecard', 'offset', '0b1'],
      ['/scorecard', 'offset', '10000001'],
      ['/scorecard', 'offset', '99999999999999999999'],
      ['/scorecard/trends', 'days', '1e2'],
      ['/scorecard/trends', 'days', '0x1e'],
      ['/scorecard/trends', 'days', '30.'],
      ['/scorecard/trends', 'days', '6'],
      ['/scorecard/trends', 'days', '366'],
    ];

    it.each(refused)(
      'refuses GET %s?%s=%p with a 400 naming it',
      async (path, name, value) => {
        const res = await request(server)
          .get(`${API}${path}?${name}=${encodeURIComponent(value)}`)
          .set(sre);
        expect({
          status: res.status,
          message: res.body.error?.message,
        }).toEqual({
          status: 400,
          message: expect.stringMatching(
            new RegExp(`^Invalid query: ${name}: `),
          ),
        });
      },
    );

    it('takes decimal integers within range', async () => {
      for (const query of [
        'limit=1&offset=0',
        'limit=500&offset=10000000',
        'limit=25&offset=50',
      ]) {
        await request(server)
          .get(`${API}/scorecard?${query}`)
          .set(sre)
          .expect(200);
      }
      for (const days of ['7', '90', '365']) {
        await request(server)
          .get(`${API}/scorecard/trends?days=${days}`)
          .set(sre)
          .expect(200);
      }
    });

    it('refuses a version that is no decimal integer, and nothing is deleted', async () => {
      const created = await request(server)
        .post(`${API}/fires`)
        .set(sre)
        .send({
          entityRef: SERVICE,
          title: 'Cache warm-up',
          occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        });
      expect(created.status).toBe(201);
      const { id, version } = created.body;
      expect(version).toBe(1);
      for (const bad of [
        '1e0',
        '0x1',
        '01',
        '+1',
        ' 1',
        '1.0',
        '0',
        '-1',
        '99999999999999999999',
      ]) {
        const res = await request(server)
          .delete(`${API}/fires/${id}?version=${encodeURIComponent(bad)}`)
          .set(sre);
        expect({
          bad,
          status: res.status,
          message: res.body.error?.message,
        }).toEqual({
          bad,
          status: 400,
          message: expect.stringMatching(/^Invalid query: version: /),
        });
      }
      await request(server).get(`${API}/fires/${id}`).set(sre).expect(200);
      await request(server)
        .delete(`${API}/fires/${id}?version=1`)
        .set(sre)
        .expect(204);
    });
  });
});
