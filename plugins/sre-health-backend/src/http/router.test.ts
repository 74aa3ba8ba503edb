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
  TEAM,
  catalogEntities,
} from '../__testUtils__/catalog';
import { sreGroupPermissions } from '../__testUtils__/permissions';
import { TEST_ENGAGEMENT_PLAN } from '../__testUtils__/engagementPlan';

jest.setTimeout(60_000);

const config = { sreHealth: { sreGroups: ['group:default/sre'] } };

/**
 * The plugin in a real backend with a SQLite database. Permission decisions come from the
 * same group rule the portal's policy applies (createSreGroupPolicyDecision).
 */
async function startBackend(): Promise<Server> {
  const permissions = sreGroupPermissions(config);
  const { server } = await startTestBackend({
    features: [
      sreHealthPlugin,
      catalogServiceMock.factory({ entities: catalogEntities }),
      permissions.factory,
      mockServices.rootConfig.factory({ data: config }),
      // No token means no user, as in a real backend (the mock default is a user).
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
    ],
  });
  return server;
}

const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});
const API = '/api/sre-health';

describe('sre-health router (every feature, through the plugin)', () => {
  let server: Server;

  beforeAll(async () => {
    server = await startBackend();
  });

  const auditCount = async () =>
    (
      await request(server)
        .get(`${API}/entities/component/default/payments-api/audit`)
        .set(as(SRE))
    ).body.length;

  it('serves an open health route', async () => {
    await request(server).get(`${API}/health`).expect(200, { status: 'ok' });
  });

  it('requires a signed-in user for reads', async () => {
    await request(server)
      .get(`${API}/entities/component/default/payments-api/health`)
      .expect(401);
    await request(server)
      .get(`${API}/stressor-flags`)
      .query({ entityRef: SERVICE })
      .set({ Authorization: mockCredentials.service.header() })
      .expect(403);
  });

  describe('write authorisation: 401 without a token, 403 for a non-SRE, 2xx for an SRE', () => {
    type Route = {
      name: string;
      create: { path: string; body: Record<string, unknown> };
      update: Record<string, unknown>;
      deletable: boolean;
    };
    const routes: Route[] = [
      {
        name: 'stressor-flags',
        create: {
          path: 'stressor-flags',
          body: {
            entityRef: SERVICE,
            stressorKey: 'devs-own-it',
            stressLevel: 3,
            evidence: 'x',
          },
        },
        update: { stressLevel: 4 },
        deletable: true,
      },
      {
        name: 'postmortems',
        create: {
          path: 'postmortems',
          body: {
            entityRef: SERVICE,
            title: 'Outage',
            occurredAt: '2026-11-01T10:00:00Z',
            actionItems: [{ text: 'Find out why the first 1 MB takes 60 s' }],
          },
        },
        update: { impact: '38 minutes' },
        deletable: true,
      },
      {
        name: 'fires',
        create: {
          path: 'fires',
          body: {
            entityRef: SERVICE,
            title: 'Pool warm-up',
            occurredAt: '2026-11-01T10:00:00Z',
          },
        },
        update: { kind: 'toil', rationale: 'should never page a human' },
        deletable: true,
      },
      {
        name: 'ops-load',
        create: {
          path: 'ops-load',
          body: {
            teamRef: TEAM,
            weekStart: '2026-11-16',
            opsHours: 110,
            projectHours: 90,
          },
        },
        update: { opsHours: 100 },
        deletable: true,
      },
      {
        name: 'expertise',
        create: {
          path: 'expertise',
          body: { entityRef: SERVICE, userRef: DEVELOPER, level: 'learning' },
        },
        update: { level: 'can-operate' },
        deletable: true,
      },
      {
        name: 'engagements',
        create: {
          path: 'engagements',
          body: {
            teamRef: TEAM,
            sreRef: SRE,
            goals: 'under the cap',
            ...TEST_ENGAGEMENT_PLAN,
          },
        },
        update: { goals: 'back under the 50% cap by Q1' },
        deletable: false,
      },
    ];

    it.each(routes)('$name', async route => {
      const base = `${API}/${route.create.path}`;
      await request(server).post(base).send(route.create.body).expect(401);
      await request(server)
        .post(base)
        .set(as(DEVELOPER))
        .send(route.create.body)
        .expect(403);

      const created = await request(server)
        .post(base)
        .set(as(SRE))
        .send(route.create.body)
        .expect(201);
      const { id, version } = created.body;
      expect(version).toBe(1);

      const patch = { ...route.update, version };
      await request(server).patch(`${base}/${id}`).send(patch).expect(401);
      await request(server)
        .patch(`${base}/${id}`)
        .set(as(DEVELOPER))
        .send(patch)
        .expect(403);
      const updated = await request(server)
        .patch(`${base}/${id}`)
        .set(as(SRE))
        .send(patch)
        .expect(200);
      expect(updated.body).toMatchObject({ ...route.update, version: 2 });

      // The non-SRE's attempts changed nothing.
      const read = await request(server)
        .get(`${base}/${id}`)
        .set(as(DEVELOPER))
        .expect(200);
      expect(read.body.version).toBe(2);

      if (route.deletable) {
        await request(server)
          .delete(`${base}/${id}`)
          .query({ version: 2 })
          .expect(401);
        await request(server)
          .delete(`${base}/${id}`)
          .query({ version: 2 })
          .set(as(DEVELOPER))
          .expect(403);
        await request(server)
          .delete(`${base}/${id}`)
          .query({ version: 2 })
          .set(as(SRE))
          .expect(204);
        await request(server).get(`${base}/${id}`).set(as(SRE)).expect(404);
      } else {
        await request(server)
          .delete(`${base}/${id}`)
          .query({ version: 2 })
          .set(as(SRE))
          .expect(404);
      }
    });
  });

  describe('bad input gets 400 naming the field, and nothing is written', () => {
    const valid = {
      entityRef: SERVICE,
      stressorKey: 'undiagnosed-alerts',
      stressLevel: 3,
      evidence: 'alert fires 40 times a week',
    };
    it.each([
      ['wrong type', { ...valid, stressLevel: '3' }, 'stressLevel'],
      [
        'unknown stressor key',
        { ...valid, stressorKey: 'too-many-meetings' },
        'stressorKey',
      ],
      ['level 0', { ...valid, stressLevel: 0 }, 'stressLevel'],
      ['level 6', { ...valid, stressLevel: 6 }, 'stressLevel'],
      ['fractional level', { ...valid, stressLevel: 2.5 }, 'stressLevel'],
      [
        'evidence over the limit',
        { ...valid, evidence: 'x'.repeat(4001) },
        'evidence',
      ],
      [
        'malformed entity ref',
        { ...valid, entityRef: 'payments-api' },
        'entityRef',
      ],
      ['unknown field', { ...valid, severity: 'high' }, 'severity'],
      ['missing field', { entityRef: SERVICE, stressLevel: 3 }, 'stressorKey'],
    ])('%s', async (_name, body, field) => {
      const before = await auditCount();
      const res = await request(server)
        .post(`${API}/stressor-flags`)
        .set(as(SRE))
        .send(body)
        .expect(400);
      expect(res.body.error.name).toBe('InputError');
      expect(res.body.error.message).toContain(field);
      expect(await auditCount()).toBe(before);
    });

    it('accepts custom stressor keys in their own namespace', async () => {
      const res = await request(server)
        .post(`${API}/stressor-flags`)
        .set(as(SRE))
        .send({ ...valid, stressorKey: 'custom:flaky-ci' })
        .expect(201);
      expect(res.body.stressorKey).toBe('custom:flaky-ci');
    });

    it('rejects a malformed id and a missing version', async () => {
      await request(server)
        .patch(`${API}/fires/not-a-uuid`)
        .set(as(SRE))
        .send({ version: 1 })
        .expect(400);
      const fire = await request(server)
        .post(`${API}/fires`)
        .set(as(SRE))
        .send({
          entityRef: SERVICE,
          title: 'x',
          occurredAt: '2026-11-01T00:00:00Z',
        })
        .expect(201);
      const res = await request(server)
        .delete(`${API}/fires/${fire.body.id}`)
        .set(as(SRE))
        .expect(400);
      expect(res.body.error.message).toContain('version');
    });
  });

  it('answers 404 for an entity the catalog does not know', async () => {
    const res = await request(server)
      .post(`${API}/stressor-flags`)
      .set(as(SRE))
      .send({
        entityRef: 'component:default/ghost',
        stressorKey: 'devs-own-it',
        stressLevel: 2,
      })
      .expect(404);
    expect(res.body.error.message).toContain('component:default/ghost');
    await request(server)
      .get(`${API}/entities/component/default/ghost/health`)
      .set(as(SRE))
      .expect(404);
  });

  it('answers 409 to a stale write and keeps the first one', async () => {
    const created = await request(server)
      .post(`${API}/stressor-flags`)
      .set(as(SRE))
      .send({
        entityRef: 'component:default/ledger-service',
        stressorKey: 'knowledge-gap',
        stressLevel: 5,
      })
      .expect(201);
    const url = `${API}/stressor-flags/${created.body.id}`;
    await request(server)
      .patch(url)
      .set(as(SRE))
      .send({ version: 1, stressLevel: 4 })
      .expect(200);
    const stale = await request(server)
      .patch(url)
      .set(as(SRE))
      .send({ version: 1, stressLevel: 1 })
      .expect(409);
    expect(stale.body.error.message).toMatch(/changed by someone else/);
    const now = await request(server).get(url).set(as(SRE)).expect(200);
    expect(now.body).toMatchObject({ stressLevel: 4, version: 2 });
  });

  describe('engagements', () => {
    it('refuses to embed a user who is not in an SRE group', async () => {
      const res = await request(server)
        .post(`${API}/engagements`)
        .set(as(SRE))
        .send({
          teamRef: 'group:default/sre',
          sreRef: DEVELOPER,
          ...TEST_ENGAGEMENT_PLAN,
        })
        .expect(400);
      expect(res.body.error.message).toContain('sreRef');
    });

    it('allows one embedded SRE per team, moves forward only and freezes when closed', async () => {
      const team = 'group:default/sre';
      const first = await request(server)
        .post(`${API}/engagements`)
        .set(as(SRE))
        .send({ teamRef: team, sreRef: SRE, ...TEST_ENGAGEMENT_PLAN })
        .expect(201);
      const second = await request(server)
        .post(`${API}/engagements`)
        .set(as(SRE))
        .send({
          teamRef: team,
          sreRef: 'user:default/bob',
          ...TEST_ENGAGEMENT_PLAN,
        })
        .expect(409);
      expect(second.body.error.message).toContain(
        `already has an embedded SRE: ${SRE}`,
      );

      const url = `${API}/engagements/${first.body.id}`;
      // Phases move through the transition route; skipping ahead with the checklist open
      // needs a reason, moving back needs one too.
      const skip = await request(server)
        .post(`${url}/transition`)
        .set(as(SRE))
        .send({ version: 1, to: 'drive-change' })
        .expect(400);
      expect(skip.body.error.message).toContain('reason');
      const moved = await request(server)
        .post(`${url}/transition`)
        .set(as(SRE))
        .send({
          version: 1,
          to: 'drive-change',
          reason: 'small service, context shared in week 1',
        })
        .expect(200);
      const back = await request(server)
        .post(`${url}/transition`)
        .set(as(SRE))
        .send({
          version: moved.body.version ?? moved.body.engagement?.version,
          to: 'learn',
        })
        .expect(400);
      expect(back.body.error.message).toContain('reason');
      // The plain PATCH edits goals only; a phase there is an unknown field.
      await request(server)
        .patch(url)
        .set(as(SRE))
        .send({ version: 2, phase: 'closed' })
        .expect(400);
    });
  });

  it('returns everything the tab needs in one read', async () => {
    await request(server)
      .post(`${API}/expertise`)
      .set(as(SRE))
      .send({ entityRef: SERVICE, userRef: SRE, level: 'expert' })
      .expect(201);
    const res = await request(server)
      .get(`${API}/entities/component/default/payments-api/health`)
      .set(as(DEVELOPER))
      .expect(200);
    expect(res.body).toMatchObject({
      entityRef: SERVICE,
      ownerRef: TEAM,
      slos: [{ name: 'availability', target: 0.999, status: 'no-data' }],
      knowledgeSilo: {
        tier: 'critical',
        servingCritical: true,
        // the SRE is embedded with the team (the engagement above): not counted
        busFactor: 1,
        risk: 'high',
        embeddedSre: { userRef: SRE, level: 'expert', source: 'recorded' },
      },
    });
    expect(res.body.knowledgeSilo.operators).toEqual([
      { userRef: DEVELOPER, level: 'can-operate', source: 'annotation' },
    ]);
    expect(Array.isArray(res.body.stressors)).toBe(true);
  });

  it('keeps a readable audit trail per entity', async () => {
    const res = await request(server)
      .get(`${API}/entities/component/default/payments-api/audit`)
      .set(as(DEVELOPER))
      .expect(200);
    expect(res.body.length).toBeGreaterThan(0);
    expect(res.body[0]).toEqual(
      expect.objectContaining({
        entityRef: SERVICE,
        actor: SRE,
        action: expect.any(String),
      }),
    );
  });

  describe('SLOs', () => {
    const minute = (ago: number) =>
      new Date(
        Math.floor(Date.now() / 60_000) * 60_000 - ago * 60_000,
      ).toISOString();
    const push = (buckets: unknown[], slo = 'availability') => ({
      entityRef: SERVICE,
      slo,
      buckets,
    });

    it('ingests pushed events from SREs and service tokens, idempotently', async () => {
      const buckets = [
        { start: minute(3), good: 990, total: 1000 },
        { start: minute(2), good: 1000, total: 1000 },
      ];
      await request(server)
        .post(`${API}/slo-events`)
        .send(push(buckets))
        .expect(401);
      await request(server)
        .post(`${API}/slo-events`)
        .set(as(DEVELOPER))
        .send(push(buckets))
        .expect(403);
      await request(server)
        .post(`${API}/slo-events`)
        .set(as(SRE))
        .send(push(buckets))
        .expect(202, { accepted: 2 });
      // A retry of the same buckets from a service token does not double count.
      const retry = await request(server)
        .post(`${API}/slo-events`)
        .set({ Authorization: mockCredentials.service.header() })
        .send(push(buckets));
      expect([retry.status, retry.body.error?.message]).toEqual([
        202,
        undefined,
      ]);
      const health = await request(server)
        .get(`${API}/entities/component/default/payments-api/health`)
        .set(as(DEVELOPER))
        .expect(200);
      const availability = health.body.slos.find(
        (s: any) => s.name === 'availability',
      );
      expect(availability).toMatchObject({
        totalEvents: 2000,
        badEvents: 10,
        source: 'pushed events',
      });
      expect(availability.sli).toBeCloseTo(0.995, 10);
    });

    it.each([
      [
        'future bucket',
        [{ start: minute(-5), good: 1, total: 1 }],
        'buckets[0].start',
        400,
      ],
      [
        'good above total',
        [{ start: minute(1), good: 2, total: 1 }],
        'buckets.0.good',
        400,
      ],
      [
        'not on a minute',
        [{ start: '2026-11-25T10:00:30Z', good: 1, total: 1 }],
        'buckets.0.start',
        400,
      ],
      [
        'duplicate bucket',
        [
          { start: minute(1), good: 1, total: 1 },
          { start: minute(1), good: 1, total: 1 },
        ],
        'appears twice',
        400,
      ],
      [
        'too late (out of order)',
        [{ start: minute(600), good: 1, total: 1 }],
        'tolerance',
        400,
      ],
      ['empty', [], 'buckets', 400],
    ])(
      'refuses a %s and writes nothing',
      async (_name, buckets, field, status) => {
        await request(server)
          .post(`${API}/slo-events`)
          .set(as(SRE))
          .send(push([{ start: minute(0), good: 5, total: 5 }]))
          .expect(202);
        const before = await request(server)
          .get(`${API}/entities/component/default/payments-api/health`)
          .set(as(SRE));
        const res = await request(server)
          .post(`${API}/slo-events`)
          .set(as(SRE))
          .send(push(buckets))
          .expect(status);
        expect(res.body.error.message).toContain(field);
        const after = await request(server)
          .get(`${API}/entities/component/default/payments-api/health`)
          .set(as(SRE));
        expect(after.body.slos[0].totalEvents).toBe(
          before.body.slos[0].totalEvents,
        );
      },
    );

    it('answers 404 for an SLO the entity does not have', async () => {
      const res = await request(server)
        .post(`${API}/slo-events`)
        .set(as(SRE))
        .send(push([{ start: minute(1), good: 1, total: 1 }], 'latency'))
        .expect(404);
      expect(res.body.error.message).toContain('no SLO named latency');
    });

    const sloDocument = (overrides: Record<string, unknown> = {}) => ({
      apiVersion: 'openslo/v1',
      kind: 'SLO',
      metadata: { name: 'checkout-success' },
      spec: {
        indicator: {
          spec: {
            ratioMetric: {
              good: { metricSource: { type: 'sre-health', spec: {} } },
              total: { metricSource: { type: 'sre-health', spec: {} } },
            },
          },
        },
        timeWindow: [{ duration: '7d', isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [{ targetPercent: 99 }],
        ...overrides,
      },
    });

    it('creates SLOs from OpenSLO documents and names the bad field of an invalid one', async () => {
      await request(server)
        .post(`${API}/slo-definitions`)
        .set(as(DEVELOPER))
        .send({ entityRef: SERVICE, document: sloDocument() })
        .expect(403);
      const bad = await request(server)
        .post(`${API}/slo-definitions`)
        .set(as(SRE))
        .send({
          entityRef: SERVICE,
          document: sloDocument({ objectives: [{ target: 2 }] }),
        })
        .expect(400);
      expect(bad.body.error.message).toContain(
        'document.spec.objectives[0].target',
      );

      const created = await request(server)
        .post(`${API}/slo-definitions`)
        .set(as(SRE))
        .send({ entityRef: SERVICE, document: sloDocument() })
        .expect(201);
      expect(created.body).toMatchObject({
        name: 'checkout-success',
        version: 1,
      });
      await request(server)
        .post(`${API}/slo-events`)
        .set(as(SRE))
        .send(
          push(
            [{ start: minute(1), good: 99, total: 100 }],
            'checkout-success',
          ),
        )
        .expect(202);
      const health = await request(server)
        .get(`${API}/entities/component/default/payments-api/health`)
        .set(as(SRE))
        .expect(200);
      expect(
        health.body.slos.map((s: any) => [s.name, s.origin, s.target]),
      ).toEqual([
        ['availability', 'annotation', 0.999],
        ['checkout-success', 'api', 0.99],
      ]);
      expect(health.body.slos[1]).toMatchObject({
        totalEvents: 100,
        badEvents: 1,
        window: '1w',
      });

      // The tab sends what an SRE pasted: YAML text.
      const yaml = [
        'apiVersion: openslo/v1',
        'kind: SLO',
        'metadata: { name: refunds }',
        'spec:',
        '  indicator: { spec: { ratioMetric: { good: { metricSource: { type: sre-health, spec: {} } }, total: { metricSource: { type: sre-health, spec: {} } } } } }',
        '  timeWindow: [{ duration: 28d, isRolling: true }]',
        '  budgetingMethod: Occurrences',
        '  objectives: [{ target: 0.995 }]',
      ].join('\n');
      const fromYaml = await request(server)
        .post(`${API}/slo-definitions`)
        .set(as(SRE))
        .send({ entityRef: SERVICE, document: yaml })
        .expect(201);
      expect(fromYaml.body).toMatchObject({
        name: 'refunds',
        document: { kind: 'SLO' },
      });
      const badYaml = await request(server)
        .post(`${API}/slo-definitions`)
        .set(as(SRE))
        .send({ entityRef: SERVICE, document: 'kind: [unclosed' })
        .expect(400);
      expect(badYaml.body.error.message).toContain('document: invalid YAML');
    });

    it('keeps an SLO on a source no reader takes as defined, not computable here, never as a problem', async () => {
      const datadog = {
        metricSource: {
          type: 'Datadog',
          spec: { query: 'sum:trace.http.request.hits{*}.as_count()' },
        },
      };
      await request(server)
        .post(`${API}/slo-definitions`)
        .set(as(SRE))
        .send({
          entityRef: SERVICE,
          document: {
            ...sloDocument({
              indicator: {
                spec: { ratioMetric: { good: datadog, total: datadog } },
              },
            }),
            metadata: { name: 'checkout-datadog' },
          },
        })
        .expect(201);
      const health = await request(server)
        .get(`${API}/entities/component/default/payments-api/health`)
        .set(as(SRE))
        .expect(200);
      expect(health.body.sloNotComputable).toEqual([
        expect.objectContaining({
          name: 'checkout-datadog',
          document: 'SLO checkout-datadog',
          reason: expect.stringMatching(/^no reader for Datadog/),
        }),
      ]);
      expect(health.body.sloProblems).toEqual([]);
      expect(health.body.slos.map((s: any) => s.name)).not.toContain(
        'checkout-datadog',
      );
      expect(health.body.slos.length).toBeGreaterThan(0);
    });
  });
});
