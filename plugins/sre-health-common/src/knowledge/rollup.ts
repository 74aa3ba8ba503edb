import type { ServingTier } from '../core/annotations';
import { siloRisk } from './silo';
import {
  EXPERTISE_LEVELS,
  ON_CALL_LOOKBACK_DAYS,
  type KeyPerson,
  type KnowledgeSiloSummary,
  type Operator,
  type SiloRisk,
  type OnCallOperator,
  type TeamComponentKnowledge,
  type TeamKnowledgeSummary,
  type TruckFactorSummary,
} from './types';

const DAY_MS = 86_400_000;

type OperatorSource = Operator['source'];

/** The most deliberate statement first: an SRE's record, then catalog-info, then on-call. */
const SOURCE_PRIORITY: ReadonlyArray<OperatorSource> = [
  'recorded',
  'annotation',
  'on-call',
];

const RISK_ORDER: ReadonlyArray<SiloRisk> = ['low', 'medium', 'high'];

/** The higher of two risks. @public */
export function worseRisk(a: SiloRisk, b: SiloRisk): SiloRisk {
  return RISK_ORDER.indexOf(a) >= RISK_ORDER.indexOf(b) ? a : b;
}

/**
 * Groups on-call shifts into the people who were on call within the look-back window
 * ending `now`; shifts that have not started yet do not count.
 * @public
 */
export function onCallOperators(
  shifts: ReadonlyArray<{ userRef: string; startsAt: string; endsAt: string }>,
  now: Date,
  lookbackDays = ON_CALL_LOOKBACK_DAYS,
): OnCallOperator[] {
  const from = now.getTime() - lookbackDays * DAY_MS;
  const byUser = new Map<string, { shifts: number; last: number }>();
  for (const shift of shifts) {
    const starts = Date.parse(shift.startsAt);
    const ends = Date.parse(shift.endsAt);
    if (!(ends >= from) || !(starts <= now.getTime())) continue;
    const entry = byUser.get(shift.userRef) ?? { shifts: 0, last: 0 };
    entry.shifts++;
    entry.last = Math.max(entry.last, Math.min(ends, now.getTime()));
    byUser.set(shift.userRef, entry);
  }
  return [...byUser.entries()]
    .map(([userRef, e]) => ({
      userRef,
      shifts: e.shifts,
      lastShiftEndedAt: new Date(e.last).toISOString(),
    }))
    .sort(
      (a, b) =>
        b.lastShiftEndedAt.localeCompare(a.lastShiftEndedAt) ||
        a.userRef.localeCompare(b.userRef),
    );
}

/**
 * Everyone who can operate a component: recorded expertise ∪ the operators annotation ∪
 * people on call recently. One entry per person; the most deliberate source sets the level
 * (an SRE who recorded "learning" overrides an on-call shift), and `sources` lists them all
 * when there is more than one.
 * @public
 */
export function mergeOperators(
  recorded: ReadonlyArray<Operator>,
  declared: ReadonlyArray<Operator>,
  onCall: ReadonlyArray<OnCallOperator> = [],
): Operator[] {
  const candidates: Operator[] = [
    ...recorded.map(o => ({ ...o, source: 'recorded' as const })),
    ...declared.map(o => ({ ...o, source: 'annotation' as const })),
    ...onCall.map(o => ({
      userRef: o.userRef,
      level: 'can-operate' as const,
      source: 'on-call' as const,
    })),
  ];
  const byUser = new Map<
    string,
    { best: Operator; sources: OperatorSource[] }
  >();
  for (const op of candidates) {
    const entry = byUser.get(op.userRef);
    if (!entry) {
      byUser.set(op.userRef, { best: op, sources: [op.source] });
      continue;
    }
    if (!entry.sources.includes(op.source)) entry.sources.push(op.source);
    if (
      SOURCE_PRIORITY.indexOf(op.source) <
      SOURCE_PRIORITY.indexOf(entry.best.source)
    ) {
      entry.best = op;
    }
  }
  return [...byUser.values()]
    .map(({ best, sources }) => {
      const op: Operator = {
        userRef: best.userRef,
        level: best.level,
        source: best.source,
      };
      if (sources.length > 1) {
        op.sources = [...sources].sort(
          (a, b) => SOURCE_PRIORITY.indexOf(a) - SOURCE_PRIORITY.indexOf(b),
        );
      }
      return op;
    })
    .sort(
      (a, b) =>
        EXPERTISE_LEVELS.indexOf(a.level) - EXPERTISE_LEVELS.indexOf(b.level) ||
        a.userRef.localeCompare(b.userRef),
    );
}

