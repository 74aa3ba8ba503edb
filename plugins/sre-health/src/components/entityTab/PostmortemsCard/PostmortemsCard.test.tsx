import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import type { Postmortem } from '@sre-health/backstage-plugin-sre-health-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { sreHealthApiRef } from '../../../api';
import {
  ENTITY_REF,
  fakeSreHealthApi,
  makePostmortem,
} from '../../../testUtils/fixtures';
import { POSTMORTEMS_SHOWN, PostmortemsCard } from './PostmortemsCard';
import {
  actionItemLines,
  withCorrectedClass,
  withItemDetails,
} from './actionItems';

jest.setTimeout(30_000);

// Revert + restart: "every item is a rollback" let it through, yet nothing goes near the cause.
const noCause = makePostmortem({
  id: 'pm-rb',
  title: 'Checkout down after the streaming change',
  occurredAt: '2026-01-07T00:00:00.000Z',
  author: 'user:default/carol',
  contributingFactors: [
    'The 60 s timeout was a library default nobody had seen',
  ],
  actionItems: [
    { text: 'Revert the streaming timeout to 60 s', state: 'done' },
    { text: 'Restart the player pods', owner: 'user:default/dan' },
  ],
});
const mixed = makePostmortem({
  id: 'pm-mixed',
  version: 3,
  title: 'Ledger outage',
  occurredAt: '2026-01-09T00:00:00.000Z',
  impact: 'Payments delayed by 2 hours',
  actionItems: [
    { text: 'Revert the config push' },
    { text: 'Investigate why the config validator missed the typo' },
  ],
});
// The only item reads like a rollback, but an SRE corrected it to an investigation.
const corrected = makePostmortem({
  id: 'pm-corr',
  version: 2,
  title: 'Search latency spike',
  occurredAt: '2025-12-20T00:00:00.000Z',
  actionItems: [
    {
      text: 'Roll back the index change',
      correctedClass: 'investigation',
    },
  ],
});
const postmortems = [noCause, corrected, mixed];

/** Each test's clock: the fixtures' postmortems are recent. */
const NOW = new Date('2026-01-20T12:00:00Z');

let renders = 0;

async function renderCard(options: {
  allow: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  /** Whether the policy grants `sre-health.postmortem.review` (an SRE); no by default. */
  reviewer?: boolean;
  /** The signed-in user. */
  user?: string;
  api?: ReturnType<typeof fakeSreHealthApi>;
  postmortems?: Postmortem[];
  total?: number;
}) {
  const api = options.api ?? fakeSreHealthApi();
  const onChange = jest.fn();
  // usePermission caches its decision per resource ref for the whole file.
  const entityRef = `${ENTITY_REF}-${++renders}`;
  const authorize = jest.fn((request: EvaluatePermissionRequest) => {
    if (request.permission.name === 'sre-health.postmortem.review') {
      return options.reviewer ? AuthorizeResult.ALLOW : AuthorizeResult.DENY;
    }
    return options.allow;
  });
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [sreHealthApiRef, api],
        mockApis.permission({ authorize }),
        [catalogApiRef, catalogApiMock()],
        mockApis.identity({
          userEntityRef: options.user ?? 'user:default/reader',
        }),
      ]}
    >
      <PostmortemsCard
        entityRef={entityRef}
        postmortems={options.postmortems ?? postmortems}
        total={options.total}
        onChange={onChange}
      />
    </TestApiProvider>,
  );
  await waitFor(() => expect(authorize).toHaveBeenCalledTimes(3));
  return { api, onChange, entityRef };
}

function itemClasses(postmortemTitle: string) {
  const list = screen.getByRole('list', {
    name: `Action items of ${postmortemTitle}`,
  });
  return within(list)
    .getAllByLabelText(/^class: /)
    .map(chip => chip.getAttribute('aria-label'));
}

/** Opens a postmortem's action items (and impact, factors, and the suggestion). */
/** Opens "Show all N postmortems" when the card lists more than it shows. */
async function showAll() {
  const more = screen.queryByRole('button', {
    name: /^Show all \d+ postmortems$/,
  });
  if (more) await userEvent.click(more);
}

