import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import type { Server } from 'node:http';
import { sreHealthPlugin } from '../plugin';
import {
  DEVELOPER,
  SERVICE,
  SRE,
  catalogEntities,
} from '../__testUtils__/catalog';
import { sreGroupPermissions } from '../__testUtils__/permissions';
import { pushedSloDocument } from '../__testUtils__/prometheus';

jest.setTimeout(60_000);

const config = { sreHealth: { sreGroups: ['group:default/sre'] } };
const API = '/api/sre-health';
const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});
const MINUTE = 60_000;
const minute = (minutesAgo: number) =>
  new Date(
    Math.floor(Date.now() / MINUTE) * MINUTE - minutesAgo * MINUTE,
  ).toISOString();

describe('POST /slo-backfill', () => {
  let server: Server;

  beforeAll(async () => {
    const permissions = sreGroupPermissions(config);
    ({ server } = await startTestBackend({
      features: [
        sreHealthPlugin,
        catalogServiceMock.factory({ entities: catalogEntities }),
        permissions.factory,
        mockServices.rootConfig.factory({ data: config }),
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
      ],
    }));
    await request(server)
      .post(`${API}/slo-definitions`)
      .set(as(SRE))
      .send({ entityRef: SERVICE, document: pushedSloDocument('history') })
      .expect(201);
  });

  const sloCounts = async () => {
    const health = await request(server)
      .get(`${API}/entities/component/default/payments-api/health`)
      .set(as(SRE))
      .expect(200);
    const slo = health.body.slos.find(
      (s: { name: string }) => s.name === 'history',
    );
    return { total: slo.totalEvents, bad: slo.badEvents };
  };

  const backfill = (text: string, format = 'csv', user = SRE) =>
    request(server)
      .post(`${API}/slo-backfill`)
      .set(as(user))
      .send({ entityRef: SERVICE, slo: 'history', file: { format, text } });

  it('imports history beyond the late-arrival tolerance, once however often it runs', async () => {
    // a live push first: a minute 3 days old is then too late to push
    await request(server)
      .post(`${API}/slo-events`)
      .set(as(SRE))
      .send({
        entityRef: SERVICE,
        slo: 'history',
        buckets: [{ start: minute(1), good: 10, total: 10 }],
      })
      .expect(202);
    const old = [minute(3 * 1440), minute(3 * 1440 - 1), minute(2 * 1440)];
    const late = await request(server)
      .post(`${API}/slo-events`)
      .set(as(SRE))
      .send({
        entityRef: SERVICE,
        slo: 'history',
        buckets: [{ start: old[0], good: 90, total: 100 }],
      })
      .expect(400);
    expect(late.body.error.message).toContain('tolerance');

    const csv = [
      'start,good,total',
      `${old[0]},90,100`,
      `${old[1]},100,100`,
      `${old[2]},95,100`,
    ].join('\n');
    await backfill(csv, 'csv', DEVELOPER).expect(403);
    const first = await backfill(csv).expect(200);
    expect(first.body).toEqual({
      accepted: 3,
      unchanged: 0,
      replaced: 0,
      from: old[0],
      to: old[2],
    });
    expect(await sloCounts()).toEqual({ total: 310, bad: 15 });
    const again = await backfill(csv).expect(200);
    expect(again.body).toEqual({ ...first.body, unchanged: 3 });
    expect(await sloCounts()).toEqual({ total: 310, bad: 15 });

    // the same minutes as JSON Lines rewrite them, still once
    const ndjson = `${JSON.stringify({
      start: old[0],
      good: 80,
      total: 100,
    })}\n`;
    const rewritten = await backfill(ndjson, 'ndjson').expect(200);
    expect(rewritten.body).toMatchObject({
      accepted: 1,
      unchanged: 0,
      replaced: 1,
    });
    expect(await sloCounts()).toEqual({ total: 310, bad: 25 });

    // and as a JSON array: one minute as stored, one new
    const json = JSON.stringify([
      { start: old[0], good: 80, total: 100 },
      { start: minute(2 * 1440 + 5), good: 100, total: 100 },
    ]);
    const array = await backfill(json, 'json').expect(200);
    expect(array.body).toMatchObject({
      accepted: 2,
      unchanged: 1,
      replaced: 0,
    });
    expect(await sloCounts()).toEqual({ total: 410, bad: 25 });
  });

  it("takes a file of 30 days of minutes, beyond the JSON routes' 256 kB", async () => {
    const lines = ['start,good,total'];
    for (let m = 30 * 1440; m > 5 * 1440; m -= 1) {
      lines.push(`${minute(m)},100,100`);
    }
    const text = lines.join('\n');
    expect(text.length).toBeGreaterThan(1_000_000);
    const res = await backfill(text).expect(200);
    expect(res.body.accepted).toBe(25 * 1440);
  });

  it('refuses a file with a bad row, naming its line, and writes nothing', async () => {
    const before = await sloCounts();
    const res = await backfill(
      [
        'start,good,total',
        `${minute(4000)},90,100`,
        `${minute(3999)},101,100`,
      ].join('\n'),
    ).expect(400);
    expect(res.body.error.message).toBe(
      'Invalid backfill, nothing written: line 3: good (101) exceeds total (100)',
    );
    expect(await sloCounts()).toEqual(before);
    await backfill('{"start": 1}', 'xml').expect(400);
    const badJson = await backfill(
      JSON.stringify([
        { start: minute(4000), good: 90, total: 100 },
        { start: minute(3999), good: 90 },
        'row',
      ]),
      'json',
    ).expect(400);
    expect(badJson.body.error.message).toBe(
      'Invalid backfill, nothing written: index 2: must be an object with start, good and total; index 1: good and total must be whole numbers ≥ 0',
    );
    const notArray = await backfill('{"start": 1}', 'json').expect(400);
    expect(notArray.body.error.message).toContain(
      'must be a JSON array of {start, good, total} objects',
    );
    const unknown = await request(server)
      .post(`${API}/slo-backfill`)
      .set(as(SRE))
      .send({
        entityRef: SERVICE,
        slo: 'nope',
        file: { format: 'csv', text: 'start,good,total\n' },
      })
      .expect(404);
    expect(unknown.body.error.message).toContain('no SLO named nope');
    const prometheus = {
      source: 'nowhere',
      good: 'sum(good)',
      total: 'sum(total)',
      from: minute(120),
      to: minute(60),
    };
    const noSource = await request(server)
      .post(`${API}/slo-backfill`)
      .set(as(SRE))
      .send({ entityRef: SERVICE, slo: 'history', prometheus })
      .expect(400);
    expect(noSource.body.error.message).toContain(
      'prometheus.source: "nowhere" is not a data source of sreHealth.dataSources',
    );
    const both = await request(server)
      .post(`${API}/slo-backfill`)
      .set(as(SRE))
      .send({
        entityRef: SERVICE,
        slo: 'history',
        prometheus,
        file: { format: 'csv', text: 'start,good,total' },
      })
      .expect(400);
    expect(both.body.error.message).toContain(
      'needs exactly one of file or prometheus',
    );
    expect(await sloCounts()).toEqual(before);
  });
});
