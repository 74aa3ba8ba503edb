import { parseEntityRef } from '@backstage/catalog-model';
import { OPS_LOAD_CAP, overloadWindowWords } from '../opsLoad';
import { stressorTitle } from '../stressors';
import type { EntityHealth } from '../types';

/*
 * Compound risks (issue #18): a service is in a worse place than any one card says when
 * the chapter's warnings meet on it. Each rule names one combination the chapter warns
 * about and fires only when every part of it holds, with the evidence of each part. The
 * rules read a few facts (`CompoundRiskFacts`), which any reader can build: the tab's read
 * through `compoundRiskFactsOf`.
 */

/** The rules' keys, in the order they are shown (the scorecard's filter values). @public */
export const COMPOUND_RISK_KEYS = [
  'pager-silo',
  'sre-service-growing-overloaded',
  'complaints-unmeasured',
] as const;

/** @public */
export type CompoundRiskKey = (typeof COMPOUND_RISK_KEYS)[number];

/** The combinations, in the order they are shown. @public */
export const COMPOUND_RISKS: ReadonlyArray<{
  key: CompoundRiskKey;
  title: string;
  /** What the chapter warns about, in one sentence. */
  description: string;
}> = [
  {
    key: 'pager-silo',
    title: 'One person holds the knowledge and the pager',
    description:
      'The only person who can operate the service also carries most of its on-call shifts: when they are away, nobody can, and they cannot step back to teach.',
  },
  {
    key: 'sre-service-growing-overloaded',
    title: 'An SRE-built service grows while its SREs are overloaded',
    description:
      'A service the SREs built is growing in importance while the SRE team spends more than half its time on ops: it gets even less attention as it matters more.',
  },
  {
    key: 'complaints-unmeasured',
    title: 'Complaints, no SLO, and postmortems that only roll back',
    description:
      'Customers complain, nothing measures what they feel, and outages end in rollbacks without an action item aimed at the cause: the same outage comes back unnoticed.',
  },
];

/** On-call shares at or above this make a person the one who "carries the pager". @public */
export const PAGER_HOLDER_SHARE = 0.5;

/** The facts the rules read, for one service. @public */
export interface CompoundRiskFacts {
  /** Open and mitigating stressors (exempt, dismissed and resolved ones do not count). */
  stressors: ReadonlyArray<{
    key: string;
    level: number;
    facts?: Record<string, number | string> | null;
  }>;
  /** How many SLOs the service has. */
  sloCount: number;
  /** An SLO whose budget burns (an alert firing, at risk or breached), by name; null if none. */
  burningSlo: string | null;
  /** The one person the service depends on (operations or code); null when more. */
  lastOperator: string | null;
  /** On-call shifts per person in the look-back window. */
  onCall: ReadonlyArray<{ userRef: string; shifts: number }>;
  /** The owning team's sustained overload (ops share over its window), null when not overloaded. */
  overload: { share: number | null; weeks: number } | null;
}

/** One compound risk that holds, with the evidence of each of its parts. @public */
export interface CompoundRisk {
  key: CompoundRiskKey;
  title: string;
  /** One sentence: the parts together, with their numbers. */
  summary: string;
  /** The evidence of each part, one sentence each. */
  evidence: string[];
}

const nameOf = (ref: string) => {
  try {
    return parseEntityRef(ref).name;
  } catch {
    return ref;
  }
};
const percent = (share: number) => `${Math.round(share * 100)}%`;
const titleOf = (key: CompoundRiskKey) =>
  COMPOUND_RISKS.find(r => r.key === key)!.title;

