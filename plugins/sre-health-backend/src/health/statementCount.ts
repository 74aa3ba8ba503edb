import type { Knex } from 'knex';

/** The response header the benchmark reads (bench/load). @internal */
export const STATEMENTS_HEADER = 'SRE-Health-Statements';

/**
 * A benchmark instrument, off unless the backend runs with `SRE_HEALTH_COUNT_STATEMENTS=1`
 * (bench/load sets it): then the tab's read answers with {@link STATEMENTS_HEADER}, the
 * number of statements issued on the plugin's database client while the answer was made.
 * One listener on knex's `query` event keeps a running total and a read reports its
 * difference, so nothing is attached in production and a read costs two counter reads. The
 * difference is exact when reads do not overlap: the bench asks one read at a time, a few
 * times, and takes the least (a scheduled task may write at the same moment).
 * @internal
 */
export function statementCounter(
  db: Knex,
  env: NodeJS.ProcessEnv = process.env,
): (() => () => number) | undefined {
  if (env.SRE_HEALTH_COUNT_STATEMENTS !== '1') return undefined;
  let total = 0;
  db.on('query', () => {
    total++;
  });
  return () => {
    const start = total;
    return () => total - start;
  };
}
