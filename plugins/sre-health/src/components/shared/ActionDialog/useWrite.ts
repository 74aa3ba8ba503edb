import { alertApiRef, useApi } from '@backstage/core-plugin-api';
import { ResponseError } from '@backstage/errors';
import { useCallback, useRef, useState } from 'react';

/** A failed write, as the user should read it. */
export interface WriteProblem {
  message: string;
  /** 409: someone else changed the record first; reloading is the way out. */
  conflict: boolean;
}

/**
 * The backend's own message of a failed request (e.g. `Invalid body: markdown: needs a
 * "# Title" line`, or `user:default/zed is not in the catalog`), not the generic
 * `Request failed with 404 Not Found`.
 */
export function describeWriteError(error: unknown): WriteProblem {
  if (ResponseError.is(error)) {
    return {
      message: error.cause?.message || error.message,
      conflict: error.statusCode === 409,
    };
  }
  return {
    message: error instanceof Error ? error.message : String(error),
    conflict: false,
  };
}

/** The text of the error toast: a conflict says what to do. */
export function writeProblemText(problem: WriteProblem): string {
  return problem.conflict
    ? `Changed by someone else — reload and try again: ${problem.message}`
    : problem.message;
}

/** @public */
export interface WriteOptions<T> {
  /** The confirmation toast, e.g. `Fire recorded`; a function reads the write's result. */
  success: string | ((result: T) => string);
  /** After the write succeeded: refresh the data. */
  onDone?: (result: T) => void;
  /**
   * After a 409 (someone else changed the record first). One-click writes pass their
   * reload here; dialogs offer a Reload button instead.
   */
  onConflict?: () => void;
}

/** @public */
export interface Write {
  /**
   * Runs one write: busy while it runs, then a success toast and `onDone`, or an
   * error toast with the backend's message. Resolves to whether the write succeeded.
   */
  run<T>(write: () => Promise<T>, options: WriteOptions<T>): Promise<boolean>;
  /** A write is running: disable the buttons that start one. */
  busy: boolean;
  /** The last write's failure, for forms that also show it in place. */
  problem?: WriteProblem;
  clear(): void;
}

/**
 * The one way the plugin writes: every dialog (through `ActionDialog`) and every
 * one-click write (remove, confirm, move a state) confirms or fails through the app's
 * alert API, with the backend's own message.
 * @public
 */
export function useWrite(): Write {
  const alertApi = useApi(alertApiRef);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<WriteProblem | undefined>();
  const running = useRef(false);

  const run = useCallback(
    async <T>(write: () => Promise<T>, options: WriteOptions<T>) => {
      if (running.current) return false;
      running.current = true;
      setBusy(true);
      setProblem(undefined);
      let result: T;
      try {
        result = await write();
      } catch (error) {
        const failed = describeWriteError(error);
        setProblem(failed);
        alertApi.post({
          message: writeProblemText(failed),
          severity: 'error',
          display: 'permanent',
        });
        if (failed.conflict) options.onConflict?.();
        return false;
      } finally {
        running.current = false;
        setBusy(false);
      }
      const { success } = options;
      alertApi.post({
        message: typeof success === 'function' ? success(result) : success,
        severity: 'success',
        display: 'transient',
      });
      options.onDone?.(result);
      return true;
    },
    [alertApi],
  );
  const clear = useCallback(() => setProblem(undefined), []);

  return { run, busy, problem, clear };
}