/** People who count for the bus factor: experts and those who can operate. @public */
export function countsAsOperator(op: Operator): boolean {
  return op.level !== 'learning';
}

/**
 * Takes the embedded SRE of an engagement under way out of a component's operators: they
 * leave when the engagement ends, and what only they can do leaves with them. Returns
 * their entry apart, so a reader can say they were left out.
 * @public
 */
export function withoutEmbeddedSre(
  operators: ReadonlyArray<Operator>,
  embeddedSre: string | null | undefined,
): { operators: Operator[]; embeddedSre?: Operator } {
  const sre = embeddedSre
    ? operators.find(o => o.userRef === embeddedSre)
    : undefined;
  return sre
    ? { operators: operators.filter(o => o !== sre), embeddedSre: sre }
    : { operators: [...operators] };
}

/**
 * The combined knowledge-silo summary of a component: who can operate it (recorded,
 * declared, on call) and who holds its code (truck factor). The risk is the worse of the
 * operations risk (bus factor) and the code risk (active truck factor, once analysed).
 * The embedded SRE of the owning team's engagement under way is not counted.
 * @public
 */
export function summarizeKnowledge(input: {
  tier: ServingTier;
  recorded: ReadonlyArray<Operator>;
  declared: ReadonlyArray<Operator>;
  onCall?: ReadonlyArray<OnCallOperator>;
  truckFactor?: TruckFactorSummary;
  /** User ref of the embedded SRE of the owning team's engagement under way. */
  embeddedSre?: string | null;
}): KnowledgeSiloSummary {
  const onCall = [...(input.onCall ?? [])];
  const { operators, embeddedSre } = withoutEmbeddedSre(
    mergeOperators(input.recorded, input.declared, onCall),
    input.embeddedSre,
  );
  const able = operators.filter(countsAsOperator);
  const busFactor = able.length;
  const servingCritical = input.tier === 'critical';

  let risk = siloRisk(busFactor, servingCritical);
  const keyPeople: string[] = [];
  if (busFactor === 1) keyPeople.push(able[0].userRef);
  const active = input.truckFactor?.activeTruckFactor ?? null;
  if (active !== null && input.truckFactor) {
    risk = worseRisk(risk, siloRisk(active, servingCritical));
    const holder = input.truckFactor.activeTruckFactorAuthors[0];
    if (active === 1 && holder && !keyPeople.includes(holder)) {
      keyPeople.push(holder);
    }
  }
  return {
    tier: input.tier,
    servingCritical,
    busFactor,
    risk,
    operators,
    ...(embeddedSre ? { embeddedSre } : {}),
    ...(input.truckFactor ? { truckFactor: input.truckFactor } : {}),
    onCall,
    singlePersonDependency: busFactor <= 1 || (active !== null && active <= 1),
    keyPeople,
  };
}

/**
 * Operators left when `without` leave, and the bus factor and risk before and after.
 * `truckFactorLeft` (when the code was analysed) joins the risk as in {@link summarizeKnowledge}.
 * @public
 */