async function expand(postmortemTitle: string) {
  await showAll();
  const region = screen.getByRole('region', { name: postmortemTitle });
  await userEvent.click(
    within(region).getByRole('button', { name: /action items?$|^Details$/ }),
  );
}

async function expandAll() {
  for (const pm of postmortems) await expand(pm.title);
}

describe('actionItems', () => {
  it('sets or clears the class of one item and sends only the fields the API takes', () => {
    const items = [
      {
        text: 'a',
        correctedClass: 'process' as const,
        owner: 'user:default/dan',
        state: 'done' as const,
        dueDate: '2026-01-10',
      },
      { text: 'b' },
    ];
    expect(withCorrectedClass(items, 1, 'rollback')).toEqual([
      items[0],
      { text: 'b', correctedClass: 'rollback' },
    ]);
    expect(withCorrectedClass(items, 0, undefined)).toEqual([
      {
        text: 'a',
        owner: 'user:default/dan',
        state: 'done',
        dueDate: '2026-01-10',
      },
      { text: 'b' },
    ]);
  });

  it("sets or clears one item's owner, state and due date", () => {
    const items = [
      { text: 'a', correctedClass: 'investigation' as const },
      { text: 'b', owner: 'group:default/payments', dueDate: '2026-01-10' },
    ];
    expect(
      withItemDetails(items, 0, {
        owner: 'user:default/dan',
        state: 'done',
        dueDate: '2026-02-01',
      }),
    ).toEqual([
      {
        text: 'a',
        correctedClass: 'investigation',
        owner: 'user:default/dan',
        state: 'done',
        dueDate: '2026-02-01',
      },
      items[1],
    ]);
    // open is what an item without a state is; empty fields clear
    expect(
      withItemDetails(items, 1, { owner: '', state: 'open', dueDate: '' }),
    ).toEqual([items[0], { text: 'b' }]);
  });

  it('reads one action item per non-blank line, without list markers', () => {
    expect(actionItemLines('- one\n\n 2) two \n* three')).toEqual([
      'one',
      'two',
      'three',
    ]);
  });
});

