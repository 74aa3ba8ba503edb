import type { Engagement } from '../types';
import { renderAfterActionReportMarkdown } from './markdown';
import { buildAfterActionReport } from './report';
import type { ChecklistTick, EngagementFigures } from './types';

/* Issue #16: the report keeps the link to the postmortem the SRE led, not just a tick. */

const TEAM = 'group:default/payments-team';
const SERVICE = 'component:default/payments-api';
const LED = {
  id: 'pm-1',
  title: 'Card authorisations time out after every deploy',
  entityRef: SERVICE,
};

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
  plannedEndDate: '2026-05-01',
  concurrentReason: null,
  goals: '',
  createdBy: 'user:default/alice',
};

const figures: EngagementFigures = {
  at: '2026-02-02T00:00:00.000Z',
  source: 'snapshot',
  services: [SERVICE],
  ops: { opsShare: null, weeks: [], weeksOverCap: 0 },
  stressors: { open: 0, flags: [] },
  slos: [],
};

const tick = (
  itemKey: string,
  more: Partial<ChecklistTick>,
): ChecklistTick => ({
  id: itemKey,
  version: 1,
  createdAt: '2026-02-12T00:00:00.000Z',
  updatedAt: '2026-02-12T00:00:00.000Z',
  engagementId: 'e1',
  teamRef: TEAM,
  phase: 'share-context',
  itemKey,
  evidence: 'Led it blameless',
  tickedBy: 'user:default/alice',
  tickedInPhase: 'share-context',
  ...more,
});

describe('the postmortem led, in the after-action report', () => {
  const report = buildAfterActionReport({
    engagement,
    profile: null,
    ticks: [
      tick('postmortem-led', { postmortem: LED }),
      tick('fires-sorted', { postmortem: null }),
    ],
    decisions: [],
    kindling: [],
    questions: [],
    transitions: [],
    samples: [],
    startFigures: figures,
    endFigures: figures,
    endDate: '2026-05-15',
    generatedAt: '2026-05-15T10:00:00.000Z',
    generatedBy: 'user:default/alice',
  });
  const share = report.phases.find(p => p.phase === 'share-context')!;

  it('links "led the next postmortem" to the postmortem that was led', () => {
    expect(share.checklist.find(c => c.key === 'postmortem-led')).toMatchObject(
      { done: true, evidence: 'Led it blameless', postmortem: LED },
    );
    expect(
      share.checklist.find(c => c.key === 'fires-sorted')!.postmortem,
    ).toBeUndefined();
  });

  it('names it in the Markdown', () => {
    const markdown = renderAfterActionReportMarkdown(report);
    expect(markdown).toContain(
      'Led the next postmortem, blameless — Led it blameless (postmortem led: Card authorisations time out after every deploy)',
    );
  });
});
