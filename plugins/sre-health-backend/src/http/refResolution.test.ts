import type { Knex } from 'knex';
import type { Server } from 'node:http';
import request from 'supertest';
import { SERVICE, TEAM } from '../__testUtils__/catalog';
import { createTestDatabases } from '../__testUtils__/databases';
import { TEST_ENGAGEMENT_PLAN } from '../__testUtils__/engagementPlan';
import {
  Fixtures,
  GENERIC_RESOURCES,
  SampleRequest,
  headersOf,
  rowCounts,
  startRouteTestBackend,
  uniqueWord,
} from '../__testUtils__/routes';

jest.setTimeout(120_000);

const API = '/api/sre-health';

/**
 * Refs that name no person or team of the catalog (issue #15, item 4): before the fix an
 * alert diagnosis took each of them as its owner, and an on-call shift the user ones.
 */
const NOT_A_PERSON_OR_TEAM = [
  'user:default/nobody',
  'group:default/no-such-team',
  'user:default/frank/x',
  'component:default/../../etc/passwd',
  // in the catalog, but no one to answer for an alert
  'component:default/payments-api',
  // another namespace
  'user:elsewhere/alice',
];

const NOT_A_USER = [
  'user:default/nobody',
  'user:default/frank/x',
  'user:default/../../etc/passwd',
  'user:elsewhere/alice',
];

