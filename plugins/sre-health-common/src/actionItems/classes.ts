/** The six classes of an action item, what each means, and the book's example. */

/** @public */
export const ACTION_ITEM_CLASSES = [
  'rollback',
  'mitigation',
  'investigation',
  'prevention',
  'process',
  'other',
] as const;

/** @public */
export type ActionItemClass = (typeof ACTION_ITEM_CLASSES)[number];

/** @public */
export interface ActionItemClassInfo {
  title: string;
  /** One line: what belongs in the class. */
  description: string;
}

/** @public */
export const ACTION_ITEM_CLASS_INFO: Readonly<
  Record<ActionItemClass, ActionItemClassInfo>
> = {
  rollback: {
    title: 'Rollback',
    description:
      'Returns the system to its previous state (revert, roll back, downgrade, restore the previous version, switch the feature flag back off) without learning why the change broke it.',
  },
  mitigation: {
    title: 'Mitigation',
    description:
      'Reduces the impact now without undoing the change or removing the cause: restart, scale out, add capacity, fail over, drain or shift traffic, flush, temporary limits.',
  },
  investigation: {
    title: 'Investigation',
    description:
      'Finds out why it happened: investigate, root-cause, reproduce, profile, analyse, understand.',
  },
  prevention: {
    title: 'Prevention',
    description:
      'Stops it from happening again or catches it sooner: fix the bug, add alerts, monitoring, tests, validation, limits, canaries, circuit breakers, automation.',
  },
  process: {
    title: 'Process',
    description:
      'Changes how people work: runbooks, docs, training, reviews, policies, checklists, ownership, drills and game days.',
  },
  other: {
    title: 'Other',
    description:
      'Changes neither the system nor how the team works: customer communication, credits, vendors, admin, thanks, placeholders.',
  },
};

/** The book's example of a better action item than the rollback. @public */
export const BETTER_ACTION_ITEM_EXAMPLE = {
  insteadOf: 'Revert the streaming timeout to 60 s',
  better: 'Find out why the first 1 MB of the promo video takes 60 s',
} as const;

/** @public */
export function isActionItemClass(value: unknown): value is ActionItemClass {
  return (
    typeof value === 'string' &&
    (ACTION_ITEM_CLASSES as ReadonlyArray<string>).includes(value)
  );
}

/** Zero for every class: the start of a score or count per class. */
export function zeroPerClass(): Record<ActionItemClass, number> {
  return {
    rollback: 0,
    mitigation: 0,
    investigation: 0,
    prevention: 0,
    process: 0,
    other: 0,
  };
}
