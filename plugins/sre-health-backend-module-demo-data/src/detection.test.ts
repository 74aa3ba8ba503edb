import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Server } from 'node:http';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import type { Knex } from 'knex';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import sreHealthPlugin from '@sre-health/backstage-plugin-sre-health-backend';
import {
  computeVerdict,
  type EntityHealth,
  type StressorFlag,
} from '@sre-health/backstage-plugin-sre-health-common';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { createTestDatabases } from './__testUtils__/databases';
import { sreHealthModuleDemoData } from './module';

jest.setTimeout(120_000);

const API = '/api/sre-health';

/**
 * The demo organisation as the catalog serves it: examples/org.yaml and entities.yaml,
 * with the ownership and membership relations the catalog would compute.
 */
function demoCatalog(): Entity[] {
  const entities = ['org.yaml', 'entities.yaml'].flatMap(file =>
    parseAllDocuments(
      readFileSync(join(__dirname, '../../../examples', file), 'utf8'),
    )
      .map(d => d.toJSON() as Entity)
      .filter(e => e?.kind),
  );
  const ref = (kind: string, name: string) => `${kind}:default/${name}`;
  return entities.map(e => {
    const spec = (e.spec ?? {}) as { owner?: string; memberOf?: string[] };
    const relations = [];
    if (spec.owner) {
      relations.push({ type: 'ownedBy', targetRef: ref('group', spec.owner) });
    }
    if (e.kind === 'Group') {
      for (const user of entities) {
        const memberOf = (user.spec as { memberOf?: string[] })?.memberOf;
        if (user.kind === 'User' && memberOf?.includes(e.metadata.name)) {
          relations.push({
            type: 'hasMember',
            targetRef: ref('user', user.metadata.name),
          });
        }
      }
    }
    return {
      ...e,
      metadata: { namespace: 'default', ...e.metadata },
      relations,
    };
  });
}

describe('the demo organisation, as the detectors and the tab read it', () => {
  const databases = createTestDatabases();

  describe.each(databases.eachSupportedId())('on %p', databaseId => {
    let knex: Knex;
    let server: Server;

    /** The plugin with the demo module; the seed runs once per database. */
    const start = async (sreHealth: object = {}) =>
      (
        await startTestBackend({
          features: [
            sreHealthPlugin,
            sreHealthModuleDemoData,
            catalogServiceMock.factory({ entities: demoCatalog() }),
            mockServices.database.factory({ knex }),
            mockServices.rootConfig.factory({
              data: {
                sreHealth: {
                  demoData: true,
                  sreGroups: ['group:default/sre'],
                  ...sreHealth,
                },
              },
            }),
            mockServices.scheduler.factory({ skipTaskRunOnStartup: true }),
          ],
        })
      ).server;

    beforeAll(async () => {
      knex = await databases.init(databaseId);
      server = await start();
    });

    const detect = async (name: string) =>
      (
        await request(server)
          .post(`${API}/entities/component/default/${name}/detect`)
          .set('Authorization', mockCredentials.user.header())
          .expect(200)
      ).body as { flags: StressorFlag[] };
    const health = async (name: string, from = server) =>
      (
        await request(from)
          .get(`${API}/entities/component/default/${name}/health`)
          .set('Authorization', mockCredentials.user.header())
          .expect(200)
      ).body as EntityHealth;

    it('payments-api: its team carries the pager, so the developers do not "own it"', async () => {
      const { flags } = await detect('payments-api');
      const open = flags.filter(f => f.status !== 'resolved');
      expect(open.map(f => f.stressorKey)).not.toContain('devs-own-it');
    });

    it('ledger-service: Alice shadowed its on-call, but the embedded SRE is not counted', async () => {
      const { flags } = await detect('ledger-service');
      const gap = flags.find(f => f.stressorKey === 'knowledge-gap')!;
      // Alice's own flag, now confirmed by the detector
      expect(gap).toMatchObject({ source: 'both', status: 'open' });
      expect(gap.facts).toMatchObject({ busFactor: 1 });
      expect(gap.facts?.detectorEvidence).toBe(
        'Serving-critical, and only user:default/carol can operate it (bus factor 1). The embedded SRE user:default/alice is not counted: they leave when the engagement ends.',
      );
      const silo = (await health('ledger-service')).knowledgeSilo;
      expect(silo.busFactor).toBe(1);
      expect(silo.embeddedSre).toMatchObject({
        userRef: 'user:default/alice',
      });
      expect(silo.onCall?.map(o => o.userRef).sort()).toEqual([
        'user:default/alice',
        'user:default/carol',
      ]);
    });

    it('ledger-service: one compound risk, Carol holds its knowledge and its pager', async () => {
      await detect('ledger-service');
      const verdict = computeVerdict(await health('ledger-service'));
      // the detection run stored the tab's compound risks for the scorecard, word for word
      const stored = await knex('compound_risks')
        .where({ entity_ref: 'component:default/ledger-service' })
        .orderBy('risk_key');
      expect(stored.map(r => [r.risk_key, r.summary])).toEqual(
        verdict.compoundRisks.map(r => [r.key, r.summary]),
      );
      expect(verdict.compoundRisks.map(r => r.key)).toEqual(['pager-silo']);
      expect(verdict.compoundRisks[0].evidence).toEqual(
        expect.arrayContaining([
          'carol is the only one who can operate it or holds its code',
          expect.stringMatching(/^carol held \d+ of its \d+ on-call shifts$/),
        ]),
      );
      expect(verdict.actions.map(a => a.key)).toContain('compound:pager-silo');
    });

    it('overload is sustained: Payments is overloaded, Identity had one bad week', async () => {
      const payments = (await health('payments-api')).opsLoad!;
      expect(payments).toMatchObject({ windowWeeks: 4, overloaded: true });
      expect(payments.window).toHaveLength(4);
      expect(payments.windowOpsShare).toBeGreaterThan(0.6);

      const identity = (await health('auth-service')).opsLoad!;
      expect(identity.latestOpsShare).toBeCloseTo(0.55);
      expect(identity.windowOpsShare).toBeCloseTo(0.5);
      expect(identity.overloaded).toBe(false);
    });

    it('judges overload over the configured window (sreHealth.detection.overloadWeeks)', async () => {
      const weekly = await start({ detection: { overloadWeeks: 1 } });
      const identity = (await health('auth-service', weekly)).opsLoad!;
      expect(identity).toMatchObject({ windowWeeks: 1, overloaded: true });
      expect(identity.window).toHaveLength(1);
    });
  });
});
