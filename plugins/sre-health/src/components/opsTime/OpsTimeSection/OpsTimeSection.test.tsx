import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  TestApiProvider,
  mockApis,
  renderInTestApp,
} from '@backstage/frontend-test-utils';
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import {
  InterruptLedger,
  TeamOpsTime,
  computeOpsTimeWeeks,
  teamOpsWeeks,
} from '@sre-health/backstage-plugin-sre-health-common';
import { sreHealthApiRef } from '../../../api';
import { OpsTimeSection } from './OpsTimeSection';

const TEAM = 'group:default/payments-team';

// week of 2026-11-23: 4 h of fires (2 h toil) + 2 h of pages over 2 × 40 h → 7.5%;
// week of 2026-11-30: computed 10%, typed 60% (the typed one counts)
const computed = computeOpsTimeWeeks({
  members: 2,
  hoursPerPersonWeek: 40,
  fires: [
    {
      occurredAt: '2026-11-24T10:00:00Z',
      timeSpentMinutes: 120,
      kind: 'toil',
      causeKey: 'fire:a',
    },
    {
      occurredAt: '2026-11-25T10:00:00Z',
      timeSpentMinutes: 120,
      kind: 'overhead',
      causeKey: 'fire:b',
    },
    {
      occurredAt: '2026-12-01T10:00:00Z',
      timeSpentMinutes: 480,
      kind: 'overhead',
      causeKey: 'fire:b',
    },
  ],
  pages: [
    {
      startsAt: '2026-11-24T01:00:00Z',
      endsAt: '2026-11-24T03:00:00Z',
      causeKey: 'alert:disk',
    },
  ],
  interrupts: [],
});
const opsTime: TeamOpsTime = {
  teamRef: TEAM,
  members: 2,
  hoursPerPersonWeek: 40,
  weeks: teamOpsWeeks(
    [{ weekStart: '2026-11-30', opsHours: 24, projectHours: 16 } as any],
    computed,
  ),
};
const ledger: InterruptLedger = {
  teamRef: TEAM,
  kindling: [
    {
      id: 'k1',
      title: 'Automate disk cleanup',
      state: 'done',
      doneAt: '2026-11-01T00:00:00Z',
    },
  ],
  causes: [
    {
      causeKey: 'alert:disk',
      sources: ['page'],
      causeClass: null,
      kindlingItemId: null,
      sorting: null,
      count: 1,
      hours: 2,
      weeks: [{ weekStart: '2026-11-23', count: 1, hours: 2 }],
      effect: null,
    },
  ],
};

function render() {
  const api = {
    getOpsTime: jest.fn(async () => opsTime),
    getInterruptLedger: jest.fn(async () => ledger),
    createInterruptCause: jest.fn(async () => ({} as any)),
    updateInterruptCause: jest.fn(),
  };
  const alerts = mockApis.alert();
  renderInTestApp(
    <TestApiProvider
      apis={[
        [sreHealthApiRef, api as any],
        alerts,
        mockApis.permission({ authorize: AuthorizeResult.ALLOW }),
      ]}
    >
      <OpsTimeSection teamRef={TEAM} />
    </TestApiProvider>,
  );
  return { api, alerts };
}

describe('OpsTimeSection', () => {
  it('leads with the share that counts and names its source, the computed one beside a typed week', async () => {
    render();
    expect(
      await screen.findByText(/\(typed; computed 10%\)/),
    ).toBeInTheDocument();
    expect(screen.getByText('60%')).toBeInTheDocument();
    expect(
      screen.getByText(
        'Computed weeks: 2; typed weeks: 1. A typed week overrides the computed one. Cap 50%.',
      ),
    ).toBeInTheDocument();
  });

  it('charts both lines against the cap, without an engagement’s shading', async () => {
    render();
    await screen.findByText(/Computed weeks: 2/);
    expect(
      Array.from(document.querySelectorAll('svg title')).map(
        t => t.textContent,
      ),
    ).toContain('Weekly ops share, typed and computed');
    expect(screen.getByText('Typed')).toBeInTheDocument();
    expect(
      screen.getByText('Computed (fires, pages, interrupts)'),
    ).toBeInTheDocument();
    expect(document.querySelector('.recharts-reference-line')).not.toBeNull();
    expect(document.querySelector('.recharts-reference-area')).toBeNull();
    expect(screen.queryByText('engagement')).toBeNull();
    expect(screen.queryByText('50% cap')).toBeNull();
    expect(document.querySelector('.above-cap, .under-cap')).toBeNull();
  });

  it('shows each week’s terms behind a disclosure', async () => {
    render();
    expect(screen.queryByRole('table', { name: /terms/ })).toBeNull();
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Show the terms of each week',
      }),
    );
    const table = await screen.findByRole('table', { name: /terms/ });
    const rows = within(table).getAllByRole('row');
    // newest first: the typed week (its computed 10% beside the typed 60%, no toil)...
    expect(rows[1]).toHaveTextContent(
      '2026-11-30typed8 h0 h0 h2 × 40 h10%60%0%',
    );
    // ...then the computed one: 6 h over 80 h, toil 2 h of 6 h, nothing typed
    expect(rows[2]).toHaveTextContent('2026-11-23computed4 h2 h0 h2 × 40 h');
    expect(rows[2]).toHaveTextContent(/—33%$/);
  });

  it('sorts a cause of the ledger once, as toil, and confirms it', async () => {
    const { api, alerts } = render();
    fireEvent.click(
      await screen.findByRole('button', {
        name: 'Show the interrupt ledger by cause',
      }),
    );
    const table = await screen.findByRole('table', {
      name: 'Interrupt ledger by cause',
    });
    expect(table).toHaveTextContent('alert:disk');
    fireEvent.mouseDown(
      within(table).getByRole('button', { name: /Sort alert:disk/ }),
    );
    fireEvent.click(await screen.findByRole('option', { name: 'toil' }));
    await screen.findByRole('table', { name: 'Interrupt ledger by cause' });
    expect(api.createInterruptCause).toHaveBeenCalledWith({
      teamRef: TEAM,
      causeKey: 'alert:disk',
      causeClass: 'toil',
      kindlingItemId: null,
    });
    await waitFor(() =>
      expect(alerts.getAlerts()).toEqual([
        expect.objectContaining({
          message: 'Sorted alert:disk',
          severity: 'success',
        }),
      ]),
    );
  });
});
