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
import {
  STRESSORS,
  sreHealthAnnotationCreatePermission,
} from '@internal/backstage-plugin-sre-health-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { sreHealthApiRef } from '../../api';
import {
  ENTITY_REF,
  fakeSreHealthApi,
  makeFlag,
} from '../../testUtils/fixtures';
import { buildStressorRows, StressorFlagsCard } from './StressorFlagsCard';

const flags = [
  makeFlag({
    id: 'f-low',
    stressorKey: 'naive-capacity-plan',
    stressLevel: 2,
    evidence: 'Plan is "add servers"',
  }),
  makeFlag({
    id: 'f-high',
    stressorKey: 'undiagnosed-alerts',
    stressLevel: 5,
    status: 'mitigating',
    source: 'both',
    evidence: 'DiskFull fires daily',
    author: 'user:default/jane',
    createdAt: '2026-01-02T09:00:00.000Z',
  }),
  makeFlag({
    id: 'f-custom',
    stressorKey: 'custom:flaky-deploys',
    stressLevel: 3,
    source: 'detected',
    evidence: '',
  }),
];

// usePermission caches decisions (SWR) by permission and resource ref for the whole
// test file, so every render uses its own entity ref to get a fresh decision.
let renders = 0;

async function renderCard(options: {
  create: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  update: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  api?: ReturnType<typeof fakeSreHealthApi>;
  flags?: typeof flags;
}) {
  const api = options.api ?? fakeSreHealthApi();
  const onChange = jest.fn();
  const entityRef = `${ENTITY_REF}-${++renders}`;
  const authorize = jest.fn((request: EvaluatePermissionRequest) =>
    request.permission.name === sreHealthAnnotationCreatePermission.name
      ? options.create
      : options.update,
  );
  const permission = mockApis.permission({ authorize });
  renderInTestApp(
    <TestApiProvider apis={[[sreHealthApiRef, api], permission]}>
      <StressorFlagsCard
        entityRef={entityRef}
        flags={options.flags ?? flags}
        onChange={onChange}
      />
    </TestApiProvider>,
  );
  await screen.findByText('Knowledge gaps');
  // Both decisions (create, update) were asked for this entity.
  await waitFor(() => expect(authorize).toHaveBeenCalledTimes(2));
  expect(authorize).toHaveBeenCalledWith(
    expect.objectContaining({ resourceRef: entityRef }),
  );
  return { api, onChange, entityRef };
}

function rowTitles() {
  return screen
    .getAllByRole('row')
    .slice(1)
    .map(row => within(row).getAllByRole('cell')[0].textContent);
}

// Material-table and MUI dialogs are slow to render in jsdom.
jest.setTimeout(20_000);

describe('buildStressorRows', () => {
  it('lists flags by priority, then every unflagged stressor of the book', () => {
    const rows = buildStressorRows(flags);
    expect(rows.map(r => r.stressorKey)).toEqual([
      'undiagnosed-alerts',
      'custom:flaky-deploys',
      'naive-capacity-plan',
      ...STRESSORS.map(s => s.key).filter(
        k => k !== 'undiagnosed-alerts' && k !== 'naive-capacity-plan',
      ),
    ]);
  });
});

