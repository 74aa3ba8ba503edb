import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  AfterActionReportDocument,
  EngagementRecord,
  OPS_LOAD_CAP,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { Server } from 'node:http';
import request from 'supertest';
import {
  DEVELOPER,
  SERVICE,
  SRE,
  TEAM,
  catalogEntities,
} from '../__testUtils__/catalog';
import { sreHealthPlugin } from '../plugin';
import { sreGroupPermissions } from '../__testUtils__/permissions';

jest.setTimeout(120_000);

const config = { sreHealth: { sreGroups: ['group:default/sre'] } };
const API = '/api/sre-health';
const DAN = 'user:default/dan';
const LEDGER = 'component:default/ledger-service';
const OTHER_SERVICE = 'component:default/search-api';
const BOB = 'user:default/bob';
const COMMERCE = 'group:default/commerce';
const CHECKOUT = 'group:default/checkout-team';

/** The shared test catalog, plus a second payments engineer and another team's service. */
const entities: Entity[] = [
  ...catalogEntities,
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'dan', namespace: 'default' },
    spec: { memberOf: ['payments-team'] },
    relations: [{ type: 'memberOf', targetRef: TEAM }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'search-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'commerce', namespace: 'default' },
    spec: { type: 'department', children: ['checkout-team'] },
    relations: [{ type: 'parentOf', targetRef: CHECKOUT }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'checkout-team', namespace: 'default' },
    spec: { type: 'team', parent: 'commerce', children: [] },
    relations: [{ type: 'childOf', targetRef: COMMERCE }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'search-api', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'search-team' },
    relations: [{ type: 'ownedBy', targetRef: 'group:default/search-team' }],
  },
];

const ownershipOf = (userRef: string) => {
  const entity = entities.find(
    e => e.kind === 'User' && `user:default/${e.metadata.name}` === userRef,
  );
  return [userRef, ...(entity?.relations ?? []).map(r => r.targetRef)];
};

const send = jest.fn(async () => {});

async function startBackend(): Promise<Server> {
  const permissions = sreGroupPermissions(config, ownershipOf);
  const { server } = await startTestBackend({
    features: [
      sreHealthPlugin,
      catalogServiceMock.factory({ entities }),
      permissions.factory,
      mockServices.rootConfig.factory({ data: config }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send }),
      }),
    ],
  });
  return server;
}

const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});

/** The Monday `weeks` weeks from this week's (UTC), as YYYY-MM-DD. */
function monday(weeks: number): string {
  const now = new Date();
  const d = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()),
  );
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7) + 7 * weeks);
  return d.toISOString().slice(0, 10);
}

