import type { ListItem, RootContent } from 'mdast';
import {
  emphasis,
  heading,
  item,
  list,
  paragraph,
  paragraphs,
  Phrase,
  strong,
  table,
  text,
  toMarkdown,
} from '../markdown';
import { OPS_LOAD_CAP } from '../opsLoad';
import { PHASES } from '../phases';
import { stressorTitle } from '../stressors';
import { formatShare } from './report';
import type { AfterActionReport, OpsFigure, StressorFigure } from './types';

/** `group:default/payments` → `payments`. */
function short(ref: string): string {
  const m = /^[^:]+:([^/]+)\/(.+)$/.exec(ref);
  if (!m) return ref;
  return m[1] === 'default' ? m[2] : `${m[1]}/${m[2]}`;
}

const phaseTitle = (phase: string) =>
  PHASES.find(p => p.phase === phase)?.title ?? phase;

function stressorItem(f: StressorFigure, prefix = ''): ListItem {
  return item([
    `${prefix}${stressorTitle(f.stressorKey)} (${f.stressLevel}/5) on ${short(
      f.entityRef,
    )}`,
    f.evidence ? [': ', text(f.evidence)] : [],
  ]);
}

function opsRow(label: string, ops: OpsFigure | null | undefined): Phrase[] {
  if (!ops) return [label, '—', '—', '—'];
  const weeks = ops.weeks;
  const span = weeks.length
    ? `${weeks[0].weekStart} to ${weeks[weeks.length - 1].weekStart}`
    : '—';
  return [
    label,
    formatShare(ops.opsShare),
    `${ops.weeksOverCap} of ${weeks.length}`,
    span,
  ];
}

/**
 * The after-action report as Markdown, for download and for the team's docs. It is built as
 * a Markdown tree: text written by people is only ever text (no headings, HTML, images or
 * code of theirs), and the only links are the http(s) URLs they typed.
 * @public
 */
