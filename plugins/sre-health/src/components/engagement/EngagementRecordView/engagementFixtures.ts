import {
  AfterActionReportDocument,
  ENGAGEMENT_CHECKLIST,
  EngagementRecord,
  KindlingItem,
  OpsTimeWeek,
  TeamOpsWeek,
  buildAfterActionReport,
  computeEngagementFigures,
  kindlingProgress,
  renderAfterActionReportMarkdown,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { SreHealthApi } from '../../../api';

/*
 * Engagement records for the component tests: one engagement of payments in share-context,
 * with a ticked learn item, a decision, a kindling item and a question.
 */

export const TEAM = 'group:default/payments';
export const SRE = 'user:default/sam';

const stamp = (day: string) => `${day}T10:00:00.000Z`;

export function makeKindling(
  overrides: Partial<KindlingItem> = {},
): KindlingItem {
  return {
    id: 'k1',
    version: 1,
    createdAt: stamp('2026-01-08'),
    updatedAt: stamp('2026-01-08'),
    engagementId: 'e1',
    teamRef: TEAM,
    title: 'Warm the pools after a deploy',
    explanation: 'Cold pools time out card authorisations after every deploy',
    fixes: {
      kind: 'postmortem',
      id: 'p1',
      label: 'Checkout failing for 38 minutes',
      entityRef: 'component:default/checkout',
    },
    assigneeRef: 'user:default/jane',
    reviewerRef: SRE,
    state: 'proposed',
    reviewedBy: null,
    doneAt: null,
    author: SRE,
    ...overrides,
  };
}

export function makeRecord(
  overrides: Partial<EngagementRecord> = {},
): EngagementRecord {
  const kindling = overrides.kindling ?? [makeKindling()];
  return {
    engagement: {
      id: 'e1',
      version: 3,
      createdAt: stamp('2026-01-05'),
      updatedAt: stamp('2026-01-09'),
      teamRef: TEAM,
      sreRef: SRE,
      phase: 'share-context',
      startDate: '2026-01-05',
      endDate: null,
      plannedEndDate: '2026-03-27',
      concurrentReason: null,
      goals: 'Back under the cap',
      createdBy: SRE,
    },
    profile: {
      engagementId: 'e1',
      teamRef: TEAM,
      version: 1,
      situation: 'small-team-critical-service',
      situationNotes: 'two people',
      summary: '',
      principles: [],
      startFigures: null,
      updatedAt: stamp('2026-01-05'),
      updatedBy: SRE,
    },
    checklist: ENGAGEMENT_CHECKLIST.map(i => ({
      phase: i.phase,
      key: i.key,
      title: i.title,
      tick:
        i.key === 'shadowed-on-call'
          ? {
              id: 't1',
              version: 1,
              createdAt: stamp('2026-01-06'),
              updatedAt: stamp('2026-01-06'),
              engagementId: 'e1',
              teamRef: TEAM,
              phase: 'learn',
              itemKey: i.key,
              evidence: 'one week of pages',
              tickedBy: SRE,
              tickedInPhase: 'learn',
            }
          : null,
    })),
    decisions: [
      {
        id: 'd1',
        version: 1,
        createdAt: stamp('2026-01-06'),
        updatedAt: stamp('2026-01-06'),
        engagementId: 'e1',
        teamRef: TEAM,
        phase: 'learn',
        decision: 'Alerts first',
        reason: 'most of the pages',
        example: '14 of 19 pages',
        author: SRE,
      },
    ],
    kindling,
    kindlingProgress: kindlingProgress(kindling),
    questions: [
      {
        id: 'q1',
        version: 1,
        createdAt: stamp('2026-01-07'),
        updatedAt: stamp('2026-01-07'),
        engagementId: 'e1',
        teamRef: TEAM,
        phase: 'share-context',
        question: 'What did the gateway tell you before the outage?',
        askedTo: 'user:default/jane',
        answer: '',
        answeredAt: null,
        author: SRE,
      },
    ],
    transitions: [
      {
        id: 'tr1',
        engagementId: 'e1',
        teamRef: TEAM,
        from: 'learn',
        to: 'share-context',
        reason: 'postmortem this week',
        openItems: ['team-sorted'],
        actor: SRE,
        at: stamp('2026-01-09'),
        engagementVersion: 2,
      },
    ],
    timeline: [
      {
        at: stamp('2026-01-05'),
        kind: 'started',
        phase: 'learn',
        title: 'sam embedded with payments',
        actor: SRE,
      },
      {
        at: stamp('2026-01-06'),
        kind: 'decision',
        phase: 'learn',
        title: 'Decided: Alerts first',
        detail: 'Why: most of the pages',
        actor: SRE,
      },
      {
        at: stamp('2026-01-09'),
        kind: 'phase',
        phase: 'share-context',
        title: 'Learn the service → Share context',
        detail: 'Reason: postmortem this week',
        actor: SRE,
      },
    ],
    opsLoad: [
      ['2025-12-29', 120, 80],
      ['2026-01-05', 100, 100],
      ['2026-01-12', 70, 130],
    ].map(([weekStart, opsHours, projectHours]) => ({
      id: String(weekStart),
      version: 1,
      createdAt: stamp(String(weekStart)),
      updatedAt: stamp(String(weekStart)),
      teamRef: TEAM,
      weekStart: String(weekStart),
      opsHours: Number(opsHours),
      projectHours: Number(projectHours),
      author: SRE,
    })),
    report: null,
    ...overrides,
  };
}

/** A computed week of `GET /ops-time` for the team: `opsHours` over 80 h of capacity. */
export function makeComputedWeek(
  weekStart: string,
  opsHours: number,
): TeamOpsWeek {
  return {
    weekStart,
    share: opsHours / 80,
    source: 'computed',
    opsHours,
    baseHours: 80,
    typedShare: null,
    computedShare: opsHours / 80,
    toilShare: null,
    computed: { weekStart, opsHours, capacityHours: 80 } as OpsTimeWeek,
  };
}

/** The report of a record, as the backend would return it. */
export function makeReportDocument(
  record: EngagementRecord = makeRecord(),
  frozen = false,
): AfterActionReportDocument {
  const figures = (opsDate: string, ops: 'before' | 'until') =>
    computeEngagementFigures({
      at: stamp(opsDate),
      source: 'snapshot',
      opsDate,
      ops,
      services: ['component:default/checkout'],
      samples: record.opsLoad,
      flags: [],
      slos: [],
    });
  const report = buildAfterActionReport({
    engagement: record.engagement,
    profile: record.profile,
    ticks: record.checklist.flatMap(i => (i.tick ? [i.tick] : [])),
    decisions: record.decisions,
    kindling: record.kindling,
    questions: record.questions,
    transitions: record.transitions,
    samples: record.opsLoad,
    startFigures: figures(record.engagement.startDate, 'before'),
    endFigures: figures('2026-01-14', 'until'),
    endDate: '2026-01-14',
    generatedAt: '2026-01-14T10:00:00.000Z',
    generatedBy: SRE,
  });
  return { frozen, report, markdown: renderAfterActionReportMarkdown(report) };
}

/** A fake API: the given methods as jest mocks, every other one rejects. */
export function fakeEngagementApi(
  impl: Partial<SreHealthApi> = {},
): jest.Mocked<SreHealthApi> {
  return new Proxy({} as jest.Mocked<SreHealthApi>, {
    get(target, prop: string | symbol) {
      if (typeof prop === 'symbol' || prop === 'then') return undefined;
      if (!(prop in target)) {
        (target as any)[prop] = impl[prop as keyof SreHealthApi]
          ? jest.fn(impl[prop as keyof SreHealthApi] as any)
          : jest.fn(async () => {
              throw new Error(`${prop} is not mocked`);
            });
      }
      return (target as any)[prop];
    },
  });
}