export function operatorsWithout(
  silo: Pick<KnowledgeSiloSummary, 'operators' | 'servingCritical' | 'risk'>,
  without: Iterable<string>,
  truckFactorLeft?: number | null,
): {
  operatorsLeft: Operator[];
  busFactorBefore: number;
  busFactorLeft: number;
  riskBefore: SiloRisk;
  riskLeft: SiloRisk;
} {
  const gone = new Set(without);
  const operatorsLeft = silo.operators.filter(o => !gone.has(o.userRef));
  const busFactorLeft = operatorsLeft.filter(countsAsOperator).length;
  let riskLeft = siloRisk(busFactorLeft, silo.servingCritical);
  if (truckFactorLeft !== undefined && truckFactorLeft !== null) {
    riskLeft = worseRisk(
      riskLeft,
      siloRisk(truckFactorLeft, silo.servingCritical),
    );
  }
  return {
    operatorsLeft,
    busFactorBefore: silo.operators.filter(countsAsOperator).length,
    busFactorLeft,
    riskBefore: silo.risk,
    riskLeft,
  };
}

/**
 * A team's knowledge silos over the components its groups own: which components depend on
 * one person, and who those people are.
 * @public
 */
export function summarizeTeamKnowledge(
  teamRef: string,
  groupRefs: string[],
  components: ReadonlyArray<{
    entityRef: string;
    title?: string;
    silo: KnowledgeSiloSummary;
  }>,
): TeamKnowledgeSummary {
  const rows: TeamComponentKnowledge[] = components.map(c => {
    const tf = c.silo.truckFactor;
    const active = tf?.activeTruckFactor ?? null;
    return {
      entityRef: c.entityRef,
      ...(c.title ? { title: c.title } : {}),
      tier: c.silo.tier,
      servingCritical: c.silo.servingCritical,
      busFactor: c.silo.busFactor,
      risk: c.silo.risk,
      truckFactorStatus: tf?.status ?? 'none',
      truckFactor: tf?.truckFactor ?? null,
      activeTruckFactor: active,
      lostFiles: tf?.lostFiles.count ?? 0,
      operators: c.silo.operators.filter(countsAsOperator).map(o => o.userRef),
      singlePersonDependency:
        c.silo.singlePersonDependency ??
        (c.silo.busFactor <= 1 || (active !== null && active <= 1)),
      keyPeople: c.silo.keyPeople ?? [],
    };
  });
  rows.sort(
    (a, b) =>
      RISK_ORDER.indexOf(b.risk) - RISK_ORDER.indexOf(a.risk) ||
      Number(b.servingCritical) - Number(a.servingCritical) ||
      a.entityRef.localeCompare(b.entityRef),
  );

  const people = new Map<string, KeyPerson>();
  for (const row of rows) {
    for (const person of row.keyPeople) {
      const entry = people.get(person) ?? {
        person,
        components: [],
        servingCriticalComponents: [],
      };
      entry.components.push(row.entityRef);
      if (row.servingCritical)
        entry.servingCriticalComponents.push(row.entityRef);
      people.set(person, entry);
    }
  }
  const keyPeople = [...people.values()].sort(
    (a, b) =>
      b.servingCriticalComponents.length - a.servingCriticalComponents.length ||
      b.components.length - a.components.length ||
      a.person.localeCompare(b.person),
  );

  const single = rows.filter(r => r.singlePersonDependency);
  return {
    teamRef,
    groupRefs,
    components: rows,
    totals: {
      components: rows.length,
      servingCritical: rows.filter(r => r.servingCritical).length,
      singlePersonDependencies: single.length,
      servingCriticalSinglePerson: single.filter(r => r.servingCritical).length,
      withoutOperators: rows.filter(r => r.busFactor === 0).length,
      analyzed: rows.filter(r => r.truckFactor !== null).length,
      lostFiles: rows.reduce((sum, r) => sum + r.lostFiles, 0),
    },
    keyPeople,
    risk: rows.reduce<SiloRisk>((acc, r) => worseRisk(acc, r.risk), 'low'),
  };
}
