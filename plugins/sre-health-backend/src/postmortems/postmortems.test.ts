import type { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import { DEVELOPER, SERVICE, SRE, TEAM } from '../__testUtils__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import {
  Fixtures,
  SampleRequest,
  headersOf,
  startRouteTestBackend,
} from '../__testUtils__/routes';

jest.setTimeout(120_000);

const API = '/api/sre-health';
const DAY = 86_400_000;
const day = (offset: number) =>
  new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const daysAgo = (days: number) =>
  new Date(Date.now() - days * DAY).toISOString();

/*
 * Issue #16, points 2 and 3, through the routes on SQLite and PostgreSQL: a postmortem
 * records its contributing factors and each action item's owner, state and due date; the
 * stressor's signal is no action item aimed at the cause, across recent postmortems; and
 * the engagement's "led the next postmortem" links to the postmortem that was led.
 */
describe('postmortems (#16)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let server: Server;
    let fx: Fixtures;

    const call = (
      method: 'get' | 'post' | 'patch' | 'put',
      path: string,
      body?: unknown,
    ) =>
      request(server)
        [method](`${API}${path}`)
        .set(headersOf('sre'))
        .send(body as object);

    const postmortem = (body: Record<string, unknown>) =>
      call('post', '/postmortems', {
        entityRef: SERVICE,
        occurredAt: daysAgo(2),
        ...body,
      });

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await startRouteTestBackend(knex);
      fx = new Fixtures(async (method, sample: SampleRequest) => {
        const res = await request(server)
          [method](`${API}${sample.path}`)
          .set(headersOf('sre'))
          .query(sample.query ?? {})
          .send(sample.body as object);
        return { status: res.status, body: res.body };
      });
    });

    it("records contributing factors and each item's owner, state and due date", async () => {
      const created = await postmortem({
        title: 'Checkout payments failing for 38 minutes',
        contributingFactors: [
          'The gateway client upgrade changed a timeout default',
          'No test exercises a slow gateway',
        ],
        actionItems: [
          { text: 'Revert the gateway client upgrade', state: 'done' },
          {
            text: 'Find out why the client gives up after 2 s',
            owner: DEVELOPER,
            dueDate: day(14),
          },
          { text: 'Alert on gateway timeouts', owner: TEAM, dueDate: day(-3) },
        ],
      }).expect(201);
      expect(created.body).toMatchObject({
        contributingFactors: [
          'The gateway client upgrade changed a timeout default',
          'No test exercises a slow gateway',
        ],
        actionItems: [
          { text: 'Revert the gateway client upgrade', state: 'done' },
          {
            text: 'Find out why the client gives up after 2 s',
            owner: DEVELOPER,
            dueDate: day(14),
          },
          { text: 'Alert on gateway timeouts', owner: TEAM, dueDate: day(-3) },
        ],
      });

      const changed = await call('patch', `/postmortems/${created.body.id}`, {
        version: created.body.version,
        contributingFactors: ['No test exercises a slow gateway'],
        actionItems: [
          ...created.body.actionItems.slice(0, 2),
          { ...created.body.actionItems[2], state: 'done' },
        ],
      }).expect(200);
      const read = await call('get', `/postmortems/${created.body.id}`).expect(
        200,
      );
      expect(read.body).toEqual(changed.body);
      expect(read.body.contributingFactors).toEqual([
        'No test exercises a slow gateway',
      ]);
      expect(read.body.actionItems[2].state).toBe('done');
    });

    it('refuses an owner outside the catalog, a bad state and a due date too far ahead', async () => {
      const item = (extra: Record<string, unknown>) => ({
        title: 'Outage',
        actionItems: [
          { text: 'Investigate why' },
          { text: 'Fix it', ...extra },
        ],
      });
      const owner = await postmortem(
        item({ owner: 'user:default/nobody' }),
      ).expect(400);
      expect(owner.body.error.message).toContain(
        'actionItems[1].owner: user:default/nobody',
      );
      const service = await postmortem(item({ owner: SERVICE })).expect(400);
      expect(service.body.error.message).toContain('actionItems.1.owner');
      await postmortem(item({ state: 'abandoned' })).expect(400);
      const far = await postmortem(item({ dueDate: day(20 * 365) })).expect(
        400,
      );
      expect(far.body.error.message).toContain('actionItems.1.dueDate');
      await postmortem({
        title: 'Outage',
        contributingFactors: Array.from({ length: 21 }, (_, i) => `f${i}`),
      }).expect(400);
    });

    it('imports contributing factors and done items from Markdown', async () => {
      const markdown = [
        '# Search served stale results',
        'Date: 2026-11-10',
        '',
        '## Contributing factors',
        '- The swap only checked that the index existed',
        '',
        '## Action items',
        '- [x] Roll back to the previous index',
        '- [ ] Find out why the swap succeeded with a cold index',
      ].join('\n');
      const res = await call('post', '/postmortems/import', {
        entityRef: SERVICE,
        markdown,
      }).expect(201);
      expect(res.body).toMatchObject({
        contributingFactors: ['The swap only checked that the index existed'],
        actionItems: [
          { text: 'Roll back to the previous index', state: 'done' },
          { text: 'Find out why the swap succeeded with a cold index' },
        ],
      });
      expect(res.body.actionItems[1].state).toBeUndefined();
    });

    it('detects revert + restart as no action item aimed at the cause, and names no postmortem', async () => {
      const service = 'component:default/ledger-service';
      await postmortem({
        entityRef: service,
        title: 'Ledger batch stalled for 2 hours',
        actionItems: [
          { text: 'Revert the batch size to 500' },
          { text: 'Restart the ledger pods' },
        ],
      }).expect(201);
      const res = await call(
        'post',
        '/entities/component/default/ledger-service/detect',
      ).expect(200);
      const flag = res.body.flags.find(
        (f: any) => f.stressorKey === 'rollback-only-postmortems',
      );
      expect(flag).toMatchObject({
        source: 'detected',
        facts: { withoutCauseItem: 1, recentPostmortems: 1 },
      });
      expect(flag.evidence).toContain(
        '1 of the 1 recent postmortem has no action item aimed at the cause',
      );
      expect(flag.evidence).not.toContain('Ledger batch stalled');
    });

    it('links "led the next postmortem" to the postmortem that was led', async () => {
      const led = (
        await postmortem({
          title: 'Card authorisations time out after deploys',
          actionItems: [
            { text: 'Find out why the pools start cold after a deploy' },
          ],
        }).expect(201)
      ).body;
      const engagement = await fx.teamEngagement();
      const tick = `/engagements/${engagement.id}/checklist`;
      const evidence = 'Led it blameless: why did the deploy look healthy?';

      const missing = await call('put', `${tick}/postmortem-led`, {
        evidence,
      }).expect(400);
      expect(missing.body.error.message).toContain('postmortemId');
      const unknown = await call('put', `${tick}/postmortem-led`, {
        evidence,
        postmortemId: '00000000-0000-4000-8000-000000000000',
      }).expect(400);
      expect(unknown.body.error.message).toContain(
        'postmortemId: postmortem 00000000-0000-4000-8000-000000000000 does not exist',
      );
      const other = await call('put', `${tick}/shadowed-on-call`, {
        evidence: 'a week of shifts',
        postmortemId: led.id,
      }).expect(400);
      expect(other.body.error.message).toContain(
        'postmortemId: only postmortem-led links a postmortem',
      );
      // another team's engagement cannot claim the payments postmortem
      const elsewhere = await fx.engagement();
      const notOwned = await call(
        'put',
        `/engagements/${elsewhere.id}/checklist/postmortem-led`,
        { evidence, postmortemId: led.id },
      ).expect(400);
      expect(notOwned.body.error.message).toContain('does not own');

      const ticked = await call('put', `${tick}/postmortem-led`, {
        evidence,
        postmortemId: led.id,
      }).expect(200);
      const link = { id: led.id, title: led.title, entityRef: SERVICE };
      expect(ticked.body.postmortem).toEqual(link);

      // editing the evidence keeps the link
      await call('put', `${tick}/postmortem-led`, {
        version: ticked.body.version,
        evidence: `${evidence} Three items aimed at the cause came out of it.`,
      }).expect(200);
      const record = await call(
        'get',
        `/engagements/${engagement.id}/record`,
      ).expect(200);
      const item = record.body.checklist.find(
        (i: any) => i.key === 'postmortem-led',
      );
      expect(item.tick).toMatchObject({ postmortem: link, tickedBy: SRE });
      const shadowed = record.body.checklist.find(
        (i: any) => i.key === 'shadowed-on-call',
      );
      expect(shadowed.tick?.postmortem ?? null).toBeNull();
    });
  });
});
