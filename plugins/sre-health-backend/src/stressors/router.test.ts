import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import type { Server } from 'node:http';
import { sreHealthPlugin } from '../plugin';
import { DEVELOPER, SERVICE, SRE, catalogEntities } from '../__testUtils__/catalog';
import { sreGroupPermissions } from '../__testUtils__/permissions';

jest.setTimeout(60_000);

const config = { sreHealth: { sreGroups: ['group:default/sre'] } };
const API = '/api/sre-health';
const as = (user: string) => ({ Authorization: mockCredentials.user.header(user) });

describe('stressor routes', () => {
  let server: Server;

  beforeAll(async () => {
    const permissions = sreGroupPermissions(config);
    ({ server } = await startTestBackend({
      features: [
        sreHealthPlugin,
        catalogServiceMock.factory({ entities: catalogEntities }),
        permissions.factory,
        mockServices.rootConfig.factory({ data: config }),
        mockServices.httpAuth.factory({ defaultCredentials: mockCredentials.none() }),
        mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
      ],
    }));
  });

  it('detects on demand for SREs only, and keeps each flag’s history', async () => {
    const url = `${API}/entities/component/default/payments-api/detect`;
    await request(server).post(url).expect(401);
    await request(server).post(url).set(as(DEVELOPER)).expect(403);
    const res = await request(server).post(url).set(as(SRE)).expect(200);
    // payments-api: serving-critical, only carol (a developer) can operate it.
    expect(res.body.detected.map((d: any) => d.stressorKey).sort()).toEqual(
      expect.arrayContaining(['devs-own-it', 'knowledge-gap']),
    );
    const gap = res.body.flags.find((f: any) => f.stressorKey === 'knowledge-gap');
    expect(gap).toMatchObject({ source: 'detected', author: 'sre-health:detector' });

    await request(server)
      .patch(`${API}/stressor-flags/${gap.id}`)
      .set(as(SRE))
      .send({ version: gap.version, status: 'dismissed' })
      .expect(400)
      .expect(r => expect(r.body.error.message).toContain('dismissedReason'));
    const dismissed = await request(server)
      .patch(`${API}/stressor-flags/${gap.id}`)
      .set(as(SRE))
      .send({ version: gap.version, status: 'dismissed', dismissedReason: 'Dan is shadowing Carol this month' })
      .expect(200);
    expect(dismissed.body).toMatchObject({ status: 'dismissed', dismissedReason: 'Dan is shadowing Carol this month' });

    const history = await request(server).get(`${API}/stressor-flags/${gap.id}/history`).set(as(DEVELOPER)).expect(200);
    expect(history.body.map((e: any) => [e.action, e.actor])).toEqual([
      ['update', SRE],
      ['create', 'sre-health:detector'],
    ]);
  });

  it('lets SREs confirm a detected flag and rate it', async () => {
    const flags = await request(server).get(`${API}/stressor-flags`).query({ entityRef: SERVICE }).set(as(SRE));
    const devs = flags.body.find((f: any) => f.stressorKey === 'devs-own-it');
    const confirmed = await request(server)
      .patch(`${API}/stressor-flags/${devs.id}`)
      .set(as(SRE))
      .send({ version: devs.version, confirm: true, stressLevel: 5 })
      .expect(200);
    expect(confirmed.body).toMatchObject({ source: 'both', confirmedBy: SRE, stressLevel: 5, ratedLevel: 5, ratedBy: SRE });
    await request(server)
      .patch(`${API}/stressor-flags/${devs.id}`)
      .set(as(SRE))
      .send({ version: confirmed.body.version, stressLevel: 6 })
      .expect(400);
  });

  it('counts pushed alert firings idempotently and serves them with their diagnosis', async () => {
    const firings = [
      { alertName: 'PaymentsLatencyHigh', startsAt: '2026-11-20T10:00:00Z' },
      { alertName: 'PaymentsLatencyHigh', startsAt: '2026-11-21T10:00:00Z' },
    ];
    const now = new Date().toISOString();
    const recent = firings.map((f, i) => ({ ...f, startsAt: new Date(Date.parse(now) - (i + 1) * 3_600_000).toISOString() }));
    await request(server).post(`${API}/alert-firings`).send({ entityRef: SERVICE, firings: recent }).expect(401);
    await request(server)
      .post(`${API}/alert-firings`)
      .set({ Authorization: mockCredentials.service.header() })
      .send({ entityRef: SERVICE, firings: recent })
      .expect(202);
    await request(server).post(`${API}/alert-firings`).set(as(SRE)).send({ entityRef: SERVICE, firings: recent }).expect(202);
    await request(server)
      .post(`${API}/alert-diagnoses`)
      .set(as(SRE))
      .send({ entityRef: SERVICE, alertName: 'PaymentsLatencyHigh', runbookUrl: 'https://runbooks.example.com/latency' })
      .expect(201);
    const alerts = await request(server).get(`${API}/entities/component/default/payments-api/alerts`).set(as(DEVELOPER)).expect(200);
    expect(alerts.body).toEqual([
      expect.objectContaining({
        alertName: 'PaymentsLatencyHigh',
        firings: 2,
        diagnosis: expect.objectContaining({ runbookUrl: 'https://runbooks.example.com/latency' }),
      }),
    ]);
  });

  it('imports a postmortem from Markdown and names what is missing in a malformed one', async () => {
    const markdown = [
      '# Checkout payments failing',
      '',
      'Date: 2026-11-10',
      '',
      '## Impact',
      '4.1% of payments failed for 38 minutes.',
      '',
      '## Action items',
      '- [ ] Revert the gateway client to 3.2',
      '1. Find out why the first 1 MB of the promo video takes 60 s',
    ].join('\n');
    const created = await request(server)
      .post(`${API}/postmortems/import`)
      .set(as(SRE))
      .send({ entityRef: SERVICE, markdown })
      .expect(201);
    expect(created.body).toMatchObject({
      title: 'Checkout payments failing',
      occurredAt: '2026-11-10T00:00:00.000Z',
      impact: '4.1% of payments failed for 38 minutes.',
      actionItems: [
        { text: 'Revert the gateway client to 3.2' },
        { text: 'Find out why the first 1 MB of the promo video takes 60 s' },
      ],
    });
    const bad = await request(server)
      .post(`${API}/postmortems/import`)
      .set(as(SRE))
      .send({ entityRef: SERVICE, markdown: 'just some text\n- an item' })
      .expect(400);
    expect(bad.body.error.message).toContain('# Title');
    expect(bad.body.error.message).toContain('Date:');
    expect(bad.body.error.message).toContain('## Action items');
  });

  it('hands the fires to the team as Markdown, sorted into toil and overhead', async () => {
    for (const [title, kind, rationale] of [
      ['Pool warm-up after deploy', 'toil', 'Should never page a human: automate the warm-up.'],
      ['Fraud rule change', 'overhead', 'Legitimate request with a deadline.'],
    ]) {
      await request(server)
        .post(`${API}/fires`)
        .set(as(SRE))
        .send({ entityRef: SERVICE, title, occurredAt: '2026-11-20T03:00:00Z', kind, rationale })
        .expect(201);
    }
    const res = await request(server)
      .get(`${API}/entities/component/default/payments-api/fires.md`)
      .set(as(DEVELOPER))
      .expect(200);
    expect(res.headers['content-type']).toContain('text/markdown');
    const toil = res.text.indexOf('## Toil (1)');
    const overhead = res.text.indexOf('## Overhead (1)');
    expect(toil).toBeGreaterThan(0);
    expect(overhead).toBeGreaterThan(toil);
    expect(res.text).toContain('- **Pool warm-up after deploy** (2026-11-20): Should never page a human');
  });

  it('rejects unknown stressors and out-of-range levels with 400', async () => {
    await request(server)
      .post(`${API}/stressor-flags`)
      .set(as(SRE))
      .send({ entityRef: SERVICE, stressorKey: 'meetings', stressLevel: 3 })
      .expect(400);
    await request(server)
      .post(`${API}/stressor-flags`)
      .set(as(SRE))
      .send({ entityRef: SERVICE, stressorKey: 'next-big-thing', stressLevel: 0 })
      .expect(400);
  });
});
