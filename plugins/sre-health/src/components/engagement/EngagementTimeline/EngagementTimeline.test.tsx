import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { makeRecord } from '../EngagementRecordView/engagementFixtures';
import { compactEvents, EngagementTimeline } from './EngagementTimeline';

describe('EngagementTimeline', () => {
  it('lists every event, oldest first, with its reason and who', async () => {
    renderInTestApp(<EngagementTimeline events={makeRecord().timeline} />);
    const list = await screen.findByRole('list', {
      name: 'Engagement timeline',
    });
    const items = within(list).getAllByRole('listitem');
    expect(items).toHaveLength(3);
    expect(items[0]).toHaveTextContent(
      '2026-01-05sam embedded with payments — sam',
    );
    expect(items[2]).toHaveTextContent('Learn the service → Share context');
    expect(items[2]).toHaveTextContent('Reason: postmortem this week');
  });

  it('keeps only milestones and cleared kindling when compact', () => {
    const events = [
      ...makeRecord().timeline,
      {
        at: '2026-01-11T00:00:00Z',
        kind: 'kindling' as const,
        phase: 'drive-change' as const,
        title: 'Kindling proposed: x',
      },
      {
        at: '2026-01-12T00:00:00Z',
        kind: 'kindling' as const,
        phase: 'drive-change' as const,
        title: 'Kindling cleared: x',
      },
    ];
    expect(compactEvents(events, 10).map(e => e.title)).toEqual([
      'sam embedded with payments',
      'Learn the service → Share context',
      'Kindling cleared: x',
    ]);
    expect(compactEvents(events, 1).map(e => e.title)).toEqual([
      'Kindling cleared: x',
    ]);
  });

  it('lists events by date even when they arrive out of order', async () => {
    const event = (at: string, title: string) => ({
      at,
      kind: 'phase' as const,
      phase: 'learn' as const,
      title,
    });
    const events = [
      event('2026-12-06T09:00:00.000Z', 'December'),
      event('2026-10-26T00:00:00.000Z', 'October'),
      event('2026-11-02T10:00:00.000Z', 'November'),
    ];
    renderInTestApp(<EngagementTimeline events={events} />);
    const list = await screen.findByRole('list', {
      name: 'Engagement timeline',
    });
    expect(
      within(list)
        .getAllByRole('listitem')
        .map(i => i.textContent?.slice(0, 10)),
    ).toEqual(['2026-10-26', '2026-11-02', '2026-12-06']);
    expect(compactEvents(events, 2).map(e => e.title)).toEqual([
      'November',
      'December',
    ]);
  });

  it('says when nothing is recorded', async () => {
    renderInTestApp(<EngagementTimeline events={[]} />);
    expect(
      await screen.findByText('Nothing recorded yet.'),
    ).toBeInTheDocument();
  });
});
