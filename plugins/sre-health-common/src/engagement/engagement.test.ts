import type { Engagement, OpsLoadSample } from '../types';
import { openChecklistItems, phasesLeft } from './checklist';
import {
  computeEngagementFigures,
  endOfDay,
  opsFigureAt,
  stressorsOpenAt,
  weeksBetween,
} from './figures';
import { kindlingProgress, kindlingStateProblem } from './kindling';
import { renderAfterActionReportMarkdown } from './markdown';
import { loadedQuestionHint } from './questions';
import { buildAfterActionReport, formatShare } from './report';
import {
  createKindlingItemSchema,
  startEngagementSchema,
  transitionEngagementSchema,
} from './schemas';
import { engagementTransitionProblem } from './transitions';
import type { KindlingItem } from './types';
import { testFlag } from '../__testUtils__/flags';

const TEAM = 'group:default/search-team';

function sample(
  weekStart: string,
  opsHours: number,
  projectHours: number,
): OpsLoadSample {
  return {
    id: weekStart,
    version: 1,
    createdAt: `${weekStart}T00:00:00.000Z`,
    updatedAt: `${weekStart}T00:00:00.000Z`,
    teamRef: TEAM,
    weekStart,
    opsHours,
    projectHours,
    author: 'user:default/bob',
  };
}

const flag = testFlag;

describe('phase checklist', () => {
  it('leaves the current phase and every skipped phase behind when moving on', () => {
    expect(phasesLeft('learn', 'share-context')).toEqual(['learn']);
    expect(phasesLeft('learn', 'report')).toEqual([
      'learn',
      'share-context',
      'drive-change',
    ]);
    expect(phasesLeft('report', 'closed')).toEqual(['report']);
    expect(phasesLeft('drive-change', 'learn')).toEqual([]);
    expect(
      openChecklistItems(['learn'], ['shadowed-on-call', 'slos-written']),
    ).toEqual(['team-sorted', 'stressors-prioritised']);
  });

  it('asks for a reason to move on with open items or to move back, and refuses a closed engagement', () => {
    expect(
      engagementTransitionProblem({
        from: 'learn',
        to: 'share-context',
        openItems: [],
      }),
    ).toBeUndefined();
    expect(
      engagementTransitionProblem({
        from: 'learn',
        to: 'share-context',
        openItems: ['team-sorted'],
      }),
    ).toEqual({
      status: 400,
      field: 'reason',
      message: expect.stringContaining(
        '1 checklist item is not ticked (Sorted the team',
      ),
    });
    expect(
      engagementTransitionProblem({
        from: 'learn',
        to: 'share-context',
        openItems: ['team-sorted'],
        reason: 'the team is obviously a critical one',
      }),
    ).toBeUndefined();
    expect(
      engagementTransitionProblem({
        from: 'drive-change',
        to: 'learn',
        openItems: [],
      }),
    ).toMatchObject({
      status: 400,
      field: 'reason',
      message: expect.stringContaining('moving back'),
    });
    expect(
      engagementTransitionProblem({
        from: 'drive-change',
        to: 'learn',
        openItems: [],
        reason: 'a second service joined the team',
      }),
    ).toBeUndefined();
    expect(
      engagementTransitionProblem({
        from: 'learn',
        to: 'learn',
        openItems: [],
      }),
    ).toMatchObject({ status: 400, field: 'to' });
    expect(
      engagementTransitionProblem({
        from: 'closed',
        to: 'closed',
        openItems: [],
        endDate: '2026-03-01',
      }),
    ).toEqual({
      status: 409,
      field: 'to',
      message:
        'the engagement is already closed (ended 2026-03-01); its record and after-action report are frozen',
    });
    // A blank reason is no reason.
    expect(
      engagementTransitionProblem({
        from: 'report',
        to: 'learn',
        openItems: [],
        reason: '  ',
      }),
    ).toMatchObject({ field: 'reason' });
  });
});

describe('kindling', () => {
  it('counts the cleared items against the book’s three to four', () => {
    const items = (states: KindlingItem['state'][]) =>
      states.map(state => ({ state }));
    expect(kindlingProgress(items(['done', 'in-review', 'proposed']))).toEqual({
      cleared: 1,
      total: 3,
      targetMin: 3,
      targetMax: 4,
      label: '1 of 3–4 cleared',
      reached: false,
    });
    expect(kindlingProgress(items(['done', 'done', 'done'])).label).toBe(
      '3 of 3–4 cleared',
    );
    expect(kindlingProgress(items(['done', 'done', 'done'])).reached).toBe(
      true,
    );
  });

  it('is done only after review', () => {
    expect(kindlingStateProblem('in-progress', 'done')).toMatch(
      /in-review first/,
    );
    expect(kindlingStateProblem('in-review', 'done')).toBeUndefined();
    expect(kindlingStateProblem('in-review', 'in-progress')).toBeUndefined();
    expect(kindlingStateProblem('done', 'done')).toBeUndefined();
  });
});

