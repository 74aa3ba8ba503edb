import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { mockServices } from '@backstage/backend-test-utils';
import { pollAlertmanager } from './Alertmanager';
import { AlertFiringStore } from './AlertFiringStore';

/** A server that accepts connections and then, after `prefix`, never says anything more. */
async function hangingServer(
  prefix = '',
): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer(socket => {
    sockets.add(socket);
    socket.on('error', () => {});
    socket.once('data', () => {
      if (prefix) socket.write(prefix);
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise(r => server.close(r));
    },
  };
}

describe('pollAlertmanager against an Alertmanager that hangs', () => {
  it.each([
    ['never answers', ''],
    [
      'stalls in the middle of its body',
      'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n[{"labels":',
    ],
  ])('gives up within its timeout when it %s', async (_case, prefix) => {
    const server = await hangingServer(prefix);
    try {
      const started = Date.now();
      await expect(
        pollAlertmanager(
          {
            url: server.url,
            entityLabel: 'service',
            namespace: 'default',
            timeoutMs: 300,
          },
          // never reached: nothing is recorded from an answer that did not come
          new AlertFiringStore({} as any),
          mockServices.logger.mock(),
        ),
      ).rejects.toThrow(
        `Alertmanager at ${server.url} did not answer within 300 ms`,
      );
      expect(Date.now() - started).toBeLessThan(3_000);
    } finally {
      await server.close();
    }
  });
});
