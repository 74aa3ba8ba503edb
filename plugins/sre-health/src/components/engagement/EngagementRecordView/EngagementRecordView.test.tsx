import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { sreHealthApiRef } from '../../../api';
import { EngagementRecordView } from './EngagementRecordView';
import {
  fakeEngagementApi,
  makeComputedWeek,
  makeKindling,
  makeRecord,
  makeReportDocument,
  TEAM,
} from './engagementFixtures';

jest.setTimeout(30_000);

const JANE = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'jane' },
  spec: { profile: { displayName: 'Jane Doe' }, memberOf: [] },
};

function renderView(
  api: ReturnType<typeof fakeEngagementApi>,
  authorize:
    | AuthorizeResult.ALLOW
    | AuthorizeResult.DENY = AuthorizeResult.ALLOW,
  opsLoad = true,
) {
  const alertApi = mockApis.alert();
  renderInTestApp(
    <TestApiProvider
      apis={[
        [sreHealthApiRef, api],
        mockApis.permission({ authorize }),
        catalogApiMock({ entities: [JANE] }),
        alertApi,
      ]}
    >
      <EngagementRecordView engagementId="e1" opsLoad={opsLoad} />
    </TestApiProvider>,
  );
  return { alertApi };
}

describe('EngagementRecordView', () => {
  it('shows the phase, situation, kindling count and the timeline with reasons', async () => {
    const api = fakeEngagementApi({
      getEngagementRecord: async () => makeRecord(),
    });
    renderView(api);
    expect(await screen.findByText('Share context')).toHaveClass(
      'MuiStepLabel-active',
    );
    expect(
      screen.getByText(
        /Small team, business-critical service — focus: Reliability/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/0 of 3–4 cleared/)).toBeInTheDocument();
    const timeline = screen.getByRole('list', { name: 'Engagement timeline' });
    expect(
      within(timeline).getByText('Learn the service → Share context'),
    ).toBeInTheDocument();
    expect(
      within(timeline).getByText('Reason: postmortem this week'),
    ).toBeInTheDocument();
    expect(api.getEngagementRecord).toHaveBeenCalledWith('e1');
  });

  it('asks for a reason to move on while checklist items are open, and sends it', async () => {
    const api = fakeEngagementApi({
      getEngagementRecord: async () => makeRecord(),
      transitionEngagement: async () =>
        makeRecord({
          engagement: {
            ...makeRecord().engagement,
            phase: 'drive-change',
            version: 4,
          },
        }),
    });
    renderView(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Move on to Drive change' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Move on to Drive change',
    });
    // The share-context items are left open; the learn items were left behind earlier.
    expect(
      within(dialog).getByText('Led the next postmortem, blameless'),
    ).toBeInTheDocument();
    expect(
      within(dialog).getByText('Sorted the fires: toil or overhead'),
    ).toBeInTheDocument();
    expect(
      within(dialog).queryByText(
        'Sorted the team (reliability or readiness for growth)',
      ),
    ).toBeNull();
    const move = within(dialog).getByRole('button', { name: 'Move' });
    expect(move).toBeDisabled();
    await userEvent.click(
      within(dialog).getByRole('textbox', {
        name: /Reason \(required, kept\)/,
      }),
    );
    await userEvent.paste('The postmortem is booked; the SLO work cannot wait');
    await userEvent.click(move);
    await waitFor(() =>
      expect(api.transitionEngagement).toHaveBeenCalledWith('e1', {
        version: 3,
        to: 'drive-change',
        reason: 'The postmortem is booked; the SLO work cannot wait',
      }),
    );
  });

  it('shows the backend’s message when a move is refused', async () => {
    const api = fakeEngagementApi({
      getEngagementRecord: async () => makeRecord(),
      transitionEngagement: async () => {
        throw new Error(
          'engagement e1: the engagement is already closed (ended 2026-01-20)',
        );
      },
    });
    renderView(api);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Close engagement' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Close the engagement',
    });
    await userEvent.click(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
    );
    await userEvent.paste('short one');
    await userEvent.click(
      within(dialog).getByRole('button', {
        name: 'Close and freeze the report',
      }),
    );
    expect(await within(dialog).findByRole('alert')).toHaveTextContent(
      'already closed (ended 2026-01-20)',
    );
  });

  it('ticks a checklist item with evidence', async () => {
    const api = fakeEngagementApi({
      getEngagementRecord: async () => makeRecord(),
      tickChecklistItem: async () => makeRecord().checklist[0].tick!,
    });
    renderView(api);
    await userEvent.click(
      await screen.findByRole('tab', { name: 'Checklist' }),
    );
    const learn = screen.getByRole('list', {
      name: 'Learn the service checklist',
    });
    expect(within(learn).getByText(/one week of pages/)).toBeInTheDocument();
    // Phases guide, they do not gate: an item of a later phase can be ticked now.
    expect(
      screen.getByRole('button', { name: 'Tick Wrote SLOs' }),
    ).toBeInTheDocument();
    expect(
      within(
        screen.getByRole('list', { name: 'Drive change checklist' }),
      ).getAllByText('Not ticked yet: a later phase, open any time'),
    ).toHaveLength(3);
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Tick Sorted the team (reliability or readiness for growth)',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Tick with evidence',
    });
    await userEvent.click(
      within(dialog).getByRole('textbox', { name: /Evidence/ }),
    );
    await userEvent.paste('Two people, checkout');
    await userEvent.click(within(dialog).getByRole('button', { name: 'Tick' }));
    await waitFor(() =>
      expect(api.tickChecklistItem).toHaveBeenCalledWith('e1', 'team-sorted', {
        evidence: 'Two people, checkout',
      }),
    );
  });

  it('shows where the engagement is, not what is allowed, and an item ticked early', async () => {
    const record = makeRecord();
    const early = record.checklist.find(i => i.key === 'slos-written')!;
    early.tick = {
      ...record.checklist[0].tick!,
      id: 't2',
      phase: 'drive-change',
      itemKey: 'slos-written',
      evidence: 'Availability SLO drafted in week one',
      tickedInPhase: 'learn',
    };
    const api = fakeEngagementApi({ getEngagementRecord: async () => record });
    renderView(api);
    const stepper = await screen.findByLabelText('Where the engagement is');
    // No phase is shown as done (or locked): the current one is where it is.
    expect(stepper.querySelector('.MuiStepIcon-completed')).toBeNull();
    expect(
      within(stepper).getByText('Now · 0 of 3 ticked'),
    ).toBeInTheDocument();
    // learn has its tick, drive change one ticked early
    expect(within(stepper).getAllByText('1 of 3 ticked')).toHaveLength(2);
    expect(
      screen.getByText(/^Planned for 12 weeks, to end 2026-03-27/),
    ).toBeInTheDocument();

    await userEvent.click(screen.getByRole('tab', { name: 'Checklist' }));
    const drive = screen.getByRole('list', { name: 'Drive change checklist' });
    expect(
      within(drive).getByText(
        /Availability SLO drafted in week one — .* · ticked early, in Learn the service/,
      ),
    ).toBeInTheDocument();
  });

  it('files a decision under any phase, the current one by default', async () => {
    const api = fakeEngagementApi({
      getEngagementRecord: async () => makeRecord(),
    });
    renderView(api);
    await userEvent.click(
      await screen.findByRole('tab', { name: 'Decisions' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Log a decision' }),
    );
    const dialog = await screen.findByRole('dialog');
    const phase = within(dialog).getByRole('button', { name: /Phase/ });
    expect(phase).toHaveTextContent('Share context');
    await userEvent.click(phase);
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual([
      'Learn the service',
      'Share context',
      'Drive change',
      'After-action report',
    ]);
  });

  it('moves kindling through review and counts it against three to four', async () => {
    const record = makeRecord({
      kindling: [
        makeKindling({ id: 'k1', state: 'in-review', version: 3 }),
        makeKindling({
          id: 'k2',
          title: 'Runbook for the alert',
          state: 'done',
          doneAt: '2026-01-10T00:00:00Z',
        }),
      ],
    });
    const api = fakeEngagementApi({
      getEngagementRecord: async () => record,
      updateKindlingItem: async () => makeKindling({ state: 'done' }),
    });
    renderView(api);
    await userEvent.click(await screen.findByRole('tab', { name: 'Kindling' }));
    expect(screen.getByText('1 of 3–4 cleared')).toBeInTheDocument();
    expect(
      screen.getByRole('progressbar', { name: 'Kindling: 1 of 3–4 cleared' }),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Reviewed: done: Warm the pools after a deploy',
      }),
    );
    await waitFor(() =>
      expect(api.updateKindlingItem).toHaveBeenCalledWith('e1', 'k1', {
        version: 3,
        state: 'done',
      }),
    );
  });

  it('keeps kindling words whole, scrolls the table in its card, and confirms a delete', async () => {
    const api = fakeEngagementApi({
      getEngagementRecord: async () =>
        makeRecord({
          kindling: [makeKindling({ state: 'in-progress', version: 2 })],
        }),
      deleteKindlingItem: async () => undefined,
    });
    const { alertApi } = renderView(api);
    await userEvent.click(await screen.findByRole('tab', { name: 'Kindling' }));
    const table = screen.getByRole('table', { name: 'Kindling' });
    for (const heading of within(table).getAllByRole('columnheader')) {
      expect(heading).toHaveStyle({ whiteSpace: 'nowrap' });
    }
    const state = within(table).getByRole('cell', { name: 'In progress' });
    expect(state).toHaveStyle({ whiteSpace: 'nowrap' });
    expect(within(table).getByRole('cell', { name: 'jane' })).toHaveStyle({
      whiteSpace: 'nowrap',
    });
    expect(table.parentElement).toHaveStyle({ overflowX: 'auto' });

    await userEvent.click(
      within(table).getByRole('button', {
        name: 'Delete kindling Warm the pools after a deploy',
      }),
    );
    expect(
      (await alertApi.waitForAlert(a => a.severity === 'success')).message,
    ).toBe('Kindling deleted: Warm the pools after a deploy');
    expect(api.deleteKindlingItem).toHaveBeenCalledWith('e1', 'k1', 2);
  });

  it('fails a one-click write with the backend’s message', async () => {
    const api = fakeEngagementApi({
      getEngagementRecord: async () => makeRecord(),
      deleteLeadingQuestion: async () => {
        throw new Error('question q1: only its author may delete it');
      },
    });
    const { alertApi } = renderView(api);
    await userEvent.click(
      await screen.findByRole('tab', { name: 'Questions' }),
    );
    await userEvent.click(
      screen.getByRole('button', { name: /^Delete question/ }),
    );
    expect(
      (await alertApi.waitForAlert(a => a.severity === 'error')).message,
    ).toBe('question q1: only its author may delete it');
  });

  it('adds kindling for a team member picked from the catalog', async () => {
    const api = fakeEngagementApi({
      getEngagementRecord: async () => makeRecord(),
      getKindlingTargets: async () => ({
        postmortems: [
          {
            kind: 'postmortem',
            id: 'p1',
            label: 'Checkout failing for 38 minutes',
            entityRef: 'component:default/checkout',
          },
        ],
        flags: [],
      }),
      createKindlingItem: async () => makeKindling(),
    });
    const { alertApi } = renderView(api);
    await userEvent.click(await screen.findByRole('tab', { name: 'Kindling' }));
    await userEvent.click(screen.getByRole('button', { name: 'Add kindling' }));
    const dialog = await screen.findByRole('dialog', { name: 'Add kindling' });
    await userEvent.click(
      within(dialog).getByRole('textbox', { name: /The work/ }),
    );
    await userEvent.paste('Alert on pool warm-up');
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Fixes for good/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', {
        name: 'Postmortem: Checkout failing for 38 minutes',
      }),
    );
    await userEvent.click(
      within(dialog).getByRole('textbox', { name: /How it fixes/ }),
    );
    await userEvent.paste('Nobody finds out at checkout any more');
    await userEvent.click(
      within(dialog).getByRole('textbox', { name: /Team member/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: /^Jane Doe/ }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Add' }));
    await waitFor(() =>
      expect(api.createKindlingItem).toHaveBeenCalledWith('e1', {
        title: 'Alert on pool warm-up',
        explanation: 'Nobody finds out at checkout any more',
        fixes: { kind: 'postmortem', id: 'p1' },
        assigneeRef: 'user:default/jane',
      }),
    );
    expect(
      (await alertApi.waitForAlert(a => a.severity === 'success')).message,
    ).toBe('Kindling added: Alert on pool warm-up');
  });

  it('hints when a question sounds loaded', async () => {
    const api = fakeEngagementApi({
      getEngagementRecord: async () => makeRecord(),
    });
    renderView(api);
    await userEvent.click(
      await screen.findByRole('tab', { name: 'Questions' }),
    );
    expect(screen.getByText(/not answered yet/)).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Record a question' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Record a leading question',
    });
    await userEvent.click(
      within(dialog).getByRole('textbox', { name: /Question/ }),
    );
    await userEvent.paste("Why didn't you fix the alert?");
    expect(
      within(dialog).getByText(/This sounds like a loaded question/),
    ).toBeInTheDocument();
  });

  it('is read-only without the permission, and shows the report preview', async () => {
    // Another team than the other tests: usePermission caches decisions per resource.
    const record = makeRecord();
    record.engagement = {
      ...record.engagement,
      teamRef: 'group:default/readers',
    };
    const api = fakeEngagementApi({
      getEngagementRecord: async () => record,
      getAfterActionReport: async () => makeReportDocument(),
    });
    renderView(api, AuthorizeResult.DENY);
    await screen.findByText(/0 of 3–4 cleared/);
    expect(screen.queryByRole('button', { name: /Move on/ })).toBeNull();
    await userEvent.click(screen.getByRole('tab', { name: 'Decisions' }));
    expect(screen.getByText('Alerts first')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Log a decision' })).toBeNull();
    await userEvent.click(screen.getByRole('tab', { name: 'Report' }));
    expect(
      await screen.findByText('Preview: frozen when the engagement closes'),
    ).toBeInTheDocument();
  });

  it('charts the team’s computed weeks beside the typed ones, the engagement shaded', async () => {
    const api = fakeEngagementApi({
      getEngagementRecord: async () => makeRecord(),
      getOpsTime: async () => ({
        teamRef: TEAM,
        members: 2,
        hoursPerPersonWeek: 40,
        weeks: [
          makeComputedWeek('2025-12-29', 16),
          makeComputedWeek('2026-01-05', 24),
          makeComputedWeek('2026-01-12', 32),
        ],
      }),
    });
    renderView(api);
    await userEvent.click(await screen.findByRole('tab', { name: 'Ops load' }));
    // typed 60%, then 50% and 35% since the start; computed 20%, then 24 + 32 h of 160 h
    expect(
      await screen.findByText(
        'Typed: before the engagement 60% (1 week); during 43% (2 weeks). Computed: before the engagement 20% (1 week); during 35% (2 weeks). Cap 50%.',
      ),
    ).toBeInTheDocument();
    expect(api.getOpsTime).toHaveBeenCalledWith(TEAM);
    // a dot a computed week, the typed weeks marked against the cap
    expect(document.querySelectorAll('.recharts-line-dot')).toHaveLength(3);
    expect(document.querySelectorAll('.above-cap')).toHaveLength(1);
    expect(screen.getByText('engagement')).toBeInTheDocument();
    expect(
      document.querySelector('.recharts-reference-area-rect'),
    ).not.toBeNull();
  });

  it('leaves the ops chart to the page that draws it, its other tabs still working', async () => {
    const api = fakeEngagementApi({
      getEngagementRecord: async () => makeRecord(),
    });
    renderView(api, AuthorizeResult.ALLOW, false);
    await userEvent.click(await screen.findByRole('tab', { name: 'Report' }));
    expect(screen.getByRole('tabpanel')).toHaveAccessibleName('Report');
    expect(screen.getAllByRole('tab').map(t => t.textContent)).toEqual([
      'Overview',
      'Checklist',
      'Decisions',
      'Kindling',
      'Questions',
      'Report',
    ]);
    expect(api.getOpsTime).not.toHaveBeenCalled();
  });

  it('keeps the typed weeks when the computed ones fail, and says so', async () => {
    const api = fakeEngagementApi({
      getEngagementRecord: async () => makeRecord(),
    });
    renderView(api);
    await userEvent.click(await screen.findByRole('tab', { name: 'Ops load' }));
    expect(
      await screen.findByText(
        /^Typed: before the engagement 60% \(1 week\); during 43% \(2 weeks\)\. The computed weeks could not be loaded \(getOpsTime is not mocked\); showing the typed weeks only\./,
      ),
    ).toBeInTheDocument();
    expect(document.querySelectorAll('.under-cap').length).toBeGreaterThan(0);
  });
});