describe('loadedQuestionHint', () => {
  it('tells loaded questions from leading ones', () => {
    expect(loadedQuestionHint("Why didn't you fix the alert?")).toMatch(
      /loaded/,
    );
    expect(loadedQuestionHint('Who broke the deploy?')).toMatch(/blameless/);
    expect(loadedQuestionHint('Obviously this is toil, right?')).toMatch(
      /presumes/,
    );
    expect(
      loadedQuestionHint('What would tell us that this alert needs a human?'),
    ).toBeUndefined();
  });
});

describe('figures', () => {
  const samples = [
    sample('2026-01-05', 120, 80), // 60%
    sample('2026-01-12', 130, 70), // 65%
    sample('2026-01-19', 110, 90), // 55%
    sample('2026-01-26', 140, 60), // 70%
    sample('2026-02-02', 90, 110), // 45%: the engagement starts on 2026-02-02
    sample('2026-02-09', 100, 100), // 50%
    sample('2026-02-16', 80, 120), // 40%
    sample('2026-02-23', 70, 130), // 35%
    sample('2026-03-02', 60, 140), // 30%
  ];

  it('averages the four weeks before the start, and the last four until the end, hours-weighted', () => {
    const start = opsFigureAt(samples, '2026-02-02', 'before');
    expect(start.weeks.map(w => w.weekStart)).toEqual([
      '2026-01-05',
      '2026-01-12',
      '2026-01-19',
      '2026-01-26',
    ]);
    expect(start.opsShare).toBeCloseTo(500 / 800);
    expect(start.weeksOverCap).toBe(4);
    const end = opsFigureAt(samples, '2026-02-27', 'until');
    expect(end.opsShare).toBeCloseTo((100 + 80 + 70 + 90) / 800);
    const during = weeksBetween(samples, '2026-02-02', '2026-02-27');
    expect(during.weeks).toHaveLength(4);
    expect(during.weeksOverCap).toBe(0);
  });

  it('replays which flags were open at a date', () => {
    const flags = [
      flag({
        id: 'a',
        createdAt: '2026-01-10T00:00:00Z',
        resolvedAt: '2026-02-20T00:00:00Z',
        status: 'resolved',
      }),
      flag({
        id: 'b',
        stressorKey: 'knowledge-gap',
        proposedLevel: 2,
        ratedLevel: 5,
        stressLevel: 5,
      }),
      flag({
        id: 'c',
        stressorKey: 'next-big-thing',
        createdAt: '2026-02-10T00:00:00Z',
      }),
      flag({
        id: 'd',
        stressorKey: 'devs-own-it',
        status: 'dismissed',
        updatedAt: '2026-01-15T00:00:00Z',
      }),
    ];
    expect(
      stressorsOpenAt(flags, endOfDay('2026-02-02')).map(f => f.stressorKey),
    ).toEqual([
      'knowledge-gap', // level 5 as the team rated it
      'undiagnosed-alerts',
    ]);
    expect(
      stressorsOpenAt(flags, '2026-03-01T00:00:00Z').map(f => f.stressorKey),
    ).toEqual(['knowledge-gap', 'next-big-thing']);
  });

  it('builds a report whose statements carry the numbers, and renders it as Markdown', () => {
    const engagement: Engagement = {
      id: 'e1',
      version: 7,
      createdAt: '2026-02-02T09:00:00.000Z',
      updatedAt: '2026-02-27T09:00:00.000Z',
      teamRef: TEAM,
      sreRef: 'user:default/bob',
      phase: 'closed',
      startDate: '2026-02-02',
      endDate: '2026-02-27',
      plannedEndDate: '2026-03-13',
      concurrentReason: null,
      goals: 'Under the cap <b>now</b>',
      createdBy: 'user:default/bob',
    };
    const flags = [
      flag({
        id: 'a',
        createdAt: '2026-01-10T00:00:00Z',
        resolvedAt: '2026-02-20T00:00:00Z',
        status: 'resolved',
      }),
      flag({ id: 'b', stressorKey: 'knowledge-gap', stressLevel: 3 }),
    ];
    const services = ['component:default/search-api'];
    const start = computeEngagementFigures({
      at: endOfDay('2026-02-02'),
      source: 'history',
      opsDate: '2026-02-02',
      ops: 'before',
      services,
      samples,
      flags,
      slos: null,
    });
    const end = computeEngagementFigures({
      at: '2026-02-27T12:00:00.000Z',
      source: 'snapshot',
      opsDate: '2026-02-27',
      ops: 'until',
      services,
      samples,
      flags,
      slos: [
        {
          entityRef: 'component:default/search-api',
          name: 'availability',
          displayName: 'Availability',
          target: 0.999,
          sli: 0.9995,
          budgetRemaining: 0.5,
          status: 'healthy',
        },
      ],
    });
    const report = buildAfterActionReport({
      engagement,
      profile: null,
      ticks: [],
      decisions: [
        {
          id: 'd1',
          version: 1,
          createdAt: '2026-02-03T00:00:00Z',
          updatedAt: '2026-02-03T00:00:00Z',
          engagementId: 'e1',
          teamRef: TEAM,
          phase: 'learn',
          decision: 'Focus on the alert noise first',
          reason: 'It wakes people | pages at night',
          example: 'SearchLatencyHigh fired 40 times',
          author: 'user:default/bob',
        },
      ],
      kindling: [],
      questions: [],
      transitions: [],
      samples,
      startFigures: start,
      endFigures: end,
      endDate: '2026-02-27',
      generatedAt: '2026-02-27T12:00:00.000Z',
      generatedBy: 'user:default/bob',
    });
    expect(report.problem.statements[0]).toBe(
      "Ops work took 63% of the team's time in the 4 weeks before the engagement (above the 50% cap) and 43% in the last 4 weeks (within the cap): −20 points.",
    );
    expect(report.problem.statements[1]).toBe(
      '0 of 4 sampled weeks during the engagement were above the 50% cap.',
    );
    // the statement and the table's "During" row are the same figure
    expect(report.problem.during).toMatchObject({ weeksOverCap: 0 });
    expect(report.problem.during!.weeks).toHaveLength(4);
    expect(report.problem.weeksDuring).toBe(
      report.problem.during!.weeks.length,
    );
    expect(report.problem.statements[2]).toBe(
      "Open stressors on the team's 1 service: 2 at the start (largest: Undiagnosed common alerts, 4/5 on component:default/search-api), 1 at the end: 1 resolved, none found during the engagement.",
    );
    expect(report.problem.statements[3]).toMatch(
      /no figure at the start; SLI 99.95%, error budget left 50%/,
    );
    expect(report.remains.checklist).toHaveLength(10);
    expect(report.principles.book.length).toBeGreaterThan(3);

    const md = renderAfterActionReportMarkdown(report);
    expect(md).toContain('# After-action report: search-team');
    // escaped by the Markdown serialiser (was `&lt;b>` from the hand-written escaping)
    expect(md).toContain('Under the cap \\<b>now\\</b>');
    expect(md).toContain('- **Focus on the alert noise first**');
    // a pipe outside a table needs no escape (was `\\|`)
    expect(md).toContain('  - Why: It wakes people | pages at night');
    expect(md).toContain(
      '| Before the engagement | 63% | 4 of 4 | 2026-01-05 to 2026-01-26 |',
    );
    const weeks = report.problem.during!.weeks;
    expect(md).toContain(
      `| During the engagement | ${formatShare(
        report.problem.during!.opsShare,
      )} | 0 of 4 | ${weeks[0].weekStart} to ${weeks[3].weekStart} |`,
    );
    expect(md.indexOf('| During the engagement |')).toBeLessThan(
      md.indexOf('| At the end |'),
    );
    expect(md).toContain('## Kindling cleared (0 of 3–4 cleared)');
  });
});

describe('schemas', () => {
  it('names the field that is wrong', () => {
    const bad = startEngagementSchema.safeParse({
      teamRef: 'user:default/x',
      sreRef: 'user:default/bob',
      plannedEndDate: '2026-03-13',
      situation: 'huge',
    });
    expect(bad.success).toBe(false);
    expect(bad.error!.issues.map(i => i.path.join('.'))).toEqual([
      'teamRef',
      'situation',
    ]);
    expect(
      transitionEngagementSchema.safeParse({
        version: 1,
        to: 'closed',
        extra: 1,
      }).success,
    ).toBe(false);
    const kindling = createKindlingItemSchema.parse({
      title: 'Runbook for SearchLatencyHigh',
      explanation: 'the postmortem showed nobody knew what the alert meant',
      fixes: { kind: 'postmortem', id: '3b241101-e2bb-4255-8caf-4136c566a962' },
      assigneeRef: 'User:default/Erin',
    });
    expect(kindling).toMatchObject({
      assigneeRef: 'user:default/erin',
      state: 'proposed',
    });
  });
});
