import { OPS_LOAD_CAP } from '../opsLoad';
import { PHASES } from '../phases';
import { stressorTitle } from '../stressors';
import type { Engagement, OpsLoadSample } from '../types';
import {
  ENGAGEMENT_CHECKLIST,
  situationDefinition,
  tickedEarlyIn,
} from './checklist';
import { stressorIdentity, weeksBetween } from './figures';
import { kindlingProgress } from './kindling';
import { scheduleStatement } from './plan';
import { principlesFor } from './principles';
import type {
  AfterActionReport,
  ChecklistTick,
  EngagementDecision,
  EngagementFigures,
  EngagementProfile,
  KindlingItem,
  OpsFigure,
  LeadingQuestion,
  PhaseTransition,
  ReportPhase,
  WorkPhase,
} from './types';

/** Everything an after-action report is generated from. @public */
export interface AfterActionReportInput {
  engagement: Engagement;
  profile: EngagementProfile | null;
  ticks: ReadonlyArray<ChecklistTick>;
  decisions: ReadonlyArray<EngagementDecision>;
  kindling: ReadonlyArray<KindlingItem>;
  questions: ReadonlyArray<LeadingQuestion>;
  transitions: ReadonlyArray<PhaseTransition>;
  samples: ReadonlyArray<OpsLoadSample>;
  /**
   * The interrupt ledger's evidence by kindling item id: for each cause linked to a cleared
   * item, e.g. `alert:diskfull: fell from 6/wk to 1/wk`.
   */
  interruptEvidence?: ReadonlyMap<string, string[]>;
  startFigures: EngagementFigures | null;
  endFigures: EngagementFigures;
  /** The close date (YYYY-MM-DD), or today for a preview. */
  endDate: string;
  generatedAt: string;
  generatedBy: string;
}

/** A fraction as a percentage: 0.614 → `61%` (digits after the point optional). @public */
export function formatShare(
  value: number | null | undefined,
  digits = 0,
): string {
  if (value === null || value === undefined || !Number.isFinite(value)) {
    return '—';
  }
  return `${Number((value * 100).toFixed(digits))}%`;
}

function points(delta: number): string {
  const p = Math.round(delta * 100);
  let sign = '±';
  if (p > 0) sign = '+';
  if (p < 0) sign = '−';
  return `${sign}${Math.abs(p)} points`;
}

/** The postmortem an item links to: the one the SRE led. */
function led(tick: ChecklistTick | undefined) {
  return tick?.postmortem ? { postmortem: tick.postmortem } : {};
}

/** The report's note of an item ticked before its phase. */
function early(tick: ChecklistTick | undefined) {
  const at = tick && tickedEarlyIn(tick);
  return at ? { tickedEarlyIn: at } : {};
}

const WORK_PHASES = PHASES.map(p => p.phase).filter(
  (p): p is WorkPhase => p !== 'closed',
);

/**
 * Stressors open at the end that were not at the start. The engagement's first job is to
 * name the team's stressors, so they read as what they are: found, not new problems.
 */
function found(added: number): string {
  if (added === 0) return 'none found during the engagement';
  return `${added} found during the engagement (${
    added === 1
      ? 'a discovery, not a regression'
      : 'discoveries, not regressions'
  }: naming the stressors is phase 1's work)`;
}

/** The report's statements of the problem, in numbers. */
function statements(
  start: EngagementFigures | null,
  end: EngagementFigures,
  during: OpsFigure,
  resolved: number,
  added: number,
): string[] {
  const out: string[] = [];
  const cap = formatShare(OPS_LOAD_CAP);
  const s = start?.ops.opsShare ?? null;
  const e = end.ops.opsShare;
  const side = (v: number) => (v > OPS_LOAD_CAP ? 'above' : 'within');
  if (s !== null && e !== null) {
    out.push(
      `Ops work took ${formatShare(s)} of the team's time in the ${
        start!.ops.weeks.length
      } weeks before the engagement (${side(
        s,
      )} the ${cap} cap) and ${formatShare(e)} in the last ${
        end.ops.weeks.length
      } weeks (${side(e)} the cap): ${points(e - s)}.`,
    );
  } else if (e !== null) {
    out.push(
      `Ops work took ${formatShare(e)} of the team's time in the last ${
        end.ops.weeks.length
      } weeks (${side(e)} the ${cap} cap); no samples before the engagement.`,
    );
  } else {
    out.push('No ops-load samples were recorded for the team.');
  }
  if (during.weeks.length > 0) {
    out.push(
      `${during.weeksOverCap} of ${during.weeks.length} sampled weeks during the engagement were above the ${cap} cap.`,
    );
  }
  const services = `${end.services.length} service${
    end.services.length === 1 ? '' : 's'
  }`;
  if (start) {
    const top = start.stressors.flags[0];
    out.push(
      `Open stressors on the team's ${services}: ${
        start.stressors.open
      } at the start${
        top
          ? ` (largest: ${stressorTitle(top.stressorKey)}, ${
              top.stressLevel
            }/5 on ${top.entityRef})`
          : ''
      }, ${end.stressors.open} at the end: ${resolved} resolved, ${found(
        added,
      )}.`,
    );
  } else {
    out.push(
      `Open stressors on the team's ${services} at the end: ${end.stressors.open}.`,
    );
  }
  const startSlos = start?.slos ?? null;
  for (const slo of end.slos ?? []) {
    const before = startSlos?.find(
      x => x.entityRef === slo.entityRef && x.name === slo.name,
    );
    const name = `${slo.displayName || slo.name} (${
      slo.entityRef
    }, target ${formatShare(slo.target, 3)})`;
    if (before) {
      out.push(
        `${name}: SLI ${formatShare(before.sli, 2)} → ${formatShare(
          slo.sli,
          2,
        )}; error budget left ${formatShare(
          before.budgetRemaining,
        )} → ${formatShare(slo.budgetRemaining)}.`,
      );
    } else {
      out.push(
        `${name}: ${
          startSlos ? 'new during the engagement' : 'no figure at the start'
        }; SLI ${formatShare(slo.sli, 2)}, error budget left ${formatShare(
          slo.budgetRemaining,
        )}.`,
      );
    }
  }
  if ((end.slos ?? []).length === 0) {
    out.push("The team's services have no SLO yet.");
  }
  return out;
}

