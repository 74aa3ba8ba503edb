import type {
  ChecklistTick,
  Engagement,
  PhaseTransition,
} from '@sre-health/backstage-plugin-sre-health-common';
import { buildTimeline } from './timeline';

const engagement = (startDate: string, createdAt: string): Engagement =>
  ({
    id: 'e1',
    version: 2,
    createdAt,
    updatedAt: createdAt,
    teamRef: 'group:default/payments-team',
    sreRef: 'user:default/alice',
    startDate,
    endDate: null,
    phase: 'share-context',
    goals: '',
    createdBy: 'user:default/alice',
  } as unknown as Engagement);

const tick = (createdAt: string, itemKey: string): ChecklistTick =>
  ({
    id: itemKey,
    createdAt,
    phase: 'learn',
    itemKey,
    evidence: 'seen',
    tickedBy: 'user:default/alice',
  } as unknown as ChecklistTick);

const transition = (at: string): PhaseTransition => ({
  id: 't1',
  engagementId: 'e1',
  teamRef: 'group:default/payments-team',
  from: 'learn',
  to: 'share-context',
  reason: null,
  openItems: [],
  actor: 'user:default/alice',
  at,
  engagementVersion: 2,
});

describe('buildTimeline', () => {
  it('lists every event by date, the start first even when it was recorded weeks later', () => {
    const events = buildTimeline({
      // recorded on 2026-12-06 for an engagement that started on 2026-10-26
      engagement: engagement('2026-10-26', '2026-12-06T09:00:00.000Z'),
      transitions: [transition('2026-11-03T09:00:00.000Z')],
      ticks: [
        tick('2026-11-01T10:00:00.000Z', 'team-sorted'),
        tick('2026-10-30T10:00:00.000Z', 'shadowed-on-call'),
      ],
      decisions: [],
      kindling: [],
      questions: [],
    });
    expect(events.map(e => e.at)).toEqual([
      '2026-10-26T00:00:00.000Z',
      '2026-10-30T10:00:00.000Z',
      '2026-11-01T10:00:00.000Z',
      '2026-11-03T09:00:00.000Z',
    ]);
    expect(events[0]).toMatchObject({
      kind: 'started',
      title: 'alice embedded with payments-team',
    });
  });

  it('dates the start when it was recorded if that was before the start date', () => {
    const [started] = buildTimeline({
      engagement: engagement('2026-11-02', '2026-10-28T15:00:00.000Z'),
      transitions: [],
      ticks: [],
      decisions: [],
      kindling: [],
      questions: [],
    });
    expect(started.at).toBe('2026-10-28T15:00:00.000Z');
  });
});
