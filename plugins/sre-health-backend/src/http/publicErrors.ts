import type { ErrorRequestHandler, Handler } from 'express';
import { isError } from '@backstage/errors';

/*
 * Backstage's root error handler (MiddlewareFactory.error) serialises the error it is given
 * with serializeError: the stack only while NODE_ENV is development (its `showStackTraces`
 * option, which rootHttpRouter does not expose), but every enumerable property always: a
 * driver's `code`, a file system error's `path`, the request body a JSON parse error keeps,
 * and the same again for each `cause`. Outside development the plugin hands it errors that
 * carry a name and a message only.
 */

/** Absolute paths in a message (the file system's, a driver's), up to a quote or space. */
const ABSOLUTE_PATH = /(^|[\s'"`(=])(\/[^\s'"`()]*)/g;

function statusOf(error: Error): number | undefined {
  for (const field of ['statusCode', 'status'] as const) {
    const status = (error as unknown as Record<string, unknown>)[field];
    if (
      typeof status === 'number' &&
      Number.isInteger(status) &&
      status >= 100 &&
      status <= 599
    ) {
      return status;
    }
  }
  return undefined;
}

/**
 * The error as a response may show it outside development: its name and message, and its
 * status for the root handler. The stack and cause stay on it, not enumerable, for the root
 * handler's log line; Backstage leaves the stack out of the body outside development. The
 * message of an unexpected (5xx) error is written for no one, so server paths in it go.
 */
export function toPublicError(error: Error): Error {
  const status = statusOf(error);
  const expected =
    status !== undefined
      ? status < 500
      : [
          'InputError',
          'AuthenticationError',
          'NotAllowedError',
          'NotFoundError',
          'ConflictError',
          'NotModifiedError',
          'ServiceUnavailableError',
          'NotImplementedError',
        ].includes(error.name);
  const message = expected
    ? error.message
    : error.message.replace(
        ABSOLUTE_PATH,
        (_, before: string) => `${before}(a server path)`,
      );
  const hidden = (value: unknown) => ({
    value,
    enumerable: false,
    writable: true,
    configurable: true,
  });
  const safe = new Error(message);
  Object.defineProperties(safe, {
    name: hidden(error.name),
    stack: hidden(error.stack),
    ...(error.cause !== undefined ? { cause: hidden(error.cause) } : {}),
    ...(status !== undefined ? { statusCode: hidden(status) } : {}),
  });
  return safe;
}

/**
 * Express error middleware, last of the plugin's: outside development, every error goes on to
 * Backstage's handler as {@link toPublicError}. In development, unchanged (Backstage then shows
 * the stack, as it is meant to there). A database driver's `DatabaseError` passes unchanged:
 * Backstage's handler replaces it with a log id, which is better still.
 */
export function publicErrorHandler(
  options: { development?: boolean } = {},
): ErrorRequestHandler {
  return (error, _req, _res, next) => {
    const development =
      options.development ?? process.env.NODE_ENV === 'development';
    if (
      development ||
      !isError(error) ||
      (error as Error).constructor?.name === 'DatabaseError'
    ) {
      next(error);
      return;
    }
    next(toPublicError(error as Error));
  };
}

/** {@link publicErrorHandler} typed for `httpRouter.use` (see createDatabaseErrorHandler). */
export function createPublicErrorHandler(
  options: { development?: boolean } = {},
): Handler {
  return publicErrorHandler(options) as unknown as Handler;
}