function pagerSilo(facts: CompoundRiskFacts): CompoundRisk | null {
  const person = facts.lastOperator;
  if (!person) return null;
  const total = facts.onCall.reduce((n, o) => n + o.shifts, 0);
  const held =
    facts.onCall.find(o => o.userRef === person.toLocaleLowerCase('en-US'))
      ?.shifts ??
    facts.onCall.find(o => o.userRef === person)?.shifts ??
    0;
  if (total === 0 || held / total < PAGER_HOLDER_SHARE) return null;
  const who = nameOf(person);
  const evidence = [
    `${who} is the only one who can operate it or holds its code`,
    `${who} held ${held} of its ${total} on-call shifts`,
  ];
  if (facts.burningSlo) {
    evidence.push(`${facts.burningSlo} is burning its error budget`);
  }
  return {
    key: 'pager-silo',
    title: titleOf('pager-silo'),
    summary: `${who} is its last operator and carries its pager (${held} of ${total} shifts)${
      facts.burningSlo ? `, while ${facts.burningSlo} burns its budget` : ''
    }.`,
    evidence,
  };
}

function growingUnderOverload(facts: CompoundRiskFacts): CompoundRisk | null {
  const growing = facts.stressors.find(s => s.key === 'sre-service-growing');
  if (!growing || !facts.overload) return null;
  const share =
    facts.overload.share === null
      ? 'more than half'
      : percent(facts.overload.share);
  const over = overloadWindowWords(facts.overload.weeks);
  return {
    key: 'sre-service-growing-overloaded',
    title: titleOf('sre-service-growing-overloaded'),
    summary: `An SRE-built service is growing (stress level ${growing.level}) while its SRE team spent ${share} of its time on ops over ${over}.`,
    evidence: [
      `the "${stressorTitle(growing.key)}" stressor is open at level ${
        growing.level
      }`,
      `its owning SRE team spent ${share} of its time on ops over ${over}, above the ${percent(
        OPS_LOAD_CAP,
      )} cap`,
    ],
  };
}

function complaintsUnmeasured(facts: CompoundRiskFacts): CompoundRisk | null {
  const complaints = facts.stressors.find(
    s => s.key === 'complaints-without-slo',
  );
  const rollbacks = facts.stressors.find(
    s => s.key === 'rollback-only-postmortems',
  );
  if (!complaints || !rollbacks || facts.sloCount > 0) return null;
  const n = Number(rollbacks.facts?.withoutCauseItem ?? 0);
  const of = Number(rollbacks.facts?.recentPostmortems ?? 0);
  const postmortems =
    n > 0 && of > 0
      ? `${n} of its ${of} recent postmortems have no action item aimed at the cause`
      : 'its recent postmortems have no action item aimed at the cause';
  return {
    key: 'complaints-unmeasured',
    title: titleOf('complaints-unmeasured'),
    summary: `Customers complain, no SLO measures it, and ${postmortems}.`,
    evidence: [
      `customers complain (the "${stressorTitle(
        complaints.key,
      )}" stressor is open at level ${complaints.level})`,
      'it has no SLO',
      postmortems,
    ],
  };
}

/**
 * The compound risks that hold for one service, in `COMPOUND_RISKS` order; each only when
 * every part of its combination holds.
 * @public
 */
export function compoundRisks(facts: CompoundRiskFacts): CompoundRisk[] {
  return [
    pagerSilo(facts),
    growingUnderOverload(facts),
    complaintsUnmeasured(facts),
  ].filter((r): r is CompoundRisk => r !== null);
}

/** The rules' facts from the tab's read. @public */
export function compoundRiskFactsOf(health: EntityHealth): CompoundRiskFacts {
  const silo = health.knowledgeSilo;
  const burning = health.slos.find(
    s =>
      s.alert?.rules?.some(r => r.firing) ||
      s.status === 'at-risk' ||
      s.status === 'breached',
  );
  return {
    stressors: health.stressors
      .filter(f => f.status === 'open' || f.status === 'mitigating')
      .map(f => ({ key: f.stressorKey, level: f.stressLevel, facts: f.facts })),
    sloCount: health.slos.length,
    burningSlo: burning ? burning.displayName || burning.name : null,
    lastOperator:
      silo.singlePersonDependency && silo.keyPeople?.length === 1
        ? silo.keyPeople[0]
        : null,
    onCall: (silo.onCall ?? []).map(o => ({
      userRef: o.userRef,
      shifts: o.shifts,
    })),
    overload: health.opsLoad?.overloaded
      ? {
          share: health.opsLoad.windowOpsShare,
          weeks: health.opsLoad.windowWeeks,
        }
      : null,
  };
}