describe('every ref field resolves in the catalog, with its kind (400 naming the field)', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let server: Server;
    let fx: Fixtures;

    const send = (
      method: 'post' | 'patch',
      path: string,
      body: unknown,
      caller: 'sre' | 'service' = 'sre',
    ) =>
      request(server)
        [method](`${API}${path}`)
        .set(headersOf(caller))
        .send(body as object);

    /** Row counts of every table: a refused write changes none. */
    const counts = () => rowCounts(knex);

    const expect400 = async (
      res: request.Response,
      field: string,
      ref: string,
    ) => {
      expect({
        status: res.status,
        message: res.body.error?.message,
      }).toEqual({
        status: 400,
        message: expect.stringContaining(field),
      });
      // the 400 names the field, and (when it parsed) the ref
      if (!res.body.error.message.includes('Invalid body')) {
        expect(res.body.error.message).toContain(`${field}: ${ref}`);
      }
    };

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

    afterAll(async () => {
      await knex.destroy();
    });

    describe('alert-diagnosis ownerRef: a User or Group of the catalog', () => {
      it.each(NOT_A_PERSON_OR_TEAM)('POST refuses %s', async ownerRef => {
        const before = await counts();
        const res = await send('post', '/alert-diagnoses', {
          entityRef: SERVICE,
          alertName: `Latency-${uniqueWord()}`,
          ownerRef,
        });
        await expect400(res, 'ownerRef', ownerRef);
        expect(await counts()).toEqual(before);
      });

      it.each(NOT_A_PERSON_OR_TEAM)('PATCH refuses %s', async ownerRef => {
        const created = await send('post', '/alert-diagnoses', {
          entityRef: SERVICE,
          alertName: `Latency-${uniqueWord()}`,
          ownerRef: 'user:default/carol',
        }).expect(201);
        const res = await send('patch', `/alert-diagnoses/${created.body.id}`, {
          version: created.body.version,
          ownerRef,
        });
        await expect400(res, 'ownerRef', ownerRef);
        const stored = await request(server)
          .get(`${API}/alert-diagnoses/${created.body.id}`)
          .set(headersOf('sre'))
          .expect(200);
        expect(stored.body).toMatchObject({
          version: created.body.version,
          ownerRef: 'user:default/carol',
        });
      });

      it('takes a person, a team, no owner, and a ref in any case', async () => {
        for (const ownerRef of [
          'user:default/carol',
          TEAM,
          '',
          'Group:Default/SRE',
        ]) {
          await send('post', '/alert-diagnoses', {
            entityRef: SERVICE,
            alertName: `Latency-${uniqueWord()}`,
            ownerRef,
          }).expect(201);
        }
        const created = await send('post', '/alert-diagnoses', {
          entityRef: SERVICE,
          alertName: `Latency-${uniqueWord()}`,
        }).expect(201);
        const updated = await send(
          'patch',
          `/alert-diagnoses/${created.body.id}`,
          { version: created.body.version, ownerRef: TEAM },
        ).expect(200);
        expect(updated.body.ownerRef).toBe(TEAM);
      });
    });

    describe('on-call shift userRef: an existing User', () => {
      const shift = (userRef: string, daysAgo: number) => {
        const start = new Date(Date.now() - daysAgo * 86_400_000);
        start.setUTCHours(9, 0, 0, 0);
        return {
          userRef,
          startsAt: start.toISOString(),
          endsAt: new Date(start.getTime() + 86_400_000).toISOString(),
        };
      };

      it.each(NOT_A_USER)(
        'refuses %s from a user and from a service, naming the shift',
        async userRef => {
          const before = await counts();
          for (const caller of ['sre', 'service'] as const) {
            const res = await send(
              'post',
              '/oncall-shifts',
              {
                entityRef: SERVICE,
                shifts: [shift('user:default/carol', 3), shift(userRef, 2)],
              },
              caller,
            );
            await expect400(res, 'shifts[1].userRef', userRef);
          }
          expect(await counts()).toEqual(before);
        },
      );

      it('takes shifts of catalog users', async () => {
        const res = await send('post', '/oncall-shifts', {
          entityRef: SERVICE,
          shifts: [
            shift('user:default/carol', 5),
            shift('User:default/Bob', 4),
          ],
        }).expect(202);
        expect(res.body).toEqual({ accepted: 2 });
      });
    });

    describe('people of records and engagements', () => {
      it('expertise userRef: an existing User', async () => {
        const before = await counts();
        for (const userRef of NOT_A_USER) {
          const res = await send('post', '/expertise', {
            entityRef: SERVICE,
            userRef,
            level: 'learning',
          });
          await expect400(res, 'userRef', userRef);
        }
        expect(await counts()).toEqual(before);
      });

      it('engagement sreRef: an existing User (both ways of starting one)', async () => {
        const before = await counts();
        for (const sreRef of NOT_A_USER) {
          await expect400(
            await send('post', '/engagements', {
              teamRef: fx.freshTeam(),
              sreRef,
              ...TEST_ENGAGEMENT_PLAN,
            }),
            'sreRef',
            sreRef,
          );
          await expect400(
            await send('post', '/engagements/start', {
              teamRef: fx.freshTeam(),
              sreRef,
              situation: 'other',
              ...TEST_ENGAGEMENT_PLAN,
            }),
            'sreRef',
            sreRef,
          );
        }
        expect(await counts()).toEqual(before);
      });

      it('kindling assigneeRef and reviewerRef, question askedTo', async () => {
        const engagement = await fx.teamEngagement();
        const flag = await fx.create(GENERIC_RESOURCES[0]);
        const kindling = {
          title: 'Own the pager together',
          explanation: 'one person carries it',
          fixes: { kind: 'stressor-flag', id: flag.id },
          assigneeRef: 'user:default/carol',
        };
        const base = `/engagements/${engagement.id}`;
        const before = await counts();
        for (const ref of NOT_A_USER) {
          await expect400(
            await send('post', `${base}/kindling`, {
              ...kindling,
              assigneeRef: ref,
            }),
            'assigneeRef',
            ref,
          );
          await expect400(
            await send('post', `${base}/kindling`, {
              ...kindling,
              reviewerRef: ref,
            }),
            'reviewerRef',
            ref,
          );
        }
        for (const ref of NOT_A_PERSON_OR_TEAM) {
          await expect400(
            await send('post', `${base}/questions`, {
              question: 'Who gets paged at night?',
              askedTo: ref,
            }),
            'askedTo',
            ref,
          );
        }
        expect(await counts()).toEqual(before);

        const item = await send('post', `${base}/kindling`, kindling).expect(
          201,
        );
        for (const ref of NOT_A_USER) {
          await expect400(
            await send('patch', `${base}/kindling/${item.body.id}`, {
              version: item.body.version,
              reviewerRef: ref,
            }),
            'reviewerRef',
            ref,
          );
        }
        // askedTo stays free text; what is written as a ref must resolve
        for (const askedTo of ['the on-call', TEAM, 'user:default/carol']) {
          await send('post', `${base}/questions`, {
            question: 'Who gets paged at night?',
            askedTo,
          }).expect(201);
        }
      });
    });
  });
});
