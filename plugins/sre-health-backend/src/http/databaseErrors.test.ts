import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import knexFactory, { Knex } from 'knex';
import request from 'supertest';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { ConflictError, InputError } from '@backstage/errors';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { sreHealthPlugin } from '../plugin';
import { createTestDatabases } from '../__testUtils__/databases';
import { SERVICE, SRE, catalogEntities } from '../__testUtils__/catalog';
import { databaseUnavailableReason } from './databaseErrors';

jest.setTimeout(60_000);

const databases = createTestDatabases();
const withPostgres = databases.supports('POSTGRES_15')
  ? describe
  : describe.skip;

/** A port nothing listens on (bound, read, released). */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise(r => server.close(r));
  return port;
}

async function caught(work: () => Promise<unknown>): Promise<unknown> {
  try {
    await work();
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail');
}

describe('databaseUnavailableReason', () => {
  it('recognises the pg driver failing to connect to a closed port', async () => {
    const db = knexFactory({
      client: 'pg',
      connection: { host: '127.0.0.1', port: await closedPort(), user: 'x' },
    });
    try {
      const error = await caught(() => db.raw('select 1'));
      expect(databaseUnavailableReason(error)).toBe('ECONNREFUSED');
    } finally {
      await db.destroy();
    }
  });

  it('recognises knex giving up waiting for a pooled connection', async () => {
    const db = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
      pool: { min: 0, max: 1 },
      acquireConnectionTimeout: 200,
    });
    try {
      const trx = await db.transaction(); // holds the only connection
      const error = await caught(() => db.raw('select 1'));
      await trx.rollback();
      expect((error as Error).name).toBe('KnexTimeoutError');
      expect(databaseUnavailableReason(error)).toBe('KnexTimeoutError');
    } finally {
      await db.destroy();
    }
  });

  it('finds the reason inside a wrapping error', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED'), {
      code: 'ECONNREFUSED',
    });
    expect(
      databaseUnavailableReason(new Error('write failed', { cause: refused })),
    ).toBe('ECONNREFUSED');
    expect(
      databaseUnavailableReason(new AggregateError([new Error('x'), refused])),
    ).toBe('ECONNREFUSED');
  });

  it('leaves request and data errors alone', async () => {
    expect(
      databaseUnavailableReason(new InputError('title: required')),
    ).toBeUndefined();
    expect(
      databaseUnavailableReason(new ConflictError('stale version')),
    ).toBeUndefined();
    expect(databaseUnavailableReason(new Error('boom'))).toBeUndefined();
    expect(databaseUnavailableReason(undefined)).toBeUndefined();
    const db = knexFactory({
      client: 'better-sqlite3',
      connection: { filename: ':memory:' },
      useNullAsDefault: true,
    });
    try {
      await db.schema.createTable('t', t => t.integer('id').primary());
      await db('t').insert({ id: 1 });
      const duplicate = await caught(() => db('t').insert({ id: 1 }));
      expect(databaseUnavailableReason(duplicate)).toBeUndefined();
    } finally {
      await db.destroy();
    }
  });

  withPostgres('on PostgreSQL', () => {
    it('recognises a connection the server terminated (57P01)', async () => {
      const db = await databases.init('POSTGRES_15');
      const victim = knexFactory({
        client: 'pg',
        connection: db.client.config.connection,
        pool: { min: 0, max: 1 },
      });
      try {
        // one pooled connection: the sleep runs on the backend whose pid we read
        const { rows } = await victim.raw('select pg_backend_pid() as pid');
        const waiting = caught(() => victim.raw('select pg_sleep(10)'));
        await new Promise(r => setTimeout(r, 300));
        await db.raw('select pg_terminate_backend(?)', [rows[0].pid]);
        const error = await waiting;
        expect(databaseUnavailableReason(error)).toMatch(
          /^(57P01|Connection terminated)/,
        );
      } finally {
        await victim.destroy();
      }
    });
  });
});

/** A TCP proxy in front of PostgreSQL that can be cut and restored, like a server restart. */
class CuttableProxy {
  private server?: net.Server;
  private readonly sockets = new Set<net.Socket>();
  port = 0;

  constructor(private readonly target: { host: string; port: number }) {}

  async open(): Promise<void> {
    const server = net.createServer(client => {
      const upstream = net.connect(this.target.port, this.target.host);
      for (const s of [client, upstream]) {
        this.sockets.add(s);
        s.on('close', () => this.sockets.delete(s));
        s.on('error', () => {});
      }
      client.pipe(upstream).pipe(client);
      client.on('close', () => upstream.destroy());
      upstream.on('close', () => client.destroy());
    });
    await new Promise<void>(r => server.listen(this.port, '127.0.0.1', r));
    this.port = (server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Refuses new connections and drops the open ones. */
  async cut(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    if (server) await new Promise(r => server.close(r));
  }
}

withPostgres('the plugin while its PostgreSQL is unreachable', () => {
  let proxy: CuttableProxy;
  let proxied: Knex;
  let server: Server;

  beforeAll(async () => {
    const direct = await databases.init('POSTGRES_15');
    const connection = direct.client.config
      .connection as Knex.PgConnectionConfig;
    proxy = new CuttableProxy({
      host: connection.host ?? '127.0.0.1',
      port: Number(connection.port ?? 5432),
    });
    await proxy.open();
    proxied = knexFactory({
      client: 'pg',
      connection: { ...connection, host: '127.0.0.1', port: proxy.port },
      pool: { min: 0, max: 5 },
      acquireConnectionTimeout: 5_000,
    });
    ({ server } = await startTestBackend({
      features: [
        sreHealthPlugin,
        mockServices.database.factory({ knex: proxied }),
        catalogServiceMock.factory({ entities: catalogEntities }),
        mockServices.rootConfig.factory({
          data: { sreHealth: { sreGroups: ['group:default/sre'] } },
        }),
      ],
    }));
  });

  afterAll(async () => {
    await proxy.cut();
    await proxied.destroy();
  });

  const as = { Authorization: mockCredentials.user.header(SRE) };
  const API = '/api/sre-health';
  const fire = (title: string) => ({
    entityRef: SERVICE,
    title,
    occurredAt: '2026-11-01T10:00:00Z',
  });

  it('answers 503 with Retry-After while it is down, and serves again after', async () => {
    const before = await request(server)
      .post(`${API}/fires`)
      .set(as)
      .send(fire('before'));
    expect(before.status).toBe(201);

    await proxy.cut();
    const read = await request(server)
      .get(`${API}/fires`)
      .query({ entityRef: SERVICE })
      .set(as);
    expect(read.status).toBe(503);
    expect(read.headers['retry-after']).toBe('5');
    expect(read.body.error).toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(/^Database unavailable, retry later/),
    });
    const write = await request(server)
      .post(`${API}/fires`)
      .set(as)
      .send(fire('during'));
    expect(write.status).toBe(503);
    const tab = await request(server)
      .get(`${API}/entities/component/default/payments-api/health`)
      .set(as);
    expect(tab.status).toBe(503);
    // request errors stay what they are
    await request(server)
      .post(`${API}/fires`)
      .set(as)
      .send({ entityRef: SERVICE })
      .expect(400);

    await proxy.open(); // same port: the pool's dead connections are dropped, new ones made
    const after = await request(server)
      .get(`${API}/fires`)
      .query({ entityRef: SERVICE })
      .set(as);
    expect(after.status).toBe(200);
    expect(after.body.map((f: { title: string }) => f.title)).toEqual([
      'before',
    ]);
    await request(server)
      .post(`${API}/fires`)
      .set(as)
      .send(fire('after'))
      .expect(201);
  });
});