export function renderAfterActionReportMarkdown(
  report: AfterActionReport,
): string {
  const doc: RootContent[] = [];
  const push = (...blocks: RootContent[]) => doc.push(...blocks);
  const team = short(report.teamRef);
  const { problem } = report;

  push(heading(1, `After-action report: ${team}`));
  push(
    list([
      item([strong('Team:'), ' ', text(report.teamRef)]),
      item([strong('Embedded SRE:'), ' ', text(report.sreRef)]),
      item([
        strong('Engagement:'),
        ` ${report.startDate} to ${report.endDate ?? 'ongoing'}`,
      ]),
      ...(report.schedule
        ? [item([strong('Plan:'), ' ', text(report.schedule)])]
        : []),
      item([
        strong('Situation:'),
        ' ',
        report.situationFocus
          ? text(`${report.situation} — focus: ${report.situationFocus}`)
          : 'not sorted',
      ]),
      ...(report.situationNotes
        ? [item([strong('Notes:'), ' ', text(report.situationNotes)])]
        : []),
    ]),
  );
  push(heading(2, 'Goals'));
  const goals = paragraphs(report.goals ?? '');
  push(
    ...(goals.length
      ? goals
      : [paragraph(emphasis('No goals were written down.'))]),
  );

  push(heading(2, 'The problem, in numbers'));
  if (problem.statements.length > 0) {
    push(list(problem.statements.map(s => item(text(s)))));
  }
  push(
    heading(3, `Ops load (cap ${formatShare(OPS_LOAD_CAP)})`),
    table(
      ['', 'Ops share', 'Weeks above the cap', 'Weeks'],
      [
        opsRow('Before the engagement', problem.start?.ops),
        ...(problem.during
          ? [opsRow('During the engagement', problem.during)]
          : []),
        opsRow('At the end', problem.end.ops),
      ],
    ),
  );
  if (problem.end.slos && problem.end.slos.length > 0) {
    push(
      heading(3, 'SLOs and error budgets'),
      table(
        [
          'SLO',
          'Service',
          'Target',
          'SLI at start',
          'SLI at end',
          'Budget left at start',
          'Budget left at end',
        ],
        problem.end.slos.map(slo => {
          const before = problem.start?.slos?.find(
            x => x.entityRef === slo.entityRef && x.name === slo.name,
          );
          return [
            text(slo.displayName || slo.name),
            short(slo.entityRef),
            formatShare(slo.target, 3),
            formatShare(before?.sli, 2),
            formatShare(slo.sli, 2),
            formatShare(before?.budgetRemaining),
            formatShare(slo.budgetRemaining),
          ];
        }),
      ),
    );
  }
  if (problem.start && problem.start.stressors.flags.length > 0) {
    push(
      heading(3, 'Stressors open at the start'),
      list(problem.start.stressors.flags.map(f => stressorItem(f))),
    );
  }
  if (problem.resolvedStressors.length > 0) {
    push(
      heading(3, 'Stressors resolved'),
      list(problem.resolvedStressors.map(f => stressorItem(f))),
    );
  }
  if (problem.newStressors.length > 0) {
    push(
      heading(3, 'Stressors found during the engagement'),
      paragraph(
        emphasis(
          "Discoveries, not regressions: naming the team's stressors is phase 1's work.",
        ),
      ),
      list(problem.newStressors.map(f => stressorItem(f))),
    );
  }
  if (problem.summary) {
    push(
      heading(3, 'What must change, in the SRE’s words'),
      ...paragraphs(problem.summary),
    );
  }

  push(heading(2, 'What was decided, phase by phase'));
  for (const phase of report.phases) {
    push(heading(3, phase.title));
    if (phase.checklist.length > 0) {
      push(
        list(
          phase.checklist.map(c =>
            item(
              [
                c.title,
                c.evidence ? [' — ', text(c.evidence)] : [],
                c.postmortem
                  ? [' (postmortem led: ', text(c.postmortem.title), ')']
                  : [],
                c.tickedEarlyIn
                  ? [
                      ' ',
                      emphasis(
                        `(ticked early, in ${phaseTitle(c.tickedEarlyIn)})`,
                      ),
                    ]
                  : [],
              ],
              { checked: c.done },
            ),
          ),
        ),
      );
    }
    if (phase.decisions.length > 0) {
      push(
        paragraph(strong('Decisions')),
        list(
          phase.decisions.map(d =>
            item(strong(text(d.decision)), {
              children: [
                list([
                  item(['Why: ', text(d.reason)]),
                  item(['Example: ', text(d.example)]),
                ]),
              ],
            }),
          ),
        ),
      );
    }
    if (phase.questions.length > 0) {
      push(
        paragraph(strong('Questions asked')),
        list(
          phase.questions.map(q =>
            item(
              [
                'Q',
                q.askedTo ? [' (to ', text(q.askedTo), ')'] : [],
                ': ',
                text(q.question),
              ],
              {
                children: [
                  list([
                    item([
                      'A: ',
                      q.answer ? text(q.answer) : emphasis('not answered'),
                    ]),
                  ]),
                ],
              },
            ),
          ),
        ),
      );
    }
    for (const m of phase.movedOn) {
      push(
        paragraph(
          emphasis(
            `Moved to ${phaseTitle(m.to)}${
              m.openItems.length
                ? ` with ${m.openItems.length} item(s) open`
                : ''
            }: `,
            text(m.reason),
          ),
        ),
      );
    }
  }

  push(heading(2, `Kindling cleared (${report.kindling.progress.label})`));
  if (report.kindling.cleared.length === 0) {
    push(paragraph(emphasis('None.')));
  } else {
    push(
      list(
        report.kindling.cleared.map(k =>
          item(
            [
              strong(text(k.title)),
              ` — ${short(k.assigneeRef)}, reviewed by ${short(k.reviewerRef)}${
                k.doneAt ? `, done ${k.doneAt.slice(0, 10)}` : ''
              }`,
            ],
            {
              children: [
                list([
                  item([
                    `Fixes for good: ${k.fixes.kind} “`,
                    text(k.fixes.label),
                    `” (${short(k.fixes.entityRef)})`,
                  ]),
                  item(['How: ', text(k.explanation)]),
                  ...(k.interrupts ?? []).map(evidence =>
                    item(['Interrupts: ', text(evidence)]),
                  ),
                ]),
              ],
            },
          ),
        ),
      ),
    );
  }

  push(heading(2, 'What remains'));
  const { remains } = report;
  const open: ListItem[] = [
    ...remains.kindling.map(k =>
      item([
        `Kindling (${k.state}): `,
        text(k.title),
        ` — ${short(k.assigneeRef)}`,
      ]),
    ),
    ...remains.stressors.map(f => stressorItem(f, 'Open stressor: ')),
    ...remains.checklist.map(c =>
      item(`Not done (${phaseTitle(c.phase)}): ${c.title}`),
    ),
  ];
  push(open.length ? list(open) : paragraph(emphasis('Nothing open.')));

  push(heading(2, 'Principles for new situations'));
  if (report.principles.team.length > 0) {
    push(
      heading(3, 'The team’s'),
      list(report.principles.team.map(p => item(text(p)))),
    );
  }
  push(
    heading(3, 'The book’s, with their logic'),
    list(
      report.principles.book.map(p =>
        item([strong(p.principle), ` ${p.logic}`]),
      ),
    ),
  );
  push(
    paragraph(
      emphasis(
        `Generated ${report.generatedAt} by ${report.generatedBy} from the engagement record.`,
      ),
    ),
  );
  return toMarkdown(doc);
}