describe('PostmortemsCard', () => {
  beforeAll(() => {
    // Only the date is fixed: the recent pattern and due dates are judged by it.
    jest.useFakeTimers({
      now: NOW,
      doNotFake: [
        'hrtime',
        'nextTick',
        'performance',
        'queueMicrotask',
        'requestAnimationFrame',
        'cancelAnimationFrame',
        'requestIdleCallback',
        'cancelIdleCallback',
        'setImmediate',
        'clearImmediate',
        'setInterval',
        'clearInterval',
        'setTimeout',
        'clearTimeout',
      ],
    });
  });
  afterAll(() => jest.useRealTimers());

  it('speaks of the pattern to every reader and grades no single postmortem (#16)', async () => {
    await renderCard({ allow: AuthorizeResult.DENY });

    const summary =
      '3 postmortems, 1 of the 3 recent without an action item aimed at the cause, 0 action items open past due';
    expect(screen.getByRole('group', { name: summary })).toHaveTextContent(
      '3postmortems1with no item at the causeof the 3 recent0action items open past due',
    );
    expect(document.getElementById('postmortems')).toContainElement(
      screen.getByRole('group', { name: summary }),
    );
    // Newest first, each with its own anchor for links to it; the older behind "Show all".
    expect(
      screen.getAllByRole('heading', { level: 3 }).map(h => h.textContent),
    ).toEqual(['Ledger outage', 'Checkout down after the streaming change']);
    await showAll();
    expect(
      screen.getAllByRole('heading', { level: 3 }).map(h => h.textContent),
    ).toEqual([
      'Ledger outage',
      'Checkout down after the streaming change',
      'Search latency spike',
    ]);
    expect(document.getElementById('postmortem-pm-rb')).toHaveAccessibleName(
      'Checkout down after the streaming change',
    );
    expect(screen.queryByRole('list', { name: /^Action items of/ })).toBeNull();
    await expandAll();

    expect(itemClasses('Ledger outage')).toEqual([
      'class: Rollback',
      'class: Investigation',
    ]);
    expect(itemClasses('Checkout down after the streaming change')).toEqual([
      'class: Rollback',
      'class: Mitigation',
    ]);
    expect(itemClasses('Search latency spike')).toEqual([
      'class: Investigation, corrected by an SRE',
    ]);
    expect(
      screen.getByRole('region', { name: 'Search latency spike' }),
    ).toHaveTextContent('corrected; the rules said Rollback');

    // Contributing factors, and each item's owner and state.
    const checkout = screen.getByRole('region', {
      name: 'Checkout down after the streaming change',
    });
    expect(
      within(checkout).getByRole('list', {
        name: 'Contributing factors of Checkout down after the streaming change',
      }),
    ).toHaveTextContent(
      'The 60 s timeout was a library default nobody had seen',
    );
    const items = within(
      within(checkout).getByRole('list', { name: /^Action items of/ }),
    ).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('no owner · done');
    expect(items[1]).toHaveTextContent('dan · open');

    // No banner, no suggestion: this reader is neither the author nor an SRE.
    expect(screen.queryByRole('note', { name: 'Suggestion' })).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.queryByText(/rollback-only/i)).toBeNull();

    expect(screen.queryByRole('button', { name: /^Correct/ })).toBeNull();
    expect(
      screen.queryByRole('button', { name: /^Owner, due date/ }),
    ).toBeNull();
    expect(screen.queryByRole('button', { name: 'New postmortem' })).toBeNull();
    expect(
      screen.queryByRole('button', { name: 'Import from Markdown' }),
    ).toBeNull();
  });

  it('shows the author a neutral suggestion on their own postmortem, and only there', async () => {
    await renderCard({
      allow: AuthorizeResult.DENY,
      user: 'user:default/carol',
    });
    await expandAll();
    const notes = screen.getAllByRole('note', { name: 'Suggestion' });
    expect(notes).toHaveLength(1);
    expect(
      screen.getByRole('region', {
        name: 'Checkout down after the streaming change',
      }),
    ).toContainElement(notes[0]);
    expect(notes[0]).toHaveTextContent(
      'Suggestion — no action item here is aimed at the cause: none investigates or prevents it. Ask why the system misled the people who acted on it: instead of only “Revert the streaming timeout to 60 s”, add “Find out why the first 1 MB of the promo video takes 60 s”.',
    );
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('shows SREs the suggestion on every postmortem without an item aimed at the cause', async () => {
    const overdue = makePostmortem({
      id: 'pm-overdue',
      title: 'Promo video stalls',
      occurredAt: '2026-01-12T00:00:00.000Z',
      author: 'user:default/erin',
      actionItems: [
        { text: 'Revert the streaming timeout to 60 s' },
        {
          text: 'Find out why the first 1 MB of the promo video takes 60 s',
          owner: 'user:default/erin',
          dueDate: '2026-01-15',
        },
      ],
    });
    await renderCard({
      allow: AuthorizeResult.DENY,
      reviewer: true,
      postmortems: [...postmortems, overdue],
    });
    // An item aimed at the cause left open past its due date does not count.
    expect(
      screen.getByRole('group', {
        name: '4 postmortems, 2 of the 4 recent without an action item aimed at the cause, 1 action item open past due',
      }),
    ).toBeInTheDocument();
    for (const title of [
      'Promo video stalls',
      'Ledger outage',
      'Checkout down after the streaming change',
    ]) {
      await expand(title);
    }
    const notes = screen.getAllByRole('note', { name: 'Suggestion' });
    expect(notes).toHaveLength(2);
    const promo = screen.getByRole('region', { name: 'Promo video stalls' });
    expect(within(promo).getByRole('note')).toHaveTextContent(
      'none investigates or prevents it; the one that did is open past its due date.',
    );
    expect(promo).toHaveTextContent(
      'erin · due 2026-01-15 · open past its due date',
    );
  });

  it("sets an item's owner, due date and state, keeping the other items", async () => {
    const api = fakeSreHealthApi({
      updatePostmortem: async () => makePostmortem(),
    });
    const { onChange } = await renderCard({
      allow: AuthorizeResult.ALLOW,
      api,
      postmortems: [noCause],
    });
    await expand(noCause.title);
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Owner, due date and state of “Restart the player pods”',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Owner, due date and state',
    });
    const save = within(dialog).getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();
    const due = within(dialog).getByLabelText('Due date');
    await userEvent.type(due, '2026-02-01');
    await userEvent.click(
      within(dialog).getByRole('button', { name: /State/ }),
    );
    await userEvent.click(await screen.findByRole('option', { name: 'Done' }));
    await userEvent.click(save);

    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(api.updatePostmortem).toHaveBeenCalledWith('pm-rb', {
      version: 1,
      actionItems: [
        { text: 'Revert the streaming timeout to 60 s', state: 'done' },
        {
          text: 'Restart the player pods',
          owner: 'user:default/dan',
          state: 'done',
          dueDate: '2026-02-01',
        },
      ],
    });
  });

  it('shows an empty state', async () => {
    await renderCard({ allow: AuthorizeResult.DENY, postmortems: [] });
    expect(screen.getByText(/No postmortem recorded yet/)).toBeInTheDocument();
  });

  it("lets an SRE correct an item's class, keeping the other items", async () => {
    const api = fakeSreHealthApi({
      updatePostmortem: async () => makePostmortem(),
    });
    const { onChange } = await renderCard({
      allow: AuthorizeResult.ALLOW,
      api,
      postmortems: [
        makePostmortem({
          id: 'pm-1',
          version: 3,
          actionItems: [
            { text: 'Revert the config push' },
            { text: 'Update the runbook', correctedClass: 'process' },
          ],
        }),
      ],
    });
    await expand(makePostmortem().title);
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Correct the class of “Revert the config push”',
      }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Correct the class of an action item',
    });
    const save = within(dialog).getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Class/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'Mitigation' }),
    );
    await userEvent.click(save);

    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(api.updatePostmortem).toHaveBeenCalledWith('pm-1', {
      version: 3,
      actionItems: [
        { text: 'Revert the config push', correctedClass: 'mitigation' },
        { text: 'Update the runbook', correctedClass: 'process' },
      ],
    });
  });

  it("returns a corrected item to the rules' class", async () => {
    const api = fakeSreHealthApi({
      updatePostmortem: async () => makePostmortem(),
    });
    const { onChange } = await renderCard({
      allow: AuthorizeResult.ALLOW,
      api,
      postmortems: [corrected],
    });
    await expand('Search latency spike');
    await userEvent.click(
      screen.getByRole('button', { name: /^Correct the class of/ }),
    );
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Class/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', {
        name: 'As the rules say (Rollback)',
      }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(api.updatePostmortem).toHaveBeenCalledWith('pm-corr', {
      version: 2,
      actionItems: [{ text: 'Roll back the index change' }],
    });
  });

  it('records a new postmortem, suggesting while no action item is aimed at the cause', async () => {
    const api = fakeSreHealthApi({
      createPostmortem: async () => makePostmortem(),
    });
    const { onChange, entityRef } = await renderCard({
      allow: AuthorizeResult.ALLOW,
      api,
      postmortems: [],
    });
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'New postmortem' }));
    const dialog = await screen.findByRole('dialog', {
      name: 'New postmortem',
    });
    const create = within(dialog).getByRole('button', { name: 'Create' });
    expect(create).toBeDisabled();

    await user.type(
      within(dialog).getByRole('textbox', { name: /Title/ }),
      'Promo video stalls',
    );
    const date = within(dialog).getByLabelText(/Date/);
    await user.clear(date);
    await user.type(date, '2026-01-10');
    await user.type(
      within(dialog).getByRole('textbox', { name: 'Impact' }),
      'Video start took 60 s',
    );
    await user.click(
      within(dialog).getByRole('textbox', { name: 'Contributing factors' }),
    );
    await user.paste(
      '- The player waits for the whole first 1 MB\n- No alert on video start time',
    );
    const items = within(dialog).getByRole('textbox', { name: 'Action items' });
    const suggestion = () =>
      within(dialog).queryByRole('note', { name: 'Suggestion' });
    expect(suggestion()).toBeNull();
    await user.click(items);
    await user.paste('- Revert the streaming timeout to 60 s');
    expect(suggestion()).toHaveTextContent(
      'no action item so far is aimed at the cause',
    );
    // A restart goes no nearer the cause than the revert.
    await user.paste('\n- Restart the player pods');
    expect(suggestion()).not.toBeNull();
    await user.paste(
      '\n- Find out why the first 1 MB of the promo video takes 60 s',
    );
    expect(suggestion()).toBeNull();
    expect(dialog).toHaveTextContent(
      'By the rules: 1 rollback, 1 mitigation, 1 investigation.',
    );
    expect(create).toBeEnabled();
    await user.click(create);

    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(api.createPostmortem).toHaveBeenCalledWith({
      entityRef,
      title: 'Promo video stalls',
      occurredAt: '2026-01-10T00:00:00.000Z',
      impact: 'Video start took 60 s',
      contributingFactors: [
        'The player waits for the whole first 1 MB',
        'No alert on video start time',
      ],
      actionItems: [
        { text: 'Revert the streaming timeout to 60 s' },
        { text: 'Restart the player pods' },
        { text: 'Find out why the first 1 MB of the promo video takes 60 s' },
      ],
    });
  });

  it("imports Markdown, showing the backend's message when it cannot read it", async () => {
    const malformed = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'InputError',
            message:
              'Invalid body: markdown: needs a "# Title" line; markdown: needs a "Date: YYYY-MM-DD" line',
          },
          request: { method: 'POST', url: '/postmortems/import' },
          response: { statusCode: 400 },
        }),
        {
          status: 400,
          statusText: 'Bad Request',
          headers: { 'content-type': 'application/json' },
        },
      ),
    );
    const importPostmortem = jest
      .fn()
      .mockRejectedValueOnce(malformed)
      .mockResolvedValueOnce(makePostmortem());
    const api = fakeSreHealthApi({ importPostmortem });
    const { onChange, entityRef } = await renderCard({
      allow: AuthorizeResult.ALLOW,
      api,
    });
    const user = userEvent.setup();
    await user.click(
      screen.getByRole('button', { name: 'Import from Markdown' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Import a postmortem from Markdown',
    });
    const submit = within(dialog).getByRole('button', { name: 'Import' });
    expect(submit).toBeDisabled();
    const text = within(dialog).getByRole('textbox', { name: /Markdown/ });
    await user.click(text);
    await user.paste('## Action items\n- Revert it');
    await user.click(submit);

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent(
      'Invalid body: markdown: needs a "# Title" line; markdown: needs a "Date: YYYY-MM-DD" line',
    );
    expect(onChange).not.toHaveBeenCalled();
    expect(api.importPostmortem).toHaveBeenCalledWith({
      entityRef,
      markdown: '## Action items\n- Revert it',
    });

    // Fixed and sent again.
    await user.clear(text);
    await user.paste(
      '# Promo stall\nDate: 2026-01-10\n\n## Action items\n- Find out why',
    );
    await user.click(submit);
    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('shows the latest postmortems first and the rest on demand', async () => {
    const many = Array.from({ length: 7 }, (_, i) =>
      makePostmortem({
        id: `pm-${i}`,
        title: `Outage ${i}`,
        occurredAt: `2026-01-0${i + 1}T00:00:00.000Z`,
        actionItems: [],
      }),
    );
    await renderCard({ allow: AuthorizeResult.DENY, postmortems: many });
    expect(POSTMORTEMS_SHOWN).toBe(2);
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(
      POSTMORTEMS_SHOWN,
    );
    expect(screen.getAllByRole('heading', { level: 3 })[0]).toHaveTextContent(
      'Outage 6',
    );
    await userEvent.click(
      screen.getByRole('button', { name: 'Show all 7 postmortems' }),
    );
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(7);
  });

  it('says when the tab lists only the newest of a longer history', async () => {
    const newest = Array.from({ length: 6 }, (_, i) =>
      makePostmortem({
        id: `pm-${i}`,
        title: `Outage ${i}`,
        occurredAt: `2026-01-0${i + 1}T00:00:00.000Z`,
        actionItems: [],
      }),
    );
    await renderCard({
      allow: AuthorizeResult.DENY,
      postmortems: newest,
      total: 80,
    });
    // The pattern reads the newest, which are always listed.
    expect(
      screen.getByRole('group', {
        name: '80 postmortems, 5 of the 5 recent without an action item aimed at the cause, 0 action items open past due in the newest 6',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText('The newest 6 of 80 postmortems are listed.'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Show all 6 listed' }),
    );
    expect(screen.getAllByRole('heading', { level: 3 })).toHaveLength(6);
  });
});
