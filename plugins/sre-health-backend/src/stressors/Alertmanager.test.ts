import { DatabaseService } from '@backstage/backend-plugin-api';
import { TestDatabases, mockServices } from '@backstage/backend-test-utils';
import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { pageMinutes } from '@sre-health/backstage-plugin-sre-health-common';
import { SreHealthStore } from '../store';
import { AlertFiringStore } from './AlertFiringStore';
import { pollAlertmanager } from './Alertmanager';

jest.setTimeout(60_000);

const BINARY =
  process.env.SRE_HEALTH_ALERTMANAGER_BIN ?? '/usr/bin/prometheus-alertmanager';

async function freePort(): Promise<number> {
  return new Promise(resolve => {
    const server = net.createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** A real Alertmanager (Debian's prometheus-alertmanager) on a free loopback port. */
describe('pollAlertmanager against a real Alertmanager', () => {
  const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
  let available = false;
  let stop = async () => {};
  let url = '';

  beforeAll(async () => {
    available = await fs.access(BINARY).then(
      () => true,
      () => false,
    );
    if (!available) {
      if (process.env.SRE_HEALTH_REQUIRE_ALERTMANAGER === '1') {
        throw new Error(
          `SRE_HEALTH_REQUIRE_ALERTMANAGER=1 but ${BINARY} is missing`,
        );
      }
      return;
    }
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sre-health-am-'));
    await fs.writeFile(
      path.join(dir, 'am.yml'),
      'route:\n  receiver: none\nreceivers:\n  - name: none\n',
    );
    const port = await freePort();
    const cluster = await freePort();
    url = `http://127.0.0.1:${port}`;
    const child = spawn(
      BINARY,
      [
        `--config.file=${path.join(dir, 'am.yml')}`,
        `--storage.path=${dir}`,
        `--web.listen-address=127.0.0.1:${port}`,
        `--cluster.listen-address=127.0.0.1:${cluster}`,
      ],
      { stdio: 'ignore' },
    );
    stop = async () => {
      // Alertmanager writes its snapshots into the storage folder as it shuts down: remove
      // the folder once it has exited, or the removal races those writes (ENOTEMPTY).
      const exited =
        child.exitCode !== null || child.signalCode !== null
          ? Promise.resolve()
          : new Promise(resolve => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await fs.rm(dir, { recursive: true, force: true, maxRetries: 3 });
    };
    for (let i = 0; i < 100; i++) {
      if (
        await fetch(`${url}/-/ready`).then(
          r => r.ok,
          () => false,
        )
      )
        return;
      await new Promise(r => setTimeout(r, 200));
    }
    throw new Error('Alertmanager did not become ready');
  });

  afterAll(async () => stop());

  it('records each firing against the component named by its label, once', async () => {
    if (!available) return;
    const startsAt = new Date(Date.now() - 3_600_000).toISOString();
    const alerts = [
      {
        labels: { alertname: 'PaymentsLatencyHigh', service: 'payments-api' },
        startsAt,
      },
      {
        labels: { alertname: 'LedgerLag', service: 'ledger-service' },
        startsAt,
      },
      { labels: { alertname: 'NoServiceLabel' }, startsAt },
    ];
    const posted = await fetch(`${url}/api/v2/alerts`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(alerts),
    });
    expect(posted.ok).toBe(true);

    const knex = await databases.init('SQLITE_3');
    const store = await SreHealthStore.create({
      database: { getClient: async () => knex } as DatabaseService,
    });
    const firings = new AlertFiringStore(store.db);
    const config = {
      url,
      entityLabel: 'service',
      namespace: 'default',
      timeoutMs: 5_000,
    };
    const logger = mockServices.logger.mock();

    expect(await pollAlertmanager(config, firings, logger)).toBe(2);
    await pollAlertmanager(config, firings, logger); // polling again adds nothing
    const since = new Date(Date.now() - 86_400_000);
    expect(
      await firings.counts('component:default/payments-api', since),
    ).toEqual([
      {
        alertName: 'PaymentsLatencyHigh',
        firings: 1,
        lastFiredAt: new Date(startsAt),
      },
    ]);
    expect(
      await firings.counts('component:default/ledger-service', since),
    ).toHaveLength(1);
  });

  it('stores the end Alertmanager projects, and ends a firing at the poll that no longer lists it', async () => {
    if (!available) return;
    const startsAt = new Date(Date.now() - 3_600_000).toISOString();
    const projected = new Date(Date.now() + 3_600_000).toISOString();
    const post = (endsAt: string) =>
      fetch(`${url}/api/v2/alerts`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify([
          {
            labels: { alertname: 'DiskFull', service: 'billing' },
            startsAt,
            endsAt,
          },
        ]),
      });
    expect((await post(projected)).ok).toBe(true);
    const knex = await databases.init('SQLITE_3');
    const store = await SreHealthStore.create({
      database: { getClient: async () => knex } as DatabaseService,
    });
    const firings = new AlertFiringStore(store.db);
    const config = {
      url,
      entityLabel: 'service',
      namespace: 'default',
      timeoutMs: 5_000,
    };
    const logger = mockServices.logger.mock();
    const ref = 'component:default/billing';
    const since = new Date(Date.now() - 86_400_000);

    await pollAlertmanager(config, firings, logger);
    expect(await firings.pages([ref], since)).toEqual([
      { entityRef: ref, alertName: 'DiskFull', startsAt, endsAt: projected },
    ]);

    // resolved: Alertmanager stops listing it
    expect((await post(new Date(Date.now() - 1_000).toISOString())).ok).toBe(
      true,
    );
    const before = Date.now();
    await pollAlertmanager(config, firings, logger);
    const [page] = await firings.pages([ref], since);
    const ended = Date.parse(page.endsAt!);
    expect(ended).toBeGreaterThanOrEqual(before);
    expect(ended).toBeLessThanOrEqual(Date.now());
    // the page took about the hour since it fired
    expect(pageMinutes(page.startsAt, page.endsAt)).toBeCloseTo(60, 0);
  });

  it('reports an unreachable Alertmanager as an error', async () => {
    const port = await freePort();
    await expect(
      pollAlertmanager(
        {
          url: `http://127.0.0.1:${port}`,
          entityLabel: 'service',
          namespace: 'default',
          timeoutMs: 1_000,
        },
        new AlertFiringStore({} as any),
        mockServices.logger.mock(),
      ),
    ).rejects.toBeDefined();
  });
});
