import type { Engagement } from '../types';
import { tickedEarlyIn } from './checklist';
import { renderAfterActionReportMarkdown } from './markdown';
import { buildAfterActionReport } from './report';
import type { ChecklistTick, EngagementFigures, StressorFigure } from './types';

const TEAM = 'group:default/payments-team';
const SERVICE = 'component:default/payments-api';

const engagement: Engagement = {
  id: 'e1',
  version: 5,
  createdAt: '2026-02-02T09:00:00.000Z',
  updatedAt: '2026-05-15T09:00:00.000Z',
  teamRef: TEAM,
  sreRef: 'user:default/alice',
  phase: 'closed',
  startDate: '2026-02-02',
  endDate: '2026-05-15',
  plannedEndDate: '2026-04-24',
  concurrentReason: null,
  goals: '',
  createdBy: 'user:default/alice',
};

const stressor = (stressorKey: string, stressLevel = 3): StressorFigure => ({
  entityRef: SERVICE,
  stressorKey,
  stressLevel,
  evidence: '',
});

const figures = (flags: StressorFigure[]): EngagementFigures => ({
  at: '2026-02-02T00:00:00.000Z',
  source: 'snapshot',
  services: [SERVICE],
  ops: { opsShare: null, weeks: [], weeksOverCap: 0 },
  stressors: { open: flags.length, flags },
  slos: [],
});

const tick = (
  itemKey: string,
  phase: ChecklistTick['phase'],
  tickedInPhase: ChecklistTick['tickedInPhase'],
): ChecklistTick => ({
  id: itemKey,
  version: 1,
  createdAt: '2026-02-04T00:00:00.000Z',
  updatedAt: '2026-02-04T00:00:00.000Z',
  engagementId: 'e1',
  teamRef: TEAM,
  phase,
  itemKey,
  evidence: 'the checkout outage, led blameless',
  tickedBy: 'user:default/alice',
  tickedInPhase,
});

function report(
  ticks: ChecklistTick[] = [],
  extra: Partial<Parameters<typeof buildAfterActionReport>[0]> = {},
) {
  return buildAfterActionReport({
    engagement,
    profile: null,
    ticks,
    decisions: [],
    kindling: [],
    ...extra,
    questions: [],
    transitions: [],
    samples: [],
    startFigures: figures([
      stressor('undiagnosed-alerts', 4),
      stressor('knowledge-gap'),
      stressor('next-big-thing'),
      stressor('naive-capacity-plan'),
    ]),
    endFigures: figures([
      stressor('knowledge-gap'),
      stressor('next-big-thing'),
      stressor('naive-capacity-plan'),
      stressor('devs-own-it'),
      stressor('complaints-without-slo'),
      stressor('rollback-only-postmortems'),
    ]),
    endDate: '2026-05-15',
    generatedAt: '2026-05-15T10:00:00.000Z',
    generatedBy: 'user:default/alice',
  });
}

describe('the after-action report', () => {
  it("quotes the interrupt ledger's evidence under a cleared kindling item", () => {
    const item = {
      id: 'k1',
      version: 1,
      createdAt: '2026-04-01T00:00:00.000Z',
      updatedAt: '2026-04-20T00:00:00.000Z',
      engagementId: engagement.id,
      teamRef: engagement.teamRef,
      title: 'Replay refunds automatically',
      explanation: 'an idempotent replay job',
      fixes: {
        kind: 'postmortem' as const,
        id: 'p1',
        label: 'Refunds stalled',
        entityRef: 'component:default/payments-api',
      },
      assigneeRef: 'user:default/carol',
      reviewerRef: 'user:default/alice',
      state: 'done' as const,
      reviewedBy: 'user:default/alice',
      doneAt: '2026-04-20T00:00:00.000Z',
      author: 'user:default/alice',
    };
    const r = report([], {
      kindling: [item],
      interruptEvidence: new Map([
        ['k1', ['interrupt:refund replay: fell from 6/wk to 1/wk']],
      ]),
    });
    expect(r.kindling.cleared[0].interrupts).toEqual([
      'interrupt:refund replay: fell from 6/wk to 1/wk',
    ]);
    expect(renderAfterActionReportMarkdown(r)).toContain(
      '- Interrupts: interrupt:refund replay: fell from 6/wk to 1/wk',
    );
    expect(report().kindling.cleared).toEqual([]);
  });

  it('reads stressors found during the engagement as discoveries, not regressions', () => {
    const { problem } = report();
    expect(problem.newStressors).toHaveLength(3);
    const statement = problem.statements.find(s =>
      s.startsWith('Open stressors'),
    );
    expect(statement).toBe(
      "Open stressors on the team's 1 service: 4 at the start (largest: Undiagnosed common alerts, 4/5 on component:default/payments-api), 6 at the end: 1 resolved, 3 found during the engagement (discoveries, not regressions: naming the stressors is phase 1's work).",
    );
    expect(statement).not.toMatch(/\bnew\b/);

    const md = renderAfterActionReportMarkdown(report());
    expect(md).toContain('### Stressors found during the engagement');
    expect(md).toContain(
      "_Discoveries, not regressions: naming the team's stressors is phase 1's work._",
    );
    expect(md).toContain('- "The developers own it" (3/5) on payments-api');
  });

  it('compares the end with the planned end', () => {
    const r = report();
    expect(r.plannedEndDate).toBe('2026-04-24');
    expect(r.schedule).toBe(
      'Planned for 12 weeks, to end 2026-04-24; it ended 2026-05-15, 3 weeks later than planned.',
    );
    expect(renderAfterActionReportMarkdown(r)).toContain(
      '- **Plan:** Planned for 12 weeks, to end 2026-04-24; it ended 2026-05-15, 3 weeks later than planned.',
    );
  });

  it('says which items were ticked early, before their phase', () => {
    const early = tick('postmortem-led', 'share-context', 'learn');
    expect(tickedEarlyIn(early)).toBe('learn');
    expect(tickedEarlyIn(tick('shadowed-on-call', 'learn', 'learn'))).toBe(
      undefined,
    );
    expect(tickedEarlyIn(tick('postmortem-led', 'share-context', null))).toBe(
      undefined,
    );
    const r = report([early, tick('shadowed-on-call', 'learn', 'learn')]);
    const share = r.phases.find(p => p.phase === 'share-context')!;
    expect(share.checklist.find(c => c.key === 'postmortem-led')).toEqual({
      key: 'postmortem-led',
      title: 'Led the next postmortem, blameless',
      done: true,
      evidence: 'the checkout outage, led blameless',
      tickedEarlyIn: 'learn',
    });
    const learn = r.phases.find(p => p.phase === 'learn')!;
    expect(
      learn.checklist.find(c => c.key === 'shadowed-on-call'),
    ).not.toHaveProperty('tickedEarlyIn');
    expect(renderAfterActionReportMarkdown(r)).toContain(
      '- [x] Led the next postmortem, blameless — the checkout outage, led blameless _(ticked early, in Learn the service)_',
    );
  });
});
