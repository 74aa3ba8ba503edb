/**
 * The eight stressors ("kindling") of SRE book chapter 30: problems waiting to catch fire.
 * This list is the single source of truth for keys, titles and what makes each one visible.
 */

/** @public */
export const STRESSOR_KEYS = [
  'knowledge-gap',
  'sre-service-growing',
  'next-big-thing',
  'undiagnosed-alerts',
  'complaints-without-slo',
  'naive-capacity-plan',
  'rollback-only-postmortems',
  'devs-own-it',
] as const;

/** @public */
export type StressorKey = (typeof STRESSOR_KEYS)[number];

/** @public */
export interface StressorDefinition {
  key: StressorKey;
  title: string;
  /** One line on what the stressor means, shown under its title in menus. */
  summary: string;
  /** The book's description of the stressor. */
  description: string;
  /** The signal that makes the stressor visible in the portal. */
  visibleWhen: string;
}

/** @public */
export const STRESSORS: ReadonlyArray<StressorDefinition> = [
  {
    key: 'knowledge-gap',
    title: 'Knowledge gaps',
    summary:
      'One specialist holds a critical part; nobody else could be on call for it.',
    description:
      'One specialist holds a critical part of the system; others lack the breadth to be on call for it, or have stopped caring about it.',
    visibleWhen:
      'Bus factor of 1 on a serving-critical component (expertise, code authorship, on-call history).',
  },
  {
    key: 'sre-service-growing',
    title: 'SRE-developed service quietly growing',
    summary:
      'A small service built by SREs grows in importance while only one or two people look after it.',
    description:
      'A service developed by SREs grows in importance but gets little attention because it is small and only one or two SREs care about it.',
    visibleWhen:
      'Owned by an SRE group while its dependents or traffic keep growing.',
  },
  {
    key: 'next-big-thing',
    title: 'Waiting for "the next big thing"',
    summary:
      'A problem stays unfixed for months because a future release is meant to make it go away.',
    description:
      'The team will not fix a problem for months because a new solution will make the workaround unnecessary.',
    visibleWhen:
      'Problems deferred to a future release and left open past their deadline.',
  },
  {
    key: 'undiagnosed-alerts',
    title: 'Undiagnosed common alerts',
    summary: 'Alerts fire often and nobody has found out why.',
    description:
      'Alerts that neither developers nor SREs have diagnosed distract from real problems; analyse them or fix the alerting rules.',
    visibleWhen: 'Alerts firing often with no diagnosis, runbook or owner.',
  },
  {
    key: 'complaints-without-slo',
    title: 'Complaints without an SLO',
    summary: 'Customers complain about a service that has no SLO.',
    description:
      'Customers complain about a service that lacks a formal SLI, SLO or SLA.',
    visibleWhen: 'Complaints recorded and no SLO defined.',
  },
  {
    key: 'naive-capacity-plan',
    title: 'Naive capacity plan',
    summary: 'The capacity plan is "add more servers when we run out".',
    description:
      'The capacity plan amounts to "add more servers: we ran out of memory last night"; passing a short load test is not a plan.',
    visibleWhen: 'No capacity plan, or none reviewed recently.',
  },
  {
    key: 'rollback-only-postmortems',
    title: 'Rollback-only postmortems',
    summary:
      'Postmortems only undo the change; no action item finds why it broke.',
    description:
      'Postmortems whose only action item is rolling back the change that caused the outage, instead of finding out why it broke.',
    visibleWhen:
      'Recent postmortems have no action item aimed at the cause: nothing investigates or prevents it (an item left open past its due date does not count).',
  },
  {
    key: 'devs-own-it',
    title: '"The developers own it"',
    summary:
      'Nobody on call can operate a critical component: "the developers own it".',
    description:
      'Serving-critical components for which the SREs answer "we don\'t know, the developers own it"; being on call means knowing what breaks and how to fix it fast.',
    visibleWhen:
      'Critical component with nobody on the on-call side who can operate it.',
  },
];

/** @public */
export function isStressorKey(key: string): key is StressorKey {
  return (STRESSOR_KEYS as ReadonlyArray<string>).includes(key);
}

/**
 * Custom stressors let an adopter track kindling the book does not name.
 * They live in their own namespace so they can never collide with the eight.
 * @public
 */
export const CUSTOM_STRESSOR_PATTERN = /^custom:[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** @public */
export function stressorTitle(key: string): string {
  const known = STRESSORS.find(s => s.key === key);
  if (known) {
    return known.title;
  }
  return key.replace(/^custom:/, '').replace(/-/g, ' ');
}
