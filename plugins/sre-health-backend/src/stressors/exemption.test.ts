import { mockCredentials } from '@backstage/backend-test-utils';
import type { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import {
  DETECTOR_AUTHOR,
  formatScorecardCell,
} from '@sre-health/backstage-plugin-sre-health-common';
import { DEVELOPER, SERVICE, SRE, TEAM } from '../__testUtils__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import { TEST_ENGAGEMENT_PLAN } from '../__testUtils__/engagementPlan';
import { rowCounts, startRouteTestBackend } from '../__testUtils__/routes';

jest.setTimeout(120_000);

const API = '/api/sre-health';
const DAY = 86_400_000;
const day = (offset: number) =>
  new Date(Date.now() + offset * DAY).toISOString().slice(0, 10);
const as = (user: string) => ({
  Authorization: mockCredentials.user.header(user),
});

/*
 * An exemption's life through the API, on SQLite and PostgreSQL: an SRE exempts a detected
 * flag until a date with a reason; the tab and the scorecard show it exempt and count it
 * for nothing; detection leaves it alone while it lasts; once the date has passed, the next
 * detection run re-opens it (the stressor is still there); every step is in the flag's
 * audit history and the expiry in the team's engagement timeline. Refusals (400, 403, 409)
 * write nothing.
 */
describe('exemptions that expire', () => {
  const databases = createTestDatabases();

  it.each(databases.eachSupportedId())(
    'exempt → shown → expires → re-opened by detection → audited, on %p',
    async databaseId => {
      const knex: Knex = await databases.init(databaseId);
      const server: Server = await startRouteTestBackend(knex);
      const api = request(server);

      // an engagement under way with the owning team: its timeline gets the expiry
      const engagement = await api
        .post(`${API}/engagements`)
        .set(as(SRE))
        .send({
          teamRef: TEAM,
          sreRef: SRE,
          goals: 'cap',
          ...TEST_ENGAGEMENT_PLAN,
        })
        .expect(201);
      const engagementId = engagement.body.engagement?.id ?? engagement.body.id;

      const detect = () =>
        api
          .post(`${API}/entities/component/default/payments-api/detect`)
          .set(as(SRE))
          .expect(200);
      const first = await detect();
      // payments-api: serving-critical, only carol (a developer) can operate it
      const gap = first.body.flags.find(
        (f: any) => f.stressorKey === 'knowledge-gap',
      );
      expect(gap).toMatchObject({ status: 'open', source: 'detected' });
      const exemption = {
        version: gap.version,
        status: 'exempt',
        exemptUntil: day(30),
        exemptReason: 'Dan shadows Carol on call through January',
      };
      const patch = (body: object, user = SRE) =>
        api.patch(`${API}/stressor-flags/${gap.id}`).set(as(user)).send(body);

      // refusals write nothing
      const before = await rowCounts(knex);
      const refused = await patch(exemption, DEVELOPER).expect(403);
      expect(refused.body.error.message).toContain(
        'sre-health.stressor-flag.dismiss',
      );
      const bad: Array<[object, string]> = [
        [{ ...exemption, exemptUntil: undefined }, 'exemptUntil'],
        [{ ...exemption, exemptReason: undefined }, 'exemptReason'],
        [{ ...exemption, exemptReason: '   ' }, 'exemptReason'],
        [{ ...exemption, exemptUntil: day(-1) }, 'exemptUntil'],
        [{ ...exemption, exemptUntil: day(400) }, 'exemptUntil'],
        [{ ...exemption, exemptUntil: '15/01/2027' }, 'exemptUntil'],
        [{ version: gap.version, exemptUntil: day(30) }, 'exemptUntil'],
      ];
      for (const [body, field] of bad) {
        const res = await patch(body).expect(400);
        expect(res.body.error.message).toContain(field);
      }
      await patch({ ...exemption, version: gap.version + 1 }).expect(409);
      expect(await rowCounts(knex)).toEqual(before);

      // exempt
      const exempt = await patch(exemption).expect(200);
      expect(exempt.body).toMatchObject({
        status: 'exempt',
        exemptUntil: day(30),
        exemptReason: exemption.exemptReason,
        exemptBy: SRE,
      });
      // a stale version of the exempt flag loses
      await patch({ version: gap.version, status: 'open' }).expect(409);

      // shown: the tab's flags, and the scorecard cell (the catalog copy the sync makes)
      const tab = await api
        .get(`${API}/entities/component/default/payments-api/health`)
        .set(as(DEVELOPER))
        .expect(200);
      expect(JSON.stringify(tab.body)).toContain('"status":"exempt"');
      await knex('scorecard_entities').insert({
        entity_ref: SERVICE,
        name: 'payments-api',
        title: null,
        owner_ref: TEAM,
        system_ref: null,
        lifecycle: 'production',
        tier: 'critical',
        slo_status: null,
        slo_budget_remaining: null,
        slo_count: 0,
        truck_factor: null,
        synced_at: new Date(),
      });
      const page = await api
        .get(`${API}/scorecard`)
        .set(as(DEVELOPER))
        .expect(200);
      const row = page.body.rows.find((r: any) => r.entityRef === SERVICE);
      const cell = { status: 'exempt', level: 0, until: day(30) };
      expect(row.stressors['knowledge-gap']).toEqual(cell);
      const stillOpen = first.body.flags.filter(
        (f: any) => f.id !== gap.id && f.status === 'open',
      );
      expect(row.openStressors).toBe(stillOpen.length);
      const json = await api
        .get(`${API}/scorecard/export`)
        .query({ format: 'json' })
        .set(as(DEVELOPER))
        .expect(200);
      const exported = JSON.parse(json.text);
      const rows = Array.isArray(exported) ? exported : exported.rows;
      expect(
        rows.find((r: any) => r.entityRef === SERVICE).stressors[
          'knowledge-gap'
        ],
      ).toEqual(cell);
      const csv = await api
        .get(`${API}/scorecard/export`)
        .query({ format: 'csv' })
        .set(as(DEVELOPER))
        .expect(200);
      expect(csv.text).toContain(`,${formatScorecardCell(cell as any)},`);
      expect(formatScorecardCell(cell as any)).toBe(`exempt until ${day(30)}`);

      // while it lasts, detection leaves it exempt
      const during = await detect();
      expect(during.body.flags.find((f: any) => f.id === gap.id)).toMatchObject(
        { status: 'exempt' },
      );

      // the date passes (what time does), then the next run re-opens it: still detected
      await knex('stressor_flags')
        .where({ id: gap.id })
        .update({ exempt_until: day(-1) });
      const after = await detect();
      expect(after.body.reopened).toBe(1);
      const reopened = after.body.flags.find((f: any) => f.id === gap.id);
      expect(reopened).toMatchObject({
        status: 'open',
        exemptUntil: null,
        exemptReason: null,
        exemptBy: null,
      });

      // audited: who exempted and why, and the detector's re-opening
      const history = await api
        .get(`${API}/stressor-flags/${gap.id}/history`)
        .set(as(DEVELOPER))
        .expect(200);
      const steps = history.body.map((e: any) => [
        e.action,
        e.actor,
        e.before?.status ?? null,
        e.after?.status ?? null,
      ]);
      expect(steps).toEqual(
        expect.arrayContaining([
          ['update', DETECTOR_AUTHOR, 'exempt', 'open'],
          ['update', SRE, 'open', 'exempt'],
          ['create', DETECTOR_AUTHOR, null, 'open'],
        ]),
      );
      const granted = history.body.find(
        (e: any) => e.actor === SRE && e.after?.status === 'exempt',
      );
      expect(granted.after).toMatchObject({
        exemptReason: exemption.exemptReason,
        exemptBy: SRE,
      });

      // the team's engagement timeline tells of the expiry
      const record = await api
        .get(`${API}/engagements/${engagementId}/record`)
        .set(as(DEVELOPER))
        .expect(200);
      const expiry = record.body.timeline.find(
        (e: any) => e.kind === 'exemption',
      );
      expect(expiry).toMatchObject({
        title: 'Exemption expired: Knowledge gaps on payments-api',
        actor: DETECTOR_AUTHOR,
      });
      expect(expiry.detail).toContain(exemption.exemptReason);
      expect(expiry.detail).toContain('Re-opened by detection');

      // an exemption can end early, by an SRE only
      const again = await patch({
        ...exemption,
        version: reopened.version,
      }).expect(200);
      await patch(
        { version: again.body.version, status: 'open' },
        DEVELOPER,
      ).expect(403);
      await patch(
        { version: again.body.version, exemptUntil: day(10) },
        DEVELOPER,
      ).expect(403);
      const ended = await patch({
        version: again.body.version,
        status: 'open',
      }).expect(200);
      expect(ended.body).toMatchObject({
        status: 'open',
        exemptUntil: null,
        exemptReason: null,
      });
      // ended early is not an expiry
      const later = await api
        .get(`${API}/engagements/${engagementId}/record`)
        .set(as(DEVELOPER))
        .expect(200);
      expect(
        later.body.timeline.filter((e: any) => e.kind === 'exemption'),
      ).toHaveLength(1);

      // only a flag that stresses the team can be exempted
      const resolved = await patch({
        version: ended.body.version,
        status: 'resolved',
      }).expect(200);
      const conflict = await patch({
        ...exemption,
        version: resolved.body.version,
      }).expect(409);
      expect(conflict.body.error.message).toContain(
        'only an open or mitigating flag',
      );

      // the database keeps the rule too: an exempt flag has an end date and a reason
      const broken = await knex('stressor_flags')
        .where({ id: gap.id })
        .update({ status: 'exempt', exempt_until: null })
        .then(
          () => 'stored',
          (e: unknown) => String((e as Error)?.message ?? e),
        );
      expect(broken).toMatch(/check|constraint/i);
      await knex.destroy();
    },
  );
});
