/*
 * Starts the benchmark's portal backend and keeps it running, for profiling by hand:
 *   node --require @backstage/cli-node/config/nodeTransform.cjs bench/load/serve.ts [sqlite|postgres] [port]
 * Prints the base URL and a guest token on stdout; Ctrl-C (SIGINT/SIGTERM) stops it, also
 * while it is still starting (the backend is a child process: it must not outlive us).
 */
import { Db, startPortal } from './portal';

async function main() {
  const abort = new AbortController();
  const started = startPortal(
    (process.argv[2] ?? 'sqlite') as Db,
    Number(process.argv[3] ?? 7107),
    abort.signal,
  );
  const stop = () => {
    abort.abort();
    started
      .then(portal => portal.stop())
      .catch(() => undefined)
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const portal = await started;
  process.stdout.write(`${portal.baseUrl}\n${portal.token}\n`);
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
