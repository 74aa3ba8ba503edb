import type { Knex } from 'knex';

/** How one `notifyOnce` went. @internal */
export type NotifyOnceResult =
  | { sent: true; at: Date }
  | { sent: false; error?: Error };

/**
 * Sends the notification of a row at most once, however many runs or replicas try: the
 * row's `notified_at` is claimed by a conditional update (only one caller moves it from
 * null), then `send` runs; a failed send gives the claim back, so the next run tries again.
 * `sent: false` without an error: someone else claimed it.
 * @internal
 */
export async function notifyOnce(
  db: Knex,
  row: { table: string; id: string },
  at: Date,
  send: () => Promise<void>,
): Promise<NotifyOnceResult> {
  const claimed = await db(row.table)
    .where({ id: row.id })
    .whereNull('notified_at')
    .update({ notified_at: at });
  if (claimed === 0) return { sent: false };
  try {
    await send();
    return { sent: true, at };
  } catch (error) {
    await db(row.table).where({ id: row.id }).update({ notified_at: null });
    return { sent: false, error: error as Error };
  }
}
