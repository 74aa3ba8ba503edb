import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { Fire } from '@sre-health/backstage-plugin-sre-health-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { sreHealthApiRef } from '../../../api';
import {
  ENTITY_REF,
  fakeSreHealthApi,
  makeFire,
} from '../../../testUtils/fixtures';
import { FiresCard, firesFileName, groupFires } from './FiresCard';

jest.setTimeout(30_000);

const fires: Fire[] = [
  makeFire({
    id: 't1',
    kind: 'toil',
    title: 'Manual cert renewal',
    occurredAt: '2026-01-02T00:00:00.000Z',
    rationale: 'Should never happen: automate renewal',
  }),
  makeFire({
    id: 'u1',
    kind: 'unsorted',
    title: 'Disk full on ledger-db',
    occurredAt: '2026-01-06T00:00:00.000Z',
  }),
  makeFire({
    id: 'o1',
    kind: 'overhead',
    title: 'Quarterly failover drill',
    occurredAt: '2026-01-03T00:00:00.000Z',
    rationale: 'Legitimate, but the team dreads it',
  }),
  makeFire({
    id: 't2',
    kind: 'toil',
    title: 'Restart stuck consumer',
    occurredAt: '2026-01-05T00:00:00.000Z',
    rationale: '',
  }),
];

let renders = 0;

async function renderCard(options: {
  allow: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  api?: ReturnType<typeof fakeSreHealthApi>;
  fires?: Fire[];
  counts?: Record<Fire['kind'], number>;
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
      <FiresCard
        entityRef={entityRef}
        fires={options.fires ?? fires}
        counts={options.counts}
        onChange={onChange}
      />
    </TestApiProvider>,
  );
  await waitFor(() => expect(authorize).toHaveBeenCalledTimes(2));
  return { api, onChange, entityRef };
}

function group(name: RegExp) {
  const region = screen.getByRole('region', { name });
  return {
    region,
    titles: within(region)
      .queryAllByRole('listitem')
      .map(li => li.querySelector('.MuiListItemText-primary')?.textContent),
  };
}

/** Opens the fires by kind. */
async function showAll(name: RegExp = /^Show (all \d+ fires|the fire)$/) {
  await userEvent.click(screen.getByRole('button', { name }));
}

describe('groupFires', () => {
  it('sorts fires into toil, overhead and unsorted, newest first', () => {
    const groups = groupFires(fires);
    expect(groups.toil.map(f => f.id)).toEqual(['t2', 't1']);
    expect(groups.overhead.map(f => f.id)).toEqual(['o1']);
    expect(groups.unsorted.map(f => f.id)).toEqual(['u1']);
  });

  it('names the file after the entity', () => {
    expect(firesFileName('component:default/checkout')).toBe(
      'fires-checkout.md',
    );
  });
});

