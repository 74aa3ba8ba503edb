import { OPS_LOAD_CAP } from '../opsLoad';
import { PHASES } from '../phases';
import { stressorTitle } from '../stressors';
import { formatShare } from './report';
import type { AfterActionReport, OpsFigure, StressorFigure } from './types';

/** Plain text inside Markdown: no raw HTML, no accidental headings or lists. */
function text(value: string): string {
  return value
    .replace(/\r\n?/g, '\n')
    .replace(/</g, '&lt;')
    .replace(/^([#>+\-*]|\d+\.)(\s)/gm, '\\$1$2')
    .trim();
}

/** One line of a list or table cell: newlines become spaces, pipes are escaped. */
function inline(value: string): string {
  return text(value).replace(/\n+/g, ' ').replace(/\|/g, '\\|');
}

/** `group:default/payments` → `payments`. */
function short(ref: string): string {
  const m = /^[^:]+:([^/]+)\/(.+)$/.exec(ref);
  if (!m) return ref;
  return m[1] === 'default' ? m[2] : `${m[1]}/${m[2]}`;
}

const phaseTitle = (phase: string) =>
  PHASES.find(p => p.phase === phase)?.title ?? phase;

function stressorLine(f: StressorFigure): string {
  return `- ${stressorTitle(f.stressorKey)} (${f.stressLevel}/5) on ${short(
    f.entityRef,
  )}${f.evidence ? `: ${inline(f.evidence)}` : ''}`;
}

function opsRow(label: string, ops: OpsFigure | null | undefined): string {
  if (!ops) return `| ${label} | — | — | — |`;
  const weeks = ops.weeks;
  const span = weeks.length
    ? `${weeks[0].weekStart} to ${weeks[weeks.length - 1].weekStart}`
    : '—';
  return `| ${label} | ${formatShare(ops.opsShare)} | ${ops.weeksOverCap} of ${
    weeks.length
  } | ${span} |`;
}

/**
 * The after-action report as Markdown, for download and for the team's docs. Text written
 * by people is escaped, so the file renders as plain text wherever it is shown.
 * @public
 */
export function renderAfterActionReportMarkdown(
  report: AfterActionReport,
): string {
  const lines: string[] = [];
  const push = (...l: string[]) => lines.push(...l);
  const team = short(report.teamRef);
  const { problem } = report;

  push(`# After-action report: ${team}`, '');
  push(
    `- **Team:** ${report.teamRef}`,
    `- **Embedded SRE:** ${report.sreRef}`,
    `- **Engagement:** ${report.startDate} to ${report.endDate ?? 'ongoing'}`,
    `- **Situation:** ${
      report.situationFocus
        ? `${report.situation} — focus: ${report.situationFocus}`
        : 'not sorted'
    }`,
  );
  if (report.situationNotes)
    push(`- **Notes:** ${inline(report.situationNotes)}`);
  push('');
  push(
    '## Goals',
    '',
    report.goals ? text(report.goals) : '_No goals were written down._',
    '',
  );

  push('## The problem, in numbers', '');
  for (const s of problem.statements) push(`- ${inline(s)}`);
  push('');
  push(
    `### Ops load (cap ${formatShare(OPS_LOAD_CAP)})`,
    '',
    '| | Ops share | Weeks above the cap | Weeks |',
    '|---|---|---|---|',
    opsRow('Before the engagement', problem.start?.ops),
    ...(problem.during
      ? [opsRow('During the engagement', problem.during)]
      : []),
    opsRow('At the end', problem.end.ops),
    '',
  );
  if (problem.end.slos && problem.end.slos.length > 0) {
    push(
      '### SLOs and error budgets',
      '',
      '| SLO | Service | Target | SLI at start | SLI at end | Budget left at start | Budget left at end |',
      '|---|---|---|---|---|---|---|',
    );
    for (const slo of problem.end.slos) {
      const before = problem.start?.slos?.find(
        x => x.entityRef === slo.entityRef && x.name === slo.name,
      );
      push(
        `| ${inline(slo.displayName || slo.name)} | ${short(
          slo.entityRef,
        )} | ${formatShare(slo.target, 3)} | ${formatShare(
          before?.sli,
          2,
        )} | ${formatShare(slo.sli, 2)} | ${formatShare(
          before?.budgetRemaining,
        )} | ${formatShare(slo.budgetRemaining)} |`,
      );
    }
    push('');
  }
  if (problem.start && problem.start.stressors.flags.length > 0) {
    push('### Stressors open at the start', '');
    problem.start.stressors.flags.forEach(f => push(stressorLine(f)));
    push('');
  }
  if (problem.resolvedStressors.length > 0) {
    push('### Stressors resolved', '');
    problem.resolvedStressors.forEach(f => push(stressorLine(f)));
    push('');
  }
  if (problem.summary) {
    push(
      '### What must change, in the SRE’s words',
      '',
      text(problem.summary),
      '',
    );
  }

  push('## What was decided, phase by phase', '');
  for (const phase of report.phases) {
    push(`### ${phase.title}`, '');
    for (const item of phase.checklist) {
      push(
        `- [${item.done ? 'x' : ' '}] ${item.title}${
          item.evidence ? ` — ${inline(item.evidence)}` : ''
        }`,
      );
    }
    push('');
    if (phase.decisions.length > 0) {
      push('**Decisions**', '');
      for (const d of phase.decisions) {
        push(
          `- **${inline(d.decision)}**`,
          `  - Why: ${inline(d.reason)}`,
          `  - Example: ${inline(d.example)}`,
        );
      }
      push('');
    }
    if (phase.questions.length > 0) {
      push('**Questions asked**', '');
      for (const q of phase.questions) {
        push(
          `- Q${q.askedTo ? ` (to ${inline(q.askedTo)})` : ''}: ${inline(
            q.question,
          )}`,
          `  - A: ${q.answer ? inline(q.answer) : '_not answered_'}`,
        );
      }
      push('');
    }
    for (const m of phase.movedOn) {
      push(
        `_Moved to ${phaseTitle(m.to)}${
          m.openItems.length ? ` with ${m.openItems.length} item(s) open` : ''
        }: ${inline(m.reason)}_`,
        '',
      );
    }
  }

  push(`## Kindling cleared (${report.kindling.progress.label})`, '');
  if (report.kindling.cleared.length === 0) push('_None._');
  for (const k of report.kindling.cleared) {
    push(
      `- **${inline(k.title)}** — ${short(k.assigneeRef)}, reviewed by ${short(
        k.reviewerRef,
      )}${k.doneAt ? `, done ${k.doneAt.slice(0, 10)}` : ''}`,
      `  - Fixes for good: ${k.fixes.kind} “${inline(k.fixes.label)}” (${short(
        k.fixes.entityRef,
      )})`,
      `  - How: ${inline(k.explanation)}`,
    );
  }
  push('');

  push('## What remains', '');
  const { remains } = report;
  if (
    remains.kindling.length +
      remains.stressors.length +
      remains.checklist.length ===
    0
  ) {
    push('_Nothing open._');
  }
  for (const k of remains.kindling) {
    push(
      `- Kindling (${k.state}): ${inline(k.title)} — ${short(k.assigneeRef)}`,
    );
  }
  remains.stressors.forEach(f =>
    push(stressorLine(f).replace(/^- /, '- Open stressor: ')),
  );
  for (const c of remains.checklist) {
    push(`- Not done (${phaseTitle(c.phase)}): ${c.title}`);
  }
  push('');

  push('## Principles for new situations', '');
  if (report.principles.team.length > 0) {
    push('### The team’s', '');
    report.principles.team.forEach(p => push(`- ${inline(p)}`));
    push('');
  }
  push('### The book’s, with their logic', '');
  for (const p of report.principles.book) {
    push(`- **${p.principle}** ${p.logic}`);
  }
  push('');
  push(
    `_Generated ${report.generatedAt} by ${report.generatedBy} from the engagement record._`,
    '',
  );
  return lines.join('\n');
}