describe('StressorFlagsCard', () => {
  it('lists all eight stressors and custom flags, highest stress first, read-only without permission', async () => {
    await renderCard({
      create: AuthorizeResult.DENY,
      update: AuthorizeResult.DENY,
    });

    const titles = rowTitles();
    expect(titles).toHaveLength(9);
    expect(titles.slice(0, 3)).toEqual([
      'Undiagnosed common alerts',
      'flaky deploys',
      'Naive capacity plan',
    ]);
    for (const stressor of STRESSORS) {
      expect(titles).toContain(stressor.title);
    }

    const top = screen.getAllByRole('row')[1];
    expect(top).toHaveTextContent('mitigating');
    expect(top).toHaveTextContent('5 / 5');
    expect(top).toHaveTextContent('SRE + detected');
    expect(top).toHaveTextContent('DiskFull fires daily');
    expect(top).toHaveTextContent('jane');
    expect(top).toHaveTextContent('2026-01-02');
    const unflagged = screen
      .getAllByRole('row')
      .find(r => r.textContent?.includes('Knowledge gaps'))!;
    expect(unflagged).toHaveTextContent('not flagged');

    expect(screen.queryByRole('button', { name: /^Flag/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Edit/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Resolve/ })).toBeNull();
    expect(screen.queryByText('Actions')).toBeNull();
  });

  it("shows the book's description and when the stressor is visible as a tooltip", async () => {
    await renderCard({
      create: AuthorizeResult.DENY,
      update: AuthorizeResult.DENY,
    });
    await userEvent.hover(screen.getByText('Knowledge gaps'));
    expect(
      await screen.findByText(/One specialist holds a critical part/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Visible when: Bus factor of 1 on a serving-critical/),
    ).toBeInTheDocument();
  });

  it('renders evidence as plain text', async () => {
    const { container } = { container: document.body };
    await renderCard({
      create: AuthorizeResult.DENY,
      update: AuthorizeResult.DENY,
      flags: [
        makeFlag({ evidence: '<img src=x onerror="alert(1)"><b>bold</b>' }),
      ],
    });
    expect(
      screen.getByText('<img src=x onerror="alert(1)"><b>bold</b>'),
    ).toBeInTheDocument();
    expect(container.querySelector('img[src="x"]')).toBeNull();
    expect(container.querySelector('b')).toBeNull();
  });

  it('lets an SRE flag a stressor, sending the right body and refreshing', async () => {
    const api = fakeSreHealthApi({
      createStressorFlag: async () => makeFlag({ id: 'new' }),
    });
    const { onChange, entityRef } = await renderCard({
      create: AuthorizeResult.ALLOW,
      update: AuthorizeResult.ALLOW,
      api,
    });
    const user = userEvent.setup();

    await user.click(
      await screen.findByRole('button', { name: 'Flag Knowledge gaps' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Flag a stressor',
    });
    await user.click(
      within(dialog).getByRole('button', { name: /Stress level/ }),
    );
    await user.click(
      await screen.findByRole('option', { name: /5 — the team's largest/ }),
    );
    await user.click(within(dialog).getByRole('textbox', { name: 'Evidence' }));
    await user.paste('Only jane can operate the ledger');
    await user.click(within(dialog).getByRole('button', { name: 'Flag' }));

    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(api.createStressorFlag).toHaveBeenCalledWith({
      entityRef,
      stressorKey: 'knowledge-gap',
      stressLevel: 5,
      evidence: 'Only jane can operate the ledger',
      status: 'open',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('flags a custom stressor from the card action', async () => {
    const api = fakeSreHealthApi({
      createStressorFlag: async () => makeFlag({ id: 'new' }),
    });
    const { onChange } = await renderCard({
      create: AuthorizeResult.ALLOW,
      update: AuthorizeResult.DENY,
      api,
      flags: [],
    });
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: 'Flag a stressor' }),
    );
    const dialog = await screen.findByRole('dialog');
    const submit = within(dialog).getByRole('button', { name: 'Flag' });
    expect(submit).toBeDisabled();

    await user.click(within(dialog).getByRole('button', { name: /Stressor/ }));
    await user.click(
      await screen.findByRole('option', { name: 'Custom stressor…' }),
    );
    const name = within(dialog).getByRole('textbox', {
      name: /Custom stressor name/,
    });
    await user.click(name);
    await user.paste('Flaky Deploys');
    expect(submit).toBeDisabled();
    await user.clear(name);
    await user.paste('flaky-deploys');
    expect(submit).toBeEnabled();
    await user.click(submit);

    await waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(api.createStressorFlag).toHaveBeenCalledWith(
      expect.objectContaining({
        stressorKey: 'custom:flaky-deploys',
        stressLevel: 3,
      }),
    );
  });

  it('lets an SRE resolve a flag with its version', async () => {
    const api = fakeSreHealthApi({
      updateStressorFlag: async () => makeFlag({ status: 'resolved' }),
    });
    const { onChange } = await renderCard({
      create: AuthorizeResult.ALLOW,
      update: AuthorizeResult.ALLOW,
      api,
      flags: [makeFlag({ id: 'f1', version: 7 })],
    });
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: 'Resolve Knowledge gaps' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Resolve stressor flag',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Resolve' }));

    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(api.updateStressorFlag).toHaveBeenCalledWith('f1', {
      version: 7,
      stressLevel: 4,
      evidence: 'Only jane can restart the ledger',
      status: 'resolved',
    });
  });

  it("shows the backend's 409 message in the dialog and offers a reload", async () => {
    const conflict = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: {
            name: 'ConflictError',
            message:
              'stressor-flag f1 was changed by someone else: you sent version 1 (current version 2); reload and try again',
          },
          request: { method: 'PATCH', url: '/stressor-flags/f1' },
          response: { statusCode: 409 },
        }),
        {
          status: 409,
          statusText: 'Conflict',
          headers: { 'content-type': 'application/json' },
        },
      ),
    );
    const api = fakeSreHealthApi({
      updateStressorFlag: async () => {
        throw conflict;
      },
    });
    const { onChange } = await renderCard({
      create: AuthorizeResult.ALLOW,
      update: AuthorizeResult.ALLOW,
      api,
      flags: [makeFlag({ id: 'f1' })],
    });
    const user = userEvent.setup();
    await user.click(
      await screen.findByRole('button', { name: 'Edit Knowledge gaps' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Edit stressor flag',
    });
    await user.click(within(dialog).getByRole('button', { name: 'Save' }));

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Changed by someone else — reload');
    expect(alert).toHaveTextContent(
      'stressor-flag f1 was changed by someone else: you sent version 1 (current version 2)',
    );
    expect(onChange).not.toHaveBeenCalled();

    await user.click(within(alert).getByRole('button', { name: 'Reload' }));
    expect(onChange).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('offers Flag but not Edit to someone who may create but not update', async () => {
    await renderCard({
      create: AuthorizeResult.ALLOW,
      update: AuthorizeResult.DENY,
    });
    expect(
      await screen.findByRole('button', { name: 'Flag Knowledge gaps' }),
    ).toBeInTheDocument();
    // An unresolved flag cannot be flagged again, and this user cannot edit it.
    expect(
      screen.queryByRole('button', { name: 'Flag Undiagnosed common alerts' }),
    ).toBeNull();
    expect(screen.queryByRole('button', { name: /^Edit/ })).toBeNull();
  });
});
