/** Where an action item stands: open until someone sees it through. */

/** @public */
export const ACTION_ITEM_STATES = ['open', 'done'] as const;

/** @public */
export type ActionItemState = (typeof ACTION_ITEM_STATES)[number];

/** The UTC calendar day of a moment, YYYY-MM-DD: due dates are compared by day. */
export function utcDayOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Whether an item is still open after its due date (YYYY-MM-DD). An item with no due date,
 * or one done, is never overdue; one due today is not overdue yet.
 * @public
 */
export function isActionItemOverdue(
  item: { state?: ActionItemState | null; dueDate?: string | null },
  now: Date,
): boolean {
  return (
    item.state !== 'done' &&
    Boolean(item.dueDate) &&
    item.dueDate! < utcDayOf(now)
  );
}
