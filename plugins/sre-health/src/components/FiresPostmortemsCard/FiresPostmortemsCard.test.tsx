import { renderInTestApp } from '@backstage/frontend-test-utils';
import { Fire, Postmortem } from '@internal/backstage-plugin-sre-health-common';
import { screen } from '@testing-library/react';
import { FiresPostmortemsCard } from './FiresPostmortemsCard';

const base = {
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  entityRef: 'component:default/checkout',
  author: 'user:default/sam',
};

const fire = (id: string, kind: Fire['kind']): Fire => ({
  ...base,
  id,
  kind,
  title: `fire ${id}`,
  occurredAt: '2026-01-02T00:00:00.000Z',
  rationale: '',
});

const postmortem = (
  id: string,
  occurredAt: string,
  items: number,
): Postmortem => ({
  ...base,
  id,
  title: `Outage ${id}`,
  occurredAt,
  impact: '',
  actionItems: Array.from({ length: items }, (_, i) => ({ text: `item ${i}` })),
});

describe('FiresPostmortemsCard', () => {
  it('counts fires by kind and lists the latest postmortems, newest first', async () => {
    renderInTestApp(
      <FiresPostmortemsCard
        fires={[
          fire('1', 'toil'),
          fire('2', 'toil'),
          fire('3', 'overhead'),
          fire('4', 'unsorted'),
          fire('5', 'toil'),
        ]}
        postmortems={[
          postmortem('a', '2025-12-01T00:00:00.000Z', 1),
          postmortem('b', '2026-01-03T00:00:00.000Z', 2),
          postmortem('c', '2025-11-01T00:00:00.000Z', 0),
          postmortem('d', '2025-12-24T00:00:00.000Z', 1),
        ]}
      />,
    );
    expect(await screen.findByLabelText('3 toil')).toBeInTheDocument();
    expect(screen.getByLabelText('1 overhead')).toBeInTheDocument();
    expect(screen.getByLabelText('1 unsorted')).toBeInTheDocument();

    const items = screen.getAllByRole('listitem').map(li => li.textContent);
    expect(items).toEqual([
      'Outage b2026-01-03 · 2 action items',
      'Outage d2025-12-24 · 1 action item',
      'Outage a2025-12-01 · 1 action item',
    ]);
  });

  it('shows zero counts and invites to lead the next postmortem when empty', async () => {
    renderInTestApp(<FiresPostmortemsCard fires={[]} postmortems={[]} />);
    expect(await screen.findByLabelText('0 toil')).toBeInTheDocument();
    expect(screen.getByText(/No postmortem recorded yet/)).toBeInTheDocument();
  });
});
