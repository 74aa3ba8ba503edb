import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EventEmitter } from 'node:events';
import request from 'supertest';
import type { Knex } from 'knex';
import type { Server } from 'node:http';
import { sreHealthPlugin } from '../plugin';
import { SRE, catalogEntities } from '../__testUtils__/catalog';
import { sreGroupPermissions } from '../__testUtils__/permissions';
import { STATEMENTS_HEADER, statementCounter } from './statementCount';

jest.setTimeout(60_000);

describe('statementCounter', () => {
  it('is off unless SRE_HEALTH_COUNT_STATEMENTS=1', () => {
    const db = new EventEmitter();
    expect(statementCounter(db as unknown as Knex, {})).toBeUndefined();
    expect(db.listenerCount('query')).toBe(0);
  });

  it("counts the statements issued since a read's start", () => {
    const db = new EventEmitter();
    const start = statementCounter(db as unknown as Knex, {
      SRE_HEALTH_COUNT_STATEMENTS: '1',
    })!;
    db.emit('query');
    const read = start();
    db.emit('query');
    db.emit('query');
    expect(read()).toBe(2);
  });
});

const config = { sreHealth: { sreGroups: ['group:default/sre'] } };
const HEALTH = '/api/sre-health/entities/component/default/payments-api/health';

/**
 * What bench/load prints: the statements one tab read issues on SRE Health's database.
 * A cold read of the test service (an SLO of pushed events, no repository) is five:
 * the revisions, the records (TabRecordsReader), the SLO definitions, the SLO's events
 * and the on-call shifts. A cached read is the revisions only.
 */
describe('statements per tab read', () => {
  let server: Server;
  const statementsOf = async (headers: Record<string, string>) => {
    let least = Infinity;
    // the least of three: a scheduled task of the test backend may run during one
    for (let i = 0; i < 3; i++) {
      const res = await request(server)
        .get(HEALTH)
        .set({ Authorization: mockCredentials.user.header(SRE), ...headers })
        .expect(200);
      least = Math.min(
        least,
        Number(res.headers[STATEMENTS_HEADER.toLowerCase()]),
      );
    }
    return least;
  };

  beforeAll(async () => {
    process.env.SRE_HEALTH_COUNT_STATEMENTS = '1';
    try {
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
    } finally {
      delete process.env.SRE_HEALTH_COUNT_STATEMENTS;
    }
  });

  it('is five cold and one cached', async () => {
    expect(await statementsOf({ 'Cache-Control': 'no-cache' })).toBe(5);
    expect(await statementsOf({})).toBe(1);
  });
});