/**
 * Generates the after-action ("postvitam") report from an engagement's record: the problem
 * stated in numbers (start against end), what was decided in each phase with reasons and
 * examples, the kindling cleared, what remains, and the principles for new situations.
 * Pure: the same record gives the same report.
 * @public
 */
export function buildAfterActionReport(
  input: AfterActionReportInput,
): AfterActionReport {
  const { engagement, profile, startFigures: start, endFigures: end } = input;
  const ticks = new Map(input.ticks.map(t => [t.itemKey, t]));
  const during = weeksBetween(
    input.samples,
    engagement.startDate,
    input.endDate,
  );
  const startKeys = new Set(
    (start?.stressors.flags ?? []).map(stressorIdentity),
  );
  const endKeys = new Set(end.stressors.flags.map(stressorIdentity));
  const resolvedStressors = (start?.stressors.flags ?? []).filter(
    f => !endKeys.has(stressorIdentity(f)),
  );
  const newStressors = start
    ? end.stressors.flags.filter(f => !startKeys.has(stressorIdentity(f)))
    : [];

  const phases: ReportPhase[] = WORK_PHASES.map(phase => ({
    phase,
    title: PHASES.find(p => p.phase === phase)!.title,
    checklist: ENGAGEMENT_CHECKLIST.filter(i => i.phase === phase).map(i => ({
      key: i.key,
      title: i.title,
      done: ticks.has(i.key),
      evidence: ticks.get(i.key)?.evidence ?? null,
      ...early(ticks.get(i.key)),
      ...led(ticks.get(i.key)),
    })),
    decisions: input.decisions
      .filter(d => d.phase === phase)
      .map(d => ({
        decision: d.decision,
        reason: d.reason,
        example: d.example,
      })),
    questions: input.questions
      .filter(q => q.phase === phase)
      .map(q => ({
        question: q.question,
        askedTo: q.askedTo,
        answer: q.answer,
      })),
    movedOn: input.transitions
      .filter(t => t.from === phase && t.reason)
      .map(t => ({ to: t.to, reason: t.reason!, openItems: t.openItems })),
  }));

  const progress = kindlingProgress(input.kindling);
  const situation = profile?.situation ?? null;
  const endDate =
    engagement.endDate ??
    (engagement.phase === 'closed' ? input.endDate : null);
  return {
    engagementId: engagement.id,
    teamRef: engagement.teamRef,
    sreRef: engagement.sreRef,
    startDate: engagement.startDate,
    endDate,
    plannedEndDate: engagement.plannedEndDate,
    schedule: scheduleStatement({
      startDate: engagement.startDate,
      plannedEndDate: engagement.plannedEndDate,
      endDate,
      today: input.endDate,
    }),
    goals: engagement.goals,
    situation,
    situationFocus: situationDefinition(situation)?.focus ?? null,
    situationNotes: profile?.situationNotes ?? '',
    problem: {
      summary: profile?.summary ?? '',
      start,
      end,
      weeksOverCapDuring: during.weeksOverCap,
      weeksDuring: during.weeks.length,
      during,
      resolvedStressors,
      newStressors,
      statements: statements(
        start,
        end,
        during,
        resolvedStressors.length,
        newStressors.length,
      ),
    },
    phases,
    kindling: {
      progress,
      cleared: input.kindling
        .filter(k => k.state === 'done')
        .map(k => ({
          title: k.title,
          explanation: k.explanation,
          fixes: k.fixes,
          assigneeRef: k.assigneeRef,
          reviewerRef: k.reviewerRef,
          doneAt: k.doneAt,
          ...(input.interruptEvidence?.get(k.id)?.length
            ? { interrupts: [...input.interruptEvidence.get(k.id)!] }
            : {}),
        })),
    },
    remains: {
      kindling: input.kindling
        .filter(k => k.state !== 'done')
        .map(k => ({
          title: k.title,
          state: k.state,
          assigneeRef: k.assigneeRef,
        })),
      stressors: end.stressors.flags,
      checklist: ENGAGEMENT_CHECKLIST.filter(i => !ticks.has(i.key)).map(i => ({
        phase: i.phase,
        title: i.title,
      })),
    },
    principles: {
      team: profile?.principles ?? [],
      book: principlesFor(situation).map(p => ({
        principle: p.principle,
        logic: p.logic,
      })),
    },
    generatedAt: input.generatedAt,
    generatedBy: input.generatedBy,
  };
}