describe('FiresCard', () => {
  const createObjectURL = jest.fn((_blob: Blob) => 'blob:fires');
  const revokeObjectURL = jest.fn();
  let clicked: Array<{ href: string; download: string }>;
  let click: jest.SpyInstance;

  beforeAll(() => {
    // jsdom has no object URLs.
    Object.assign(URL, { createObjectURL, revokeObjectURL });
  });
  beforeEach(() => {
    createObjectURL.mockClear();
    revokeObjectURL.mockClear();
    clicked = [];
    click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(function record(this: HTMLAnchorElement) {
        clicked.push({
          href: this.getAttribute('href')!,
          download: this.download,
        });
      });
  });
  afterEach(() => click.mockRestore());

  it('lists the fires by kind with their rationale, read-only without permission', async () => {
    await renderCard({ allow: AuthorizeResult.DENY });

    expect(
      screen.getByRole('group', {
        name: '2 toil, 1 overhead, 1 not sorted yet',
      }),
    ).toHaveTextContent('2toil1overhead1not sorted yet');
    // the card is the verdict's link target
    expect(document.getElementById('fires')).toContainElement(
      screen.getByRole('group', { name: /toil/ }),
    );
    // the summary lists the newest three, of any kind
    const newest = within(
      screen.getByRole('list', { name: 'Newest fires' }),
    ).getAllByRole('listitem');
    expect(newest.map(li => li.textContent)).toEqual([
      'Disk full on ledger-db2026-01-06 · Not sorted yet',
      'Restart stuck consumer2026-01-05 · Toil',
      'Quarterly failover drill2026-01-03 · Overhead',
    ]);
    // the fires by kind are behind "Show all"
    expect(screen.queryByRole('heading', { name: /^Toil/ })).toBeNull();
    await showAll(/^Show all 4 fires$/);

    const toil = group(/^Toil \(2\)/);
    expect(toil.titles).toEqual([
      'Restart stuck consumer',
      'Manual cert renewal',
    ]);
    expect(toil.region).toHaveTextContent(
      'Should never happen: automate it away.',
    );
    expect(toil.region).toHaveTextContent(
      '2026-01-02 · Should never happen: automate renewal',
    );
    expect(toil.region).toHaveTextContent('2026-01-05 · No rationale yet');

    const overhead = group(/^Overhead \(1\)/);
    expect(overhead.titles).toEqual(['Quarterly failover drill']);
    expect(overhead.region).toHaveTextContent(
      'Legitimate, but the team dreads it',
    );
    const unsorted = group(/^Not sorted yet \(1\)/);
    expect(unsorted.titles).toEqual(['Disk full on ledger-db']);

    expect(screen.queryByRole('button', { name: /^Sort/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Record a fire' })).toBeNull();
    // Reading the list is enough to export it.
    expect(
      screen.getByRole('button', { name: 'Export as Markdown' }),
    ).toBeEnabled();
  });

  it('downloads the fires as Markdown through the API', async () => {
    const markdown = '# Fires of component:default/checkout\n\n## Toil (2)\n';
    const api = fakeSreHealthApi({ getFiresMarkdown: async () => markdown });
    const { entityRef } = await renderCard({
      allow: AuthorizeResult.DENY,
      api,
    });
    await userEvent.click(
      screen.getByRole('button', { name: 'Export as Markdown' }),
    );

    await waitFor(() => expect(clicked).toHaveLength(1));
    expect(api.getFiresMarkdown).toHaveBeenCalledWith(entityRef);
    expect(clicked[0]).toEqual({
      href: 'blob:fires',
      download: `fires-Checkout-${renders}.md`,
    });
    const blob = createObjectURL.mock.calls[0][0];
    expect(blob.type).toBe('text/markdown;charset=utf-8');
    expect(await blob.text()).toBe(markdown);
    await waitFor(() =>
      expect(revokeObjectURL).toHaveBeenCalledWith('blob:fires'),
    );
    // The temporary link is gone.
    expect(document.querySelector('a[download]')).toBeNull();
  });

  it('shows why the export failed', async () => {
    const api = fakeSreHealthApi({
      getFiresMarkdown: async () => {
        throw new Error('backend unavailable');
      },
    });
    await renderCard({ allow: AuthorizeResult.DENY, api });
    await userEvent.click(
      screen.getByRole('button', { name: 'Export as Markdown' }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'backend unavailable',
    );
    expect(clicked).toHaveLength(0);
  });

  it('lets an SRE sort a fire, with the reason required', async () => {
    const api = fakeSreHealthApi({
      updateFire: async () => makeFire({ kind: 'overhead' }),
    });
    const { onChange } = await renderCard({
      allow: AuthorizeResult.ALLOW,
      api,
      fires: [...fires.slice(0, 1), { ...fires[1], version: 2 }],
    });
    await showAll();
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'Sort Disk full on ledger-db',
      }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Sort a fire' });
    await userEvent.click(
      within(dialog).getByRole('radio', { name: /^Overhead/ }),
    );
    const submit = within(dialog).getByRole('button', { name: 'Sort' });
    expect(submit).toBeDisabled();
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Why/ }),
      'Disks fill when the batch runs; legitimate but stressful',
    );
    expect(submit).toBeEnabled();
    await userEvent.click(submit);

    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(api.updateFire).toHaveBeenCalledWith('u1', {
      version: 2,
      kind: 'overhead',
      rationale: 'Disks fill when the batch runs; legitimate but stressful',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('lets an SRE record a new fire', async () => {
    const api = fakeSreHealthApi({ createFire: async () => makeFire() });
    const { onChange, entityRef } = await renderCard({
      allow: AuthorizeResult.ALLOW,
      api,
      fires: [],
    });
    expect(screen.getByText(/No fire recorded yet/)).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Export as Markdown' }),
    ).toBeDisabled();
    await userEvent.click(
      screen.getByRole('button', { name: 'Record a fire' }),
    );
    const dialog = await screen.findByRole('dialog', { name: 'Record a fire' });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /What happened/ }),
      'Pager storm from DiskFull',
    );
    const date = within(dialog).getByLabelText(/Date/);
    await userEvent.clear(date);
    await userEvent.type(date, '2026-01-08');
    // A new fire starts unsorted: sorting it is a choice.
    await userEvent.click(within(dialog).getByRole('radio', { name: /^Toil/ }));
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Why/ }),
      'Alert should never page: automate cleanup',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record' }),
    );

    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(api.createFire).toHaveBeenCalledWith({
      entityRef,
      title: 'Pager storm from DiskFull',
      occurredAt: '2026-01-08T00:00:00.000Z',
      kind: 'toil',
      rationale: 'Alert should never page: automate cleanup',
    });
  });

  it('renders titles and rationale as plain text', async () => {
    await renderCard({
      allow: AuthorizeResult.DENY,
      fires: [
        makeFire({
          kind: 'toil',
          title: '<b>bold</b>',
          rationale: '<img src=x onerror="alert(1)">',
        }),
      ],
    });
    expect(screen.getByText('<b>bold</b>')).toBeInTheDocument();
    await showAll();
    // the title in the summary and in its group
    expect(screen.getAllByText('<b>bold</b>')).toHaveLength(2);
    expect(
      screen.getByText('<img src=x onerror="alert(1)">'),
    ).toBeInTheDocument();
    expect(document.body.querySelector('b, img[src="x"]')).toBeNull();
  });

  it('counts every fire and says when only the newest are listed', async () => {
    await renderCard({
      allow: AuthorizeResult.DENY,
      counts: { toil: 120, overhead: 30, unsorted: 7 },
    });
    expect(
      screen.getByRole('group', {
        name: '120 toil, 30 overhead, 7 not sorted yet',
      }),
    ).toBeInTheDocument();
    await showAll(/^Show the newest 4 of 157 fires$/);
    expect(
      screen.getByText(
        'The newest 4 of 157 fires are listed; the Markdown export has them all.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: /^Toil \(120\)/ }),
    ).toBeInTheDocument();
    expect(group(/^Toil/).titles).toEqual([
      'Restart stuck consumer',
      'Manual cert renewal',
    ]);
  });
});
