import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import express from 'express';
import request from 'supertest';
import type { Server } from 'node:http';
import { sreHealthPlugin } from '../plugin';
import { SRE, catalogEntities } from '../__testUtils__/catalog';
import { sreGroupPermissions } from '../__testUtils__/permissions';

jest.setTimeout(60_000);

const config = { sreHealth: { sreGroups: ['group:default/sre'] } };
const HEALTH = '/api/sre-health/entities/component/default/payments-api/health';
const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});

/** The headers express gives `res.type('application/json').send(text)`. */
async function expressHeadersFor(text: string) {
  const app = express();
  app.get('/', (_req, res) => {
    res.type('application/json').send(text);
  });
  const res = await request(app).get('/').expect(200);
  return { type: res.headers['content-type'], etag: res.headers.etag };
}

/**
 * The tab's answer is kept encoded with its ETag (EntityHealthCache), so a read sends bytes
 * and headers made once: they must be those express makes for the JSON text on every read.
 */
describe('the tab read sends the headers express would', () => {
  let server: Server;

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        sreHealthPlugin,
        catalogServiceMock.factory({ entities: catalogEntities }),
        sreGroupPermissions(config).factory,
        mockServices.rootConfig.factory({ data: config }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    }));
  });

  it.each([
    ['cached', {}],
    ['cold', { 'Cache-Control': 'no-cache' }],
  ])('%s', async (_, headers) => {
    const res = await request(server)
      .get(HEALTH)
      .set({ ...as(SRE), ...headers })
      .expect(200);
    expect(res.body.entityRef).toBe('component:default/payments-api');
    const expected = await expressHeadersFor(res.text);
    expect({
      type: res.headers['content-type'],
      etag: res.headers.etag,
    }).toEqual(expected);
    await request(server)
      .get(HEALTH)
      .set({ ...as(SRE), 'If-None-Match': expected.etag })
      .expect(304);
  });

  it('carries no statement count unless the backend is started to count', async () => {
    const res = await request(server).get(HEALTH).set(as(SRE)).expect(200);
    expect(res.headers['sre-health-statements']).toBeUndefined();
  });
});