describe('engagement record routes', () => {
  let server: Server;

  beforeAll(async () => {
    server = await startBackend();
  });

  beforeEach(() => send.mockClear());

  const post = (path: string, body: object, user = SRE) =>
    request(server).post(`${API}${path}`).set(as(user)).send(body);
  const patch = (path: string, body: object, user = SRE) =>
    request(server).patch(`${API}${path}`).set(as(user)).send(body);
  const put = (path: string, body: object, user = SRE) =>
    request(server).put(`${API}${path}`).set(as(user)).send(body);
  const get = (path: string, user = DEVELOPER) =>
    request(server).get(`${API}${path}`).set(as(user));

  it('walks an engagement through every phase and reports figures that match the data', async () => {
    // The team's ops load: four weeks before the engagement, and the week it starts.
    const weeks: Array<[string, number, number]> = [
      [monday(-4), 120, 80],
      [monday(-3), 130, 70],
      [monday(-2), 110, 90],
      [monday(-1), 140, 60],
      [monday(0), 90, 110],
    ];
    for (const [weekStart, opsHours, projectHours] of weeks) {
      await post('/ops-load', {
        teamRef: TEAM,
        weekStart,
        opsHours,
        projectHours,
      }).expect(201);
    }
    const share = (rows: typeof weeks) =>
      rows.reduce((n, r) => n + r[1], 0) /
      rows.reduce((n, r) => n + r[1] + r[2], 0);
    const expectedStartShare = share(weeks.slice(0, 4));
    const expectedEndShare = share(weeks.slice(1, 5));

    // Stressors on the team's services when the SRE arrives.
    const alerts = (
      await post('/stressor-flags', {
        entityRef: SERVICE,
        stressorKey: 'undiagnosed-alerts',
        stressLevel: 5,
        evidence: 'PaymentsLatencyHigh fired 212 times in 30 days',
      }).expect(201)
    ).body;
    const silo = (
      await post('/stressor-flags', {
        entityRef: LEDGER,
        stressorKey: 'knowledge-gap',
        stressLevel: 4,
        evidence: 'only Carol can fail over the ledger',
      }).expect(201)
    ).body;

    // Starting: a signed-in SRE with the permission, a real SRE, a sorted team.
    const start = {
      teamRef: TEAM,
      sreRef: SRE,
      startDate: monday(0),
      plannedEndDate: monday(12),
      goals: 'Back under the 50% cap',
      situation: 'small-team-critical-service',
    };
    await request(server)
      .post(`${API}/engagements/start`)
      .send(start)
      .expect(401);
    await post('/engagements/start', start, DEVELOPER).expect(403);
    const badSituation = await post('/engagements/start', {
      ...start,
      situation: 'huge',
    }).expect(400);
    expect(badSituation.body.error.message).toMatch(
      /^Invalid body: situation: /,
    );
    const notSre = await post('/engagements/start', {
      ...start,
      sreRef: DEVELOPER,
    }).expect(400);
    expect(notSre.body.error.message).toContain(
      'sreRef: user:default/carol is not a member of an SRE group',
    );

    const started = await post('/engagements/start', start).expect(201);
    let record: EngagementRecord = started.body;
    const id = record.engagement.id;
    const url = `/engagements/${id}`;
    expect(record.engagement).toMatchObject({
      phase: 'learn',
      startDate: monday(0),
      plannedEndDate: monday(12),
      concurrentReason: null,
      version: 1,
    });
    expect(record.profile).toMatchObject({
      situation: 'small-team-critical-service',
      version: 1,
    });
    const startFigures = record.profile!.startFigures!;
    expect(startFigures.source).toBe('snapshot');
    expect(startFigures.services).toEqual([LEDGER, SERVICE]);
    expect(startFigures.ops.opsShare).toBeCloseTo(expectedStartShare, 10);
    expect(startFigures.ops.weeksOverCap).toBe(4);
    expect(startFigures.stressors.open).toBe(2);
    expect(startFigures.stressors.flags.map(f => f.stressorKey)).toEqual([
      'undiagnosed-alerts',
      'knowledge-gap',
    ]);
    expect(startFigures.slos).toEqual([
      expect.objectContaining({
        entityRef: SERVICE,
        name: 'availability',
        sli: null,
        status: 'no-data',
      }),
    ]);
    expect(record.checklist).toHaveLength(10);
    expect(record.kindlingProgress.label).toBe('0 of 3–4 cleared');

    const second = await post('/engagements/start', {
      ...start,
      sreRef: 'user:default/bob',
    }).expect(409);
    expect(second.body.error.message).toContain(
      `already has an embedded SRE: ${SRE}`,
    );

    // Learn: ticks need evidence and are versioned. Phases guide, they do not gate: the
    // outage of week one is the next postmortem, and the SRE leads it now.
    const noEvidence = await put(
      `${url}/checklist/shadowed-on-call`,
      {},
    ).expect(400);
    expect(noEvidence.body.error.message).toContain('evidence');
    const weekOne = (
      await post('/postmortems', {
        entityRef: SERVICE,
        title: 'Card authorisations timing out after a deploy',
        occurredAt: new Date(Date.now() - 3_600_000).toISOString(),
        actionItems: [{ text: 'Find out why the pools start cold' }],
      }).expect(201)
    ).body;
    const early = await put(`${url}/checklist/postmortem-led`, {
      evidence: 'Led the week-one outage postmortem, blameless',
      postmortemId: weekOne.id,
    }).expect(200);
    expect(early.body).toMatchObject({
      phase: 'share-context',
      tickedInPhase: 'learn',
    });
    await put(`${url}/checklist/made-up`, { evidence: 'x' }).expect(400);
    await put(
      `${url}/checklist/shadowed-on-call`,
      { evidence: 'one week' },
      DEVELOPER,
    ).expect(403);
    const tick = await put(`${url}/checklist/shadowed-on-call`, {
      evidence: 'one week',
    }).expect(200);
    expect(tick.body).toMatchObject({
      version: 1,
      phase: 'learn',
      tickedBy: SRE,
    });
    const again = await put(`${url}/checklist/shadowed-on-call`, {
      evidence: 'two weeks',
    }).expect(409);
    expect(again.body.error.message).toContain('already ticked');
    await put(`${url}/checklist/shadowed-on-call`, {
      evidence: 'two weeks: 19 pages',
      version: 1,
    }).expect(200);

    const noExample = await post(`${url}/decisions`, {
      decision: 'Alerts first',
      reason: 'most pages',
    }).expect(400);
    expect(noExample.body.error.message).toContain('example');
    await post(`${url}/decisions`, {
      decision: 'Start with PaymentsLatencyHigh',
      reason: 'It is most of the paging load',
      example: '14 of 19 pages in the shadowed week',
    }).expect(201);
    await post(`${url}/questions`, {
      question: 'What tells you this alert can wait until morning?',
      askedTo: 'user:default/carol',
      answer: 'Nothing, so we always get up.',
    }).expect(201);

    // Moving on with open items needs a reason; a stale version is a conflict.
    const noReason = await post(`${url}/transition`, {
      version: 1,
      to: 'share-context',
    }).expect(400);
    expect(noReason.body.error.message).toBe(
      'reason: 2 checklist items are not ticked (Sorted the team (reliability or readiness for growth); Identified the largest sources of stress and prioritised them); moving on to Share context needs a reason, which is kept',
    );
    await post(`${url}/transition`, {
      version: 9,
      to: 'share-context',
      reason: 'x',
    }).expect(409);
    record = (
      await post(`${url}/transition`, {
        version: 1,
        to: 'share-context',
        reason: 'The next postmortem is this week; sorting continues alongside',
      }).expect(200)
    ).body;
    expect(record.engagement).toMatchObject({
      phase: 'share-context',
      version: 2,
    });
    expect(record.transitions).toEqual([
      expect.objectContaining({
        from: 'learn',
        to: 'share-context',
        reason: 'The next postmortem is this week; sorting continues alongside',
        openItems: ['team-sorted', 'stressors-prioritised'],
        actor: SRE,
      }),
    ]);
    expect(send).toHaveBeenCalledWith({
      recipients: {
        type: 'entity',
        entityRef: [TEAM, SRE],
        excludeEntityRef: SRE,
      },
      payload: expect.objectContaining({
        title:
          'SRE engagement with payments-team: Learn the service → Share context',
        link: '/catalog/default/group/payments-team',
        topic: 'sre-health-engagement',
      }),
    });

    // Moving back needs a reason too; then the learn items get ticked after all.
    const back = await post(`${url}/transition`, {
      version: 2,
      to: 'learn',
    }).expect(400);
    expect(back.body.error.message).toBe(
      'reason: moving back from Share context to Learn the service needs a reason, which is kept',
    );
    await post(`${url}/transition`, {
      version: 2,
      to: 'learn',
      reason: 'The team asked to sort the fires together first',
    }).expect(200);
    await put(`${url}/checklist/team-sorted`, {
      evidence: 'Small team, critical service',
    }).expect(200);
    await put(`${url}/checklist/stressors-prioritised`, {
      evidence: 'Alerts 5/5, ledger silo 4/5',
    }).expect(200);
    record = (
      await post(`${url}/transition`, {
        version: 3,
        to: 'share-context',
      }).expect(200)
    ).body;
    expect(
      record.transitions.map(t => [t.from, t.to, t.openItems.length]),
    ).toEqual([
      ['learn', 'share-context', 2],
      ['share-context', 'learn', 0],
      ['learn', 'share-context', 0],
    ]);

    // Share context: the postmortem the SRE led; kindling that fixes it for good.
    const postmortem = (
      await post('/postmortems', {
        entityRef: SERVICE,
        title: 'Checkout payments failing for 38 minutes',
        occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
        actionItems: [{ text: 'Find out why the gateway client timed out' }],
      }).expect(201)
    ).body;
    const elsewhere = (
      await post('/postmortems', {
        entityRef: OTHER_SERVICE,
        title: 'Search outage',
        occurredAt: new Date(Date.now() - 86_400_000).toISOString(),
      }).expect(201)
    ).body;
    const targets = (await get(`${url}/kindling-targets`).expect(200)).body;
    expect(targets.postmortems).toEqual([
      {
        kind: 'postmortem',
        id: weekOne.id,
        label: weekOne.title,
        entityRef: SERVICE,
      },
      {
        kind: 'postmortem',
        id: postmortem.id,
        label: postmortem.title,
        entityRef: SERVICE,
      },
    ]);
    expect(targets.flags.map((f: any) => [f.id, f.label])).toEqual([
      [alerts.id, `Undiagnosed common alerts on ${SERVICE}`],
      [silo.id, `Knowledge gaps on ${LEDGER}`],
    ]);
    const kindling = (title: string, fixes: object, assigneeRef: string) => ({
      title,
      explanation: 'The postmortem showed why; this fixes it for good',
      fixes,
      assigneeRef,
    });
    const notMember = await post(
      `${url}/kindling`,
      kindling(
        'x',
        { kind: 'postmortem', id: postmortem.id },
        'user:default/bob',
      ),
    ).expect(400);
    expect(notMember.body.error.message).toBe(
      `assigneeRef: user:default/bob is not a member of ${TEAM}; kindling is work one team member can do`,
    );
    const otherTeams = await post(
      `${url}/kindling`,
      kindling('x', { kind: 'postmortem', id: elsewhere.id }, DEVELOPER),
    ).expect(400);
    expect(otherTeams.body.error.message).toBe(
      `fixes.id: the postmortem is about ${OTHER_SERVICE}, which ${TEAM} does not own`,
    );
    const missing = await post(
      `${url}/kindling`,
      kindling(
        'x',
        { kind: 'stressor-flag', id: '3b241101-e2bb-4255-8caf-4136c566a962' },
        DEVELOPER,
      ),
    ).expect(400);
    expect(missing.body.error.message).toContain(
      'fixes.id: stressor flag 3b241101',
    );

    const items = [
      (
        await post(
          `${url}/kindling`,
          kindling(
            'Warm the pools after a deploy',
            { kind: 'postmortem', id: postmortem.id },
            DEVELOPER,
          ),
        ).expect(201)
      ).body,
      (
        await post(
          `${url}/kindling`,
          kindling(
            'Diagnose PaymentsLatencyHigh',
            { kind: 'stressor-flag', id: alerts.id },
            DAN,
          ),
        ).expect(201)
      ).body,
      (
        await post(
          `${url}/kindling`,
          kindling(
            'Timeout budget for the gateway client',
            { kind: 'postmortem', id: postmortem.id },
            DAN,
          ),
        ).expect(201)
      ).body,
      (
        await post(
          `${url}/kindling`,
          kindling(
            'Ledger failover drill',
            { kind: 'stressor-flag', id: silo.id },
            DEVELOPER,
          ),
        ).expect(201)
      ).body,
    ];
    expect(items[0]).toMatchObject({
      state: 'proposed',
      reviewerRef: SRE,
      fixes: {
        kind: 'postmortem',
        label: postmortem.title,
        entityRef: SERVICE,
      },
    });
    const tooSoon = await patch(`${url}/kindling/${items[0].id}`, {
      version: 1,
      state: 'done',
    }).expect(400);
    expect(tooSoon.body.error.message).toBe(
      'state: an item is done only after review: move it to in-review first (it is proposed)',
    );
    for (const item of items.slice(0, 3)) {
      await patch(`${url}/kindling/${item.id}`, {
        version: 1,
        state: 'in-progress',
      }).expect(200);
      await patch(`${url}/kindling/${item.id}`, {
        version: 2,
        state: 'in-review',
      }).expect(200);
      const done = await patch(`${url}/kindling/${item.id}`, {
        version: 3,
        state: 'done',
      }).expect(200);
      expect(done.body).toMatchObject({
        state: 'done',
        reviewedBy: SRE,
        doneAt: expect.any(String),
      });
    }
    await patch(`${url}/kindling/${items[3].id}`, {
      version: 1,
      state: 'in-progress',
    }).expect(200);

    for (const [key, evidence] of [
      ['fires-sorted', '3 toil, 1 overhead'],
      ['fires-shared', 'Shared in the weekly with reasons'],
    ]) {
      await put(`${url}/checklist/${key}`, { evidence }).expect(200);
    }
    await post(`${url}/decisions`, {
      decision: 'Pool warm-up is toil',
      reason: 'It happens after every deploy and should never page a human',
      example: 'Card authorisations timed out after 6 of the last 8 deploys',
    }).expect(201);
    await post(`${url}/transition`, { version: 4, to: 'drive-change' }).expect(
      200,
    );

    // Drive change: an SLO with data, the flags moving, the SRE's narrative.
    const minute = Math.floor(Date.now() / 60_000) * 60_000 - 5 * 60_000;
    await post('/slo-events', {
      entityRef: SERVICE,
      slo: 'availability',
      buckets: [
        { start: new Date(minute).toISOString(), good: 9995, total: 10000 },
      ],
    }).expect(202);
    await patch(`/stressor-flags/${alerts.id}`, {
      version: alerts.version,
      status: 'resolved',
    }).expect(200);
    await post('/stressor-flags', {
      entityRef: SERVICE,
      stressorKey: 'next-big-thing',
      stressLevel: 2,
      evidence: 'Retry storms deferred to payments v2',
    }).expect(201);
    for (const [key, evidence] of [
      ['slos-written', 'availability 99.9% over 30 days'],
      ['kindling-cleared', '3 done, reviewed'],
      [
        'reasoning-explained',
        'Carol reviewed the retry design as the SRE would',
      ],
    ]) {
      await put(`${url}/checklist/${key}`, { evidence }).expect(200);
    }
    await put(`${url}/profile`, {
      version: 1,
      summary: 'Ops load came from one undiagnosed alert and cold pools.',
      principles: ['Alert on what users see'],
    }).expect(200);
    await post(`${url}/transition`, { version: 5, to: 'report' }).expect(200);
    await put(`${url}/checklist/report-written`, {
      evidence: 'Written with the team',
    }).expect(200);

    // Close: the report is generated and frozen; the team is notified.
    record = (
      await post(`${url}/transition`, { version: 6, to: 'closed' }).expect(200)
    ).body;
    const today = new Date().toISOString().slice(0, 10);
    expect(record.engagement).toMatchObject({
      phase: 'closed',
      endDate: today,
      version: 7,
    });
    expect(record.report).toMatchObject({ frozen: true });
    expect(send).toHaveBeenLastCalledWith(
      expect.objectContaining({
        payload: expect.objectContaining({
          title:
            'SRE engagement with payments-team closed: the after-action report is ready',
        }),
      }),
    );

    const doc: AfterActionReportDocument = (
      await get(`${url}/report`).expect(200)
    ).body;
    const { report } = doc;
    expect(doc.frozen).toBe(true);
    expect(report.problem.start!.ops.opsShare).toBeCloseTo(
      expectedStartShare,
      10,
    );
    expect(report.problem.end.ops.opsShare).toBeCloseTo(expectedEndShare, 10);
    expect(report.problem.end.ops.weeks.map(w => w.weekStart)).toEqual(
      weeks.slice(1).map(w => w[0]),
    );
    expect(report.problem.weeksDuring).toBe(1);
    expect(report.problem.weeksOverCapDuring).toBe(0);
    expect(report.problem.start!.stressors.open).toBe(2);
    expect(report.problem.end.stressors.flags.map(f => f.stressorKey)).toEqual([
      'knowledge-gap',
      'next-big-thing',
    ]);
    expect(report.problem.resolvedStressors.map(f => f.stressorKey)).toEqual([
      'undiagnosed-alerts',
    ]);
    expect(report.problem.newStressors.map(f => f.stressorKey)).toEqual([
      'next-big-thing',
    ]);
    const slo = report.problem.end.slos!.find(s => s.name === 'availability')!;
    expect(slo.sli).toBeCloseTo(0.9995, 10);
    expect(slo.budgetRemaining).toBeCloseTo(0.5, 6);
    const pct = (v: number) => `${Math.round(v * 100)}%`;
    expect(report.problem.statements[0]).toBe(
      `Ops work took ${pct(
        expectedStartShare,
      )} of the team's time in the 4 weeks before the engagement (above the ${pct(
        OPS_LOAD_CAP,
      )} cap) and ${pct(
        expectedEndShare,
      )} in the last 4 weeks (above the cap): −${Math.round(
        expectedStartShare * 100 - expectedEndShare * 100,
      )} points.`,
    );
    expect(report.problem.statements).toContain(
      "Open stressors on the team's 2 services: 2 at the start (largest: Undiagnosed common alerts, 5/5 on component:default/payments-api), 2 at the end: 1 resolved, 1 found during the engagement (a discovery, not a regression: naming the stressors is phase 1's work).",
    );
    expect(report.plannedEndDate).toBe(monday(12));
    expect(report.schedule).toMatch(
      new RegExp(
        `^Planned for 12 weeks, to end ${monday(
          12,
        )}; it ended ${today}, \\d+ (days|weeks) earlier than planned\\.$`,
      ),
    );
    const sharePhase = report.phases.find(p => p.phase === 'share-context')!;
    expect(
      sharePhase.checklist.find(c => c.key === 'postmortem-led'),
    ).toMatchObject({ done: true, tickedEarlyIn: 'learn' });
    expect(report.problem.statements).toContain(
      'Availability (component:default/payments-api, target 99.9%): SLI — → 99.95%; error budget left — → 50%.',
    );
    expect(report.kindling.progress.label).toBe('3 of 3–4 cleared');
    expect(report.kindling.cleared.map(k => k.title)).toEqual([
      'Warm the pools after a deploy',
      'Diagnose PaymentsLatencyHigh',
      'Timeout budget for the gateway client',
    ]);
    expect(report.remains.kindling).toEqual([
      {
        title: 'Ledger failover drill',
        state: 'in-progress',
        assigneeRef: DEVELOPER,
      },
    ]);
    expect(report.remains.checklist).toEqual([]);
    const learn = report.phases.find(p => p.phase === 'learn')!;
    expect(learn.decisions).toEqual([
      {
        decision: 'Start with PaymentsLatencyHigh',
        reason: 'It is most of the paging load',
        example: '14 of 19 pages in the shadowed week',
      },
    ]);
    expect(learn.movedOn).toEqual([
      {
        to: 'share-context',
        reason: 'The next postmortem is this week; sorting continues alongside',
        openItems: ['team-sorted', 'stressors-prioritised'],
      },
    ]);
    expect(learn.questions[0].answer).toBe('Nothing, so we always get up.');
    expect(report.principles.team).toEqual(['Alert on what users see']);
    expect(report.situationFocus).toBe('Reliability');

    // Closing twice, moving a closed engagement, or editing its record: clear conflicts.
    const twice = await post(`${url}/transition`, {
      version: 7,
      to: 'closed',
    }).expect(409);
    expect(twice.body.error.message).toBe(
      `engagement ${id}: the engagement is already closed (ended ${today}); its record and after-action report are frozen`,
    );
    await post(`${url}/transition`, {
      version: 7,
      to: 'learn',
      reason: 'one more thing',
    }).expect(409);
    const edit = await post(`${url}/decisions`, {
      decision: 'x',
      reason: 'y',
      example: 'z',
    }).expect(409);
    expect(edit.body.error.message).toContain(
      `engagement ${id} is closed (ended ${today})`,
    );
    await put(`${url}/checklist/report-written`, {
      evidence: 'x',
      version: 1,
    }).expect(409);
    await request(server)
      .patch(`${API}/engagements/${id}`)
      .set(as(SRE))
      .send({ version: 7, goals: 'rewrite history' })
      .expect(409);

    // Frozen: later changes to the live data do not change the report.
    await patch(`/stressor-flags/${silo.id}`, {
      version: silo.version,
      status: 'resolved',
    }).expect(200);
    const samples = (await get(`/ops-load?teamRef=${TEAM}`).expect(200)).body;
    const thisWeek = samples.find((x: any) => x.weekStart === monday(0));
    await patch(`/ops-load/${thisWeek.id}`, {
      version: thisWeek.version,
      opsHours: 10,
    }).expect(200);
    const reread: AfterActionReportDocument = (
      await get(`${url}/report`).expect(200)
    ).body;
    expect(reread).toEqual(doc);

    const md = await get(`${url}/report.md`).expect(200);
    expect(md.headers['content-type']).toMatch(/^text\/markdown/);
    expect(md.headers['content-disposition']).toBe(
      `attachment; filename="after-action-report-payments-team-${monday(
        0,
      )}.md"`,
    );
    expect(md.text).toBe(doc.markdown);
    expect(md.text).toContain('## Kindling cleared (3 of 3–4 cleared)');
    expect(md.text).toContain('### Stressors found during the engagement');
    expect(md.text).toContain('(ticked early, in Learn the service)');

    // The team's history stays readable, the timeline tells the story.
    const history = (
      await get(`/engagement-records?teamRef=${TEAM}`).expect(200)
    ).body;
    expect(history).toEqual([
      expect.objectContaining({
        engagement: expect.objectContaining({ id, phase: 'closed' }),
        situation: 'small-team-critical-service',
        decisions: 2,
        hasReport: true,
        kindlingProgress: expect.objectContaining({
          label: '3 of 3–4 cleared',
        }),
      }),
    ]);
    const final: EngagementRecord = (await get(`${url}/record`).expect(200))
      .body;
    expect(final.timeline[0]).toMatchObject({ kind: 'started' });
    expect(final.timeline.map(e => e.title)).toContain(
      'Ticked early, in Learn the service: Led the next postmortem, blameless',
    );
    expect(final.timeline[final.timeline.length - 1]).toMatchObject({
      kind: 'closed',
      title: 'Closed; after-action report frozen',
    });
    expect(
      final.timeline.filter(
        e => e.kind === 'kindling' && e.title.startsWith('Kindling cleared'),
      ),
    ).toHaveLength(3);
    const audit = (
      await get('/entities/group/default/payments-team/audit').expect(200)
    ).body;
    expect(
      audit.filter((e: any) => e.resourceType === 'engagement-transition'),
    ).toHaveLength(6);
    expect(
      audit.filter((e: any) => e.resourceType === 'engagement-report'),
    ).toHaveLength(1);
  });

  it('needs a signed-in user to read, and names bad input', async () => {
    await request(server)
      .get(`${API}/engagement-records?teamRef=${TEAM}`)
      .expect(401);
    const bad = await get(
      '/engagement-records?teamRef=component:default/x',
    ).expect(400);
    expect(bad.body.error.message).toContain('teamRef');
    await get('/engagements/not-a-uuid/record').expect(400);
    await get(
      '/engagements/3b241101-e2bb-4255-8caf-4136c566a962/record',
    ).expect(404);
  });

  it('refuses phase changes through the generic PATCH', async () => {
    const team = 'group:default/sre';
    const unplanned = await post('/engagements', {
      teamRef: team,
      sreRef: SRE,
    }).expect(400);
    expect(unplanned.body.error.message).toContain('plannedEndDate');
    const created = await post('/engagements', {
      teamRef: team,
      sreRef: SRE,
      plannedEndDate: monday(8),
    }).expect(201);
    const id = created.body.id;
    expect(created.body).toMatchObject({ plannedEndDate: monday(8) });
    // re-planned through the generic PATCH, never to end before it started
    const backwards = await patch(`/engagements/${id}`, {
      version: 1,
      plannedEndDate: monday(-1),
    }).expect(400);
    expect(backwards.body.error.message).toBe(
      `plannedEndDate: must be after the start date (${created.body.startDate})`,
    );
    let record: EngagementRecord = (
      await get(`/engagements/${id}/record`).expect(200)
    ).body;
    expect(record.profile).toBeNull();
    // An engagement without a profile gets one on its first write.
    await put(`/engagements/${id}/profile`, {
      version: 1,
      situation: 'other',
    }).expect(409);
    await put(`/engagements/${id}/profile`, { situation: 'other' }).expect(200);

    // Phases change only through the transition route, which keeps the reason, notifies
    // the team and freezes the report; the generic PATCH refuses a phase outright.
    const refused = await patch(`/engagements/${id}`, {
      version: 1,
      phase: 'closed',
    }).expect(400);
    expect(refused.body.error.message).toContain('phase');
    record = (await get(`/engagements/${id}/record`).expect(200)).body;
    expect(record.transitions).toEqual([]);
    expect(record.report).toBeNull();
  });

  it('previews the report of an open engagement without freezing it', async () => {
    const team = 'group:default/search-team';
    const body = {
      teamRef: team,
      sreRef: SRE,
      plannedEndDate: monday(6),
      situation: 'new-service',
    };
    // The SRE is still embedded with the SRE group (the test before): a second team at the
    // same time is an explicit override, with a reason.
    const busy = await post('/engagements/start', body).expect(409);
    expect(busy.body.error.message).toMatch(
      /^user:default\/alice is already embedded with group:default\/sre \(engagement [0-9a-f-]+, phase learn\)\. One SRE is embedded with one team at a time: a second engagement at the same time needs concurrentReason, saying why it cannot wait\.$/,
    );
    const started: EngagementRecord = (
      await post('/engagements/start', {
        ...body,
        concurrentReason: 'Search launches next week; Bob takes over then',
      }).expect(201)
    ).body;
    expect(started.engagement.concurrentReason).toBe(
      'Search launches next week; Bob takes over then',
    );
    const preview: AfterActionReportDocument = (
      await get(`/engagements/${started.engagement.id}/report`).expect(200)
    ).body;
    expect(preview.frozen).toBe(false);
    expect(preview.report.situationFocus).toBe(
      'Readiness for explosive growth',
    );
    expect(preview.report.principles.book.map(p => p.principle)).toContain(
      'Prepare for explosive growth before it happens.',
    );
    // Any phase takes entries: SLO work may start in week one.
    const later = await post(
      `/engagements/${started.engagement.id}/questions`,
      {
        question: 'Which part breaks first at ten times the traffic?',
        phase: 'drive-change',
      },
    ).expect(201);
    expect(later.body.phase).toBe('drive-change');
    const early = await put(
      `/engagements/${started.engagement.id}/checklist/slos-written`,
      { evidence: 'Availability SLO drafted with the team in week one' },
    ).expect(200);
    expect(early.body).toMatchObject({ tickedInPhase: 'learn' });
    expect(preview.report.schedule).toMatch(
      /^Planned for \d+ weeks, to end \d{4}-\d{2}-\d{2}: \d+ (days|weeks) left\.$/,
    );
    expect(
      (await get(`/engagements/${started.engagement.id}/record`).expect(200))
        .body.report,
    ).toBeNull();
  });
  it('embeds one SRE at a time across nested groups', async () => {
    const start = (teamRef: string, sreRef: string, more: object = {}) =>
      post('/engagements/start', {
        teamRef,
        sreRef,
        plannedEndDate: monday(8),
        situation: 'other',
        ...more,
      });
    const override = { concurrentReason: 'The commerce reorganisation' };
    const checkout: EngagementRecord = (await start(CHECKOUT, BOB).expect(201))
      .body;
    const below = await start(COMMERCE, SRE, override).expect(409);
    expect(below.body.error.message).toBe(
      `${CHECKOUT}, nested under ${COMMERCE}, already has an embedded SRE: ${BOB} (engagement ${checkout.engagement.id}, phase learn). Only one SRE is embedded at a time across nested groups.`,
    );
    await post(
      `/engagements/${checkout.engagement.id}/transition`,
      { version: 1, to: 'closed', reason: 'Moved up to the department' },
      BOB,
    ).expect(200);

    const commerce: EngagementRecord = (
      await start(COMMERCE, SRE, override).expect(201)
    ).body;
    const above = await start(CHECKOUT, BOB).expect(409);
    expect(above.body.error.message).toBe(
      `${CHECKOUT} is nested under ${COMMERCE}, which already has an embedded SRE: ${SRE} (engagement ${commerce.engagement.id}, phase learn). Only one SRE is embedded at a time across nested groups.`,
    );
    // the generic create is held to the same rules
    const generic = await post(
      '/engagements',
      { teamRef: CHECKOUT, sreRef: BOB, plannedEndDate: monday(8) },
      BOB,
    ).expect(409);
    expect(generic.body.error.message).toBe(above.body.error.message);
  });
});
