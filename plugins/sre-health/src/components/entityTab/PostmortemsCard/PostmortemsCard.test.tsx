import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Postmortem } from '@internal/backstage-plugin-sre-health-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { sreHealthApiRef } from '../../../api';
import {
  ENTITY_REF,
  fakeSreHealthApi,
  makePostmortem,
} from '../../../testUtils/fixtures';
import { POSTMORTEMS_SHOWN, PostmortemsCard } from './PostmortemsCard';
import { actionItemLines, withCorrectedClass } from './actionItems';

jest.setTimeout(30_000);

const rollbackOnly = makePostmortem({
  id: 'pm-rb',
  title: 'Checkout down after the streaming change',
  occurredAt: '2026-01-07T00:00:00.000Z',
  actionItems: [
    { text: 'Revert the streaming timeout to 60 s' },
    { text: 'Roll back release 2.3 of the player' },
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
// The only item reads like a rollback, but an SRE corrected it: not rollback-only.
const corrected = makePostmortem({
  id: 'pm-corr',
  version: 2,
  title: 'Search latency spike',
  occurredAt: '2025-12-20T00:00:00.000Z',
  actionItems: [
    {
      text: 'Roll back the index change',
      correctedClass: 'mitigation',
    },
  ],
});
const postmortems = [rollbackOnly, corrected, mixed];

let renders = 0;

async function renderCard(options: {
  allow: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  api?: ReturnType<typeof fakeSreHealthApi>;
  postmortems?: Postmortem[];
  total?: number;
}) {
  const api = options.api ?? fakeSreHealthApi();
  const onChange = jest.fn();
  // usePermission caches its decision per resource ref for the whole file.
  const entityRef = `${ENTITY_REF}-${++renders}`;
  const authorize = jest.fn(() => options.allow);
  await renderInTestApp(
    <TestApiProvider
      apis={[[sreHealthApiRef, api], mockApis.permission({ authorize })]}
    >
      <PostmortemsCard
        entityRef={entityRef}
        postmortems={options.postmortems ?? postmortems}
        total={options.total}
        onChange={onChange}
      />
    </TestApiProvider>,
  );
  await waitFor(() => expect(authorize).toHaveBeenCalledTimes(2));
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

/** Opens a postmortem's action items (and impact, and the rollback-only note). */
async function expand(postmortemTitle: string) {
  const region = screen.getByRole('region', { name: postmortemTitle });
  await userEvent.click(
    within(region).getByRole('button', { name: /action items?$|^Impact$/ }),
  );
}

describe('actionItems', () => {
  it('sets or clears the class of one item and sends only text and class', () => {
    const items = [
      { text: 'a', correctedClass: 'process' as const },
      { text: 'b' },
    ];
    expect(withCorrectedClass(items, 1, 'rollback')).toEqual([
      { text: 'a', correctedClass: 'process' },
      { text: 'b', correctedClass: 'rollback' },
    ]);
    expect(withCorrectedClass(items, 0, undefined)).toEqual([
      { text: 'a' },
      { text: 'b' },
    ]);
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
  it("grades every action item and flags rollback-only postmortems with the book's example", async () => {
    await renderCard({ allow: AuthorizeResult.DENY });

    expect(
      screen.getByRole('group', { name: '3 postmortems, 1 rollback-only' }),
    ).toHaveTextContent('3postmortems1rollback-only');
    expect(document.getElementById('postmortems')).toContainElement(
      screen.getByRole('group', { name: /^3 postmortems/ }),
    );
    // Newest first.
    expect(
      screen.getAllByRole('heading', { level: 3 }).map(h => h.textContent),
    ).toEqual([
      'Ledger outage',
      'Checkout down after the streaming change',
      'Search latency spike',
    ]);
    // Action items and the rollback-only note are behind each postmortem's disclosure.
    expect(screen.queryByRole('list', { name: /^Action items of/ })).toBeNull();
    expect(screen.queryByText('Rollback-only postmortem')).toBeNull();
    for (const title of [
      'Ledger outage',
      'Checkout down after the streaming change',
      'Search latency spike',
    ]) {
      await expand(title);
    }

    expect(itemClasses('Ledger outage')).toEqual([
      'class: Rollback',
      'class: Investigation',
    ]);
    expect(itemClasses('Checkout down after the streaming change')).toEqual([
      'class: Rollback',
      'class: Rollback',
    ]);
    expect(itemClasses('Search latency spike')).toEqual([
      'class: Mitigation, corrected by an SRE',
    ]);
    const correctedSection = screen.getByRole('region', {
      name: 'Search latency spike',
    });
    expect(correctedSection).toHaveTextContent(
      'corrected; the rules said Rollback',
    );

    const warnings = screen.getAllByText('Rollback-only postmortem');
    expect(warnings).toHaveLength(1);
    // a neutral note, not an alert
    expect(warnings[0].closest('[role="note"]')).not.toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    const warning = screen.getByRole('region', {
      name: 'Checkout down after the streaming change',
    });
    expect(warning).toHaveTextContent(
      'Instead of “Revert the streaming timeout to 60 s”, write “Find out why the first 1 MB of the promo video takes 60 s”.',
    );
    expect(
      within(screen.getByRole('region', { name: 'Ledger outage' })).queryByText(
        'Rollback-only postmortem',
      ),
    ).toBeNull();

    expect(screen.queryByRole('button', { name: /^Correct/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'New postmortem' })).toBeNull();
    expect(
      screen.queryByRole('button', { name: 'Import from Markdown' }),
    ).toBeNull();
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

  it('records a new postmortem, warning while its action items only roll back', async () => {
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
    const items = within(dialog).getByRole('textbox', { name: 'Action items' });
    await user.click(items);
    await user.paste('- Revert the streaming timeout to 60 s');
    expect(
      within(dialog).getByText('Rollback-only postmortem'),
    ).toBeInTheDocument();
    await user.paste(
      '\n- Find out why the first 1 MB of the promo video takes 60 s',
    );
    expect(within(dialog).queryByText('Rollback-only postmortem')).toBeNull();
    expect(dialog).toHaveTextContent(
      'By the rules: 1 rollback, 1 investigation.',
    );
    expect(create).toBeEnabled();
    await user.click(create);

    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(api.createPostmortem).toHaveBeenCalledWith({
      entityRef,
      title: 'Promo video stalls',
      occurredAt: '2026-01-10T00:00:00.000Z',
      impact: 'Video start took 60 s',
      actionItems: [
        { text: 'Revert the streaming timeout to 60 s' },
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
    expect(POSTMORTEMS_SHOWN).toBe(3);
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
    expect(
      screen.getByRole('group', {
        name: '80 postmortems, 0 of the newest 6 rollback-only',
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
