import type { ErrorRequestHandler, Handler } from 'express';
import type { Knex } from 'knex';
import { ServiceUnavailableError, isError } from '@backstage/errors';

/** Seconds a client is told to wait before retrying while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;

/** Socket errors of a database server that is down, restarting or unreachable. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * PostgreSQL SQLSTATEs that mean "not now" rather than "wrong request": connection exceptions
 * (class 08), admin/crash shutdown and "starting up / shutting down" (57P01-57P03), too many
 * connections (53300). SQLite's busy/locked timeouts are the embedded equivalent.
 */
const SERVER_CODES = new Set([
  '57P01',
  '57P02',
  '57P03',
  '53300',
  'SQLITE_BUSY',
  'SQLITE_LOCKED',
]);

/** Messages of the pg driver and knex for a connection that died or could not be had. */
const MESSAGES = [
  /Connection terminated/i,
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /Timeout acquiring a connection/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
  /terminating connection due to administrator command/i,
];

/**
 * Why `error` (or an error it wraps) says the database cannot be reached right now, or
 * undefined for any other error: a short reason such as `ECONNREFUSED`, `57P01` or
 * `KnexTimeoutError`, fit for a 503 message.
 */
export function databaseUnavailableReason(
  error: unknown,
  depth = 0,
): string | undefined {
  if (!error || typeof error !== 'object' || depth > 5) return undefined;
  const e = error as {
    name?: unknown;
    code?: unknown;
    message?: unknown;
    cause?: unknown;
    errors?: unknown;
  };
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code && (NETWORK_CODES.has(code) || SERVER_CODES.has(code))) return code;
  if (code?.startsWith('08') && code.length === 5) return code; // connection exception class
  if (e.name === 'KnexTimeoutError') return 'KnexTimeoutError';
  const message = typeof e.message === 'string' ? e.message : '';
  const matched = MESSAGES.find(m => m.test(message));
  if (matched) return message.slice(0, 120);
  // Node reports a refused dual-stack connect as an AggregateError of per-address errors.
  if (Array.isArray(e.errors)) {
    for (const inner of e.errors) {
      const reason = databaseUnavailableReason(inner, depth + 1);
      if (reason) return reason;
    }
  }
  return databaseUnavailableReason(e.cause, depth + 1);
}

/** A 503 for a database that cannot be reached, or undefined if `error` is something else. */
export function toServiceUnavailable(
  error: unknown,
): ServiceUnavailableError | undefined {
  const reason = databaseUnavailableReason(error);
  return reason === undefined
    ? undefined
    : new ServiceUnavailableError(
        `Database unavailable, retry later (${reason})`,
      );
}

/** True if the database answers a trivial query within `timeoutMs`. */
async function databaseAnswers(db: Knex, timeoutMs: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      db.raw('select 1'),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('timeout')), timeoutMs);
      }),
    ]);
    return true;
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

function isServerError(error: unknown): boolean {
  if (!isError(error)) return true;
  const status =
    (error as { statusCode?: unknown; status?: unknown }).statusCode ??
    (error as { status?: unknown }).status;
  if (typeof status === 'number') return status >= 500;
  // the names Backstage's error handler turns into 4xx
  return ![
    'InputError',
    'AuthenticationError',
    'NotAllowedError',
    'NotFoundError',
    'ConflictError',
    'NotModifiedError',
  ].includes(error.name);
}

/**
 * Express error middleware for the plugin's routes: a request that failed because the
 * database is down answers 503 with `Retry-After` instead of a 500, so clients and load
 * balancers retry rather than report a bug. Errors from the database itself are recognised
 * by code; any other server error (e.g. the catalog answering 500 because it shares the
 * stopped server) is checked by asking our own database, briefly. Everything else passes on
 * unchanged to Backstage's error handler.
 */
export function databaseErrorHandler(
  db: Knex,
  options: { probeTimeoutMs?: number } = {},
): ErrorRequestHandler {
  const probeTimeoutMs = options.probeTimeoutMs ?? 1_000;
  return (error, _req, res, next) => {
    const unavailable = toServiceUnavailable(error);
    const answer = (mapped: Error) => {
      if (!res.headersSent) {
        res.setHeader('Retry-After', String(DATABASE_RETRY_AFTER_SECONDS));
      }
      next(mapped);
    };
    if (unavailable) {
      answer(unavailable);
      return;
    }
    if (!isServerError(error)) {
      next(error);
      return;
    }
    databaseAnswers(db, probeTimeoutMs).then(
      ok => {
        if (ok) next(error);
        else
          answer(
            new ServiceUnavailableError('Database unavailable, retry later'),
          );
      },
      () => next(error),
    );
  };
}

/**
 * {@link databaseErrorHandler} typed for `httpRouter.use`, which declares request handlers
 * only: Express registers any four-argument function given to `use()` as error middleware,
 * so added after the routes it sees their errors.
 */
export function createDatabaseErrorHandler(
  db: Knex,
  options: { probeTimeoutMs?: number } = {},
): Handler {
  return databaseErrorHandler(db, options) as unknown as Handler;
}
