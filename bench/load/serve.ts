/*
 * Starts the benchmark's portal backend and keeps it running, for profiling by hand:
 *   node --require @backstage/cli-node/config/nodeTransform.cjs bench/load/serve.ts [sqlite|postgres] [port]
 * Prints the base URL and a guest token on stdout; Ctrl-C (SIGINT/SIGTERM) stops it.
 */
import { Db, startPortal } from './portal';

async function main() {
  const portal = await startPortal(
    (process.argv[2] ?? 'sqlite') as Db,
    Number(process.argv[3] ?? 7107),
  );
  process.stdout.write(`${portal.baseUrl}\n${portal.token}\n`);
  const stop = () => portal.stop().then(() => process.exit(0));
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main().catch(error => {
  process.stderr.write(`${error.stack ?? error}\n`);
  process.exit(1);
});
