import { BETTER_ACTION_ITEM_EXAMPLE } from './classes';
import { classifyPostmortem, type ActionItemInput } from './classifyPostmortem';

/*
 * The stressor speaks of the pattern across a team's recent postmortems, never of one
 * postmortem in public: the chapter asks the embedded SRE to lead the *next* postmortem,
 * and warns that grading old ones makes the team defensive.
 */

/** Which postmortems are recent: the newest `count` of the last `days`. @public */
export const RECENT_POSTMORTEMS = { count: 5, days: 365 } as const;

const DAY = 86_400_000;

/** What the recent postmortems show about action items aimed at the cause. @public */
export interface PostmortemPattern {
  /** How many recent postmortems were looked at. */
  recent: number;
  /** Of those, how many have no action item aimed at the cause. */
  withoutCauseItem: number;
  /** Items aimed at the cause, of the recent postmortems, left open past their due date. */
  overdueCauseItems: number;
}

/** A postmortem as the pattern reads it. @public */
export interface PostmortemForPattern {
  occurredAt: string;
  actionItems: ReadonlyArray<ActionItemInput>;
}

/** The recent postmortems, newest first: see {@link RECENT_POSTMORTEMS}. @public */
export function recentPostmortems<T extends PostmortemForPattern>(
  postmortems: ReadonlyArray<T>,
  now: Date,
): T[] {
  const since = now.getTime() - RECENT_POSTMORTEMS.days * DAY;
  return postmortems
    .filter(p => Date.parse(p.occurredAt) >= since)
    .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt))
    .slice(0, RECENT_POSTMORTEMS.count);
}

/** How many recent postmortems have no action item aimed at the cause. @public */
export function postmortemPattern(
  postmortems: ReadonlyArray<PostmortemForPattern>,
  now: Date,
): PostmortemPattern {
  const recent = recentPostmortems(postmortems, now).map(p =>
    classifyPostmortem(p.actionItems, { now }),
  );
  return {
    recent: recent.length,
    withoutCauseItem: recent.filter(c => c.noItemAimedAtCause).length,
    overdueCauseItems: recent.reduce((n, c) => n + c.overdueCauseItems, 0),
  };
}

/**
 * The pattern in one or two sentences, naming no postmortem, e.g. "2 of the 3 recent
 * postmortems have no action item aimed at the cause: nothing in them investigates or
 * prevents it." Empty when there is no pattern to speak of.
 * @public
 */
export function describePostmortemPattern(pattern: PostmortemPattern): string {
  const { recent, withoutCauseItem, overdueCauseItems } = pattern;
  if (withoutCauseItem === 0) return '';
  const sentences = [
    `${withoutCauseItem} of the ${recent} recent postmortem${
      recent === 1 ? '' : 's'
    } ${
      withoutCauseItem === 1 ? 'has' : 'have'
    } no action item aimed at the cause: nothing in ${
      withoutCauseItem === 1 ? 'it' : 'them'
    } investigates or prevents it, however much is rolled back, restarted or added.`,
  ];
  if (overdueCauseItems > 0) {
    sentences.push(
      `${overdueCauseItems} item${
        overdueCauseItems === 1 ? '' : 's'
      } aimed at the cause ${
        overdueCauseItems === 1 ? 'is' : 'are'
      } left open past ${overdueCauseItems === 1 ? 'its' : 'their'} due date.`,
    );
  }
  return sentences.join(' ');
}

/** The next step the stressor suggests, with the book's example. @public */
export const NEXT_POSTMORTEM_SUGGESTION = `Lead the next postmortem to an action item aimed at the cause, e.g. "${BETTER_ACTION_ITEM_EXAMPLE.better}" rather than only "${BETTER_ACTION_ITEM_EXAMPLE.insteadOf}".`;
