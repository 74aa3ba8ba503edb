import type { EngagementSituation } from './types';

/** One piece of SRE "folk wisdom" with the logic behind it. @public */
export interface BookPrinciple {
  principle: string;
  logic: string;
  /** Situations it matters most for; all when absent. */
  situations?: EngagementSituation[];
}

/**
 * The principles of chapter 30 the report hands to the team, with their logic, so it can
 * handle new situations at scale after the SRE leaves.
 * @public
 */
export const BOOK_PRINCIPLES: ReadonlyArray<BookPrinciple> = [
  {
    principle: 'Keep operational work at or below 50% of the team’s time.',
    logic:
      'Above the cap, tickets crowd out the project work that makes the service scale, and the queue only grows.',
  },
  {
    principle:
      'More tickets must not mean more people: automate and simplify instead.',
    logic:
      'The SRE model adds people as complexity grows, not as load grows; headcount that follows load never catches up.',
  },
  {
    principle: 'Write SLOs first.',
    logic:
      'An SLO measures the impact of an outage quantitatively, so the team can see how much a change of process matters and decide by numbers, not by stress.',
  },
  {
    principle: 'Sort every fire: toil or overhead.',
    logic:
      'Toil should never happen and can be automated away; overhead is legitimate work that merely causes stress. Treating them alike wastes automation on overhead and tolerates toil.',
  },
  {
    principle: 'Keep postmortems blameless and look past the rollback.',
    logic:
      'People acted rightly on what they knew; ask why the system misled them. A rollback restores service but fixes nothing for good.',
  },
  {
    principle: 'Clear kindling one issue at a time, for good.',
    logic:
      'Small problems waiting to catch fire are cheapest before they burn; one owned, reviewed fix per person spreads the knowledge as well as the fix.',
  },
  {
    principle: 'Focus on reliability before features.',
    logic:
      'A small team on a business-critical service cannot afford outages; every hour of firefighting is an hour not spent on the next risk.',
    situations: ['small-team-critical-service'],
  },
  {
    principle: 'Prepare for explosive growth before it happens.',
    logic:
      'A new service that takes off outgrows a naive capacity plan overnight; a plan, load tests and SLOs written now make growth a non-event.',
    situations: ['new-service'],
  },
];

/** The book's principles for a situation, the general ones first. @public */
export function principlesFor(
  situation: EngagementSituation | null | undefined,
): BookPrinciple[] {
  return BOOK_PRINCIPLES.filter(
    p => !p.situations || (situation && p.situations.includes(situation)),
  );
}
