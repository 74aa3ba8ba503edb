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
  DETECTOR_AUTHOR,
  STRESSORS,
  StressorFlag,
  sreHealthAnnotationCreatePermission,
  sreHealthStressorFlagDismissPermission,
  sreHealthStressorRatePermission,
} from '@sre-health/backstage-plugin-sre-health-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { sreHealthApiRef } from '../../../api';
import type { StressorDetectionResult } from '../../../api/SreHealthApi';
import {
  ENTITY_REF,
  fakeSreHealthApi,
  makeAuditEntry,
  makeFlag,
} from '../../../testUtils/fixtures';
import {
  buildStressorRows,
  groupStressorRows,
  StressorFlagsCard,
} from './StressorFlagsCard';

const DAY = 24 * 3600 * 1000;
const daysAgo = (days: number) =>
  new Date(Date.now() - days * DAY).toISOString();

const flags: StressorFlag[] = [
  makeFlag({
    id: 'f-low',
    stressorKey: 'naive-capacity-plan',
    stressLevel: 2,
    evidence: 'Plan is "add servers"',
    createdAt: daysAgo(30),
  }),
  makeFlag({
    id: 'f-new4',
    stressorKey: 'devs-own-it',
    stressLevel: 4,
    createdAt: daysAgo(2),
  }),
  // The evidence proposed 2; jane rated it 5, which is what counts.
  makeFlag({
    id: 'f-high',
    stressorKey: 'undiagnosed-alerts',
    proposedLevel: 2,
    ratedLevel: 5,
    ratedBy: 'user:default/jane',
    status: 'mitigating',
    source: 'both',
    evidence: 'DiskFull fires daily',
    author: 'user:default/jane',
    confirmedBy: 'user:default/jane',
    createdAt: daysAgo(12),
  }),
  makeFlag({
    id: 'f-old4',
    stressorKey: 'knowledge-gap',
    stressLevel: 4,
    source: 'detected',
    author: DETECTOR_AUTHOR,
    evidence: 'Bus factor 1 on ledger',
    facts: { busFactor: 1, learners: 2 },
    detectedAt: daysAgo(1),
    createdAt: daysAgo(20),
  }),
  makeFlag({
    id: 'f-resolved',
    stressorKey: 'complaints-without-slo',
    stressLevel: 5,
    status: 'resolved',
    createdAt: daysAgo(40),
    resolvedAt: daysAgo(33),
  }),
  makeFlag({
    id: 'f-custom',
    stressorKey: 'custom:flaky-deploys',
    stressLevel: 3,
    createdAt: daysAgo(5),
  }),
];

// usePermission caches decisions (SWR) by permission and resource ref for the whole
// test file, so every render uses its own entity ref to get a fresh decision.
let renders = 0;

async function renderCard(options: {
  create: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  update: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  /** The rate permission; as `update` unless given. */
  rate?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  /** The dismiss permission; as `update` unless given. */
  dismiss?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  api?: ReturnType<typeof fakeSreHealthApi>;
  flags?: StressorFlag[];
  /** Where the tab is, e.g. with a `#stressor-<key>` hash. */
  location?: string;
}) {
  const api = options.api ?? fakeSreHealthApi();
  const onChange = jest.fn();
  const entityRef = `${ENTITY_REF}-${++renders}`;
  const authorize = jest.fn((request: EvaluatePermissionRequest) => {
    switch (request.permission.name) {
      case sreHealthAnnotationCreatePermission.name:
        return options.create;
      case sreHealthStressorRatePermission.name:
        return options.rate ?? options.update;
      case sreHealthStressorFlagDismissPermission.name:
        return options.dismiss ?? options.update;
      default:
        return options.update;
    }
  });
  const permission = mockApis.permission({ authorize });
  const alertApi = mockApis.alert();
  await renderInTestApp(
    <TestApiProvider apis={[[sreHealthApiRef, api], permission, alertApi]}>
      <StressorFlagsCard
        entityRef={entityRef}
        flags={options.flags ?? flags}
        onChange={onChange}
      />
    </TestApiProvider>,
    options.location ? { initialRouteEntries: [options.location] } : undefined,
  );
  await screen.findByText('Stressors');
  // The four decisions (create, update, rate, dismiss) were asked for this entity.
  await waitFor(() => expect(authorize).toHaveBeenCalledTimes(4));
  expect(authorize).toHaveBeenCalledWith(
    expect.objectContaining({ resourceRef: entityRef }),
  );
  return { api, onChange, entityRef, alertApi };
}

function rowTitles() {
  return screen.getAllByRole('rowheader').map(cell => cell.textContent);
}

function notFlaggedList() {
  return screen.getByRole('list', { name: 'Stressors not flagged' });
}

function notFlaggedTitles() {
  return within(notFlaggedList())
    .getAllByRole('listitem')
    .map(li => li.textContent);
}

async function showClosed(count: number) {
  await userEvent.click(
    screen.getByRole('button', {
      name: `Show resolved and dismissed (${count})`,
    }),
  );
}

function rowOf(title: string) {
  return screen.getByRole('rowheader', { name: title }).closest('tr')!;
}

async function openMenuItem(title: string, item: string) {
  await userEvent.click(
    await screen.findByRole('button', { name: `More actions for ${title}` }),
  );
  await userEvent.click(await screen.findByRole('menuitem', { name: item }));
}

// MUI dialogs and menus are slow to render in jsdom.
jest.setTimeout(30_000);

describe('buildStressorRows', () => {
  it('lists flags by effective level, then longest open, closed last, then every unflagged stressor', () => {
    const rows = buildStressorRows(flags);
    expect(rows.map(r => r.stressorKey)).toEqual([
      'undiagnosed-alerts', // rated 5: a rating before any proposal
      'knowledge-gap', // 4, open 20 days
      'devs-own-it', // 4, open 2 days
      'custom:flaky-deploys',
      'naive-capacity-plan',
      'complaints-without-slo', // resolved, level 5
      ...STRESSORS.map(s => s.key).filter(
        k =>
          ![
            'undiagnosed-alerts',
            'knowledge-gap',
            'devs-own-it',
            'naive-capacity-plan',
            'complaints-without-slo',
          ].includes(k),
      ),
    ]);
  });

  it('puts a dismissed flag after the open ones', () => {
    const rows = buildStressorRows([
      makeFlag({ id: 'd', stressLevel: 5, status: 'dismissed' }),
      makeFlag({ id: 'o', stressorKey: 'devs-own-it', stressLevel: 1 }),
    ]);
    expect(rows.slice(0, 2).map(r => r.id)).toEqual(['o', 'd']);
  });
});

describe('groupStressorRows', () => {
  it('splits open flags, closed flags and the stressors nobody flags now, with one anchor each', () => {
    const groups = groupStressorRows([
      ...flags,
      makeFlag({
        id: 'f-dismissed',
        stressorKey: 'sre-service-growing',
        status: 'dismissed',
        source: 'detected',
      }),
    ]);
    expect(groups.active.map(r => r.id)).toEqual([
      'f-high',
      'f-old4',
      'f-new4',
      'f-custom',
      'f-low',
    ]);
    expect(groups.closed.map(r => r.id).sort()).toEqual([
      'f-dismissed',
      'f-resolved',
    ]);
    // a dismissed flag is unresolved: its stressor cannot be flagged again
    expect(groups.notFlagged.map(r => r.stressorKey)).toEqual(
      STRESSORS.map(s => s.key).filter(
        k =>
          ![
            'undiagnosed-alerts',
            'knowledge-gap',
            'devs-own-it',
            'naive-capacity-plan',
            'sre-service-growing',
          ].includes(k),
      ),
    );
    expect(
      groups.notFlagged.find(r => r.stressorKey === 'complaints-without-slo')
        ?.flaggedBefore,
    ).toBe(true);
    expect(groups.anchorOf.get('undiagnosed-alerts')).toBe('f-high');
    expect(groups.anchorOf.get('complaints-without-slo')).toBe(
      'unflagged:complaints-without-slo',
    );
    expect(groups.anchorOf.get('sre-service-growing')).toBe('f-dismissed');
  });
});

describe('StressorFlagsCard', () => {
  it('shows source, effective level, status, author and age, read-only without permission', async () => {
    const { api } = await renderCard({
      create: AuthorizeResult.DENY,
      update: AuthorizeResult.DENY,
    });

    // The table lists the open and mitigating flags; resolved and dismissed ones are
    // behind a disclosure, the stressors nobody flags now on one line under it.
    const openTitles = [
      'Undiagnosed common alerts',
      'Knowledge gaps',
      '"The developers own it"',
      'flaky deploys',
      'Naive capacity plan',
    ];
    expect(rowTitles()).toEqual(openTitles);
    expect(
      screen.getByText('4 open · 1 mitigating · 1 to confirm'),
    ).toBeInTheDocument();
    await showClosed(1);
    expect(rowTitles()).toEqual([...openTitles, 'Complaints without an SLO']);
    const notFlagged = notFlaggedTitles();
    expect(notFlagged).toContain('Complaints without an SLO');
    // every stressor of the book is on the card
    for (const stressor of STRESSORS) {
      expect([...rowTitles(), ...notFlagged]).toContain(stressor.title);
    }

    const top = rowOf('Undiagnosed common alerts');
    expect(within(top).getByText('SRE + detected')).toBeInTheDocument();
    expect(within(top).getByLabelText('stress level 5 of 5')).toHaveTextContent(
      '5 / 5',
    );
    expect(top).toHaveTextContent('rated by jane');
    expect(top).toHaveTextContent('evidence says 2');
    expect(top).toHaveTextContent('mitigating');
    expect(top).toHaveTextContent('jane');
    expect(top).toHaveTextContent('12 days');
    expect(top).toHaveTextContent(`since ${daysAgo(12).slice(0, 10)}`);
    await userEvent.hover(within(top).getByText('SRE + detected'));
    expect(await screen.findByText(/Confirmed by jane\./)).toBeInTheDocument();

    const detected = rowOf('Knowledge gaps');
    expect(within(detected).getByText('detected')).toBeInTheDocument();
    expect(detected).toHaveTextContent('4 / 5');
    expect(detected).toHaveTextContent('proposed, not rated yet');
    expect(detected).not.toHaveTextContent('rated by');
    expect(detected).toHaveTextContent('detector');
    expect(detected).toHaveTextContent('20 days');

    const resolved = rowOf('Complaints without an SLO');
    expect(resolved).toHaveTextContent('resolved');
    expect(resolved).toHaveTextContent('was open 7 days');

    expect(
      within(notFlaggedList()).getByText(
        'SRE-developed service quietly growing',
      ),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('rowheader', {
        name: 'SRE-developed service quietly growing',
      }),
    ).toBeNull();

    await userEvent.click(
      screen.getByRole('button', { name: 'Hide resolved and dismissed' }),
    );
    expect(rowTitles()).toEqual(openTitles);

    // Reading: details can be opened; nothing can be changed.
    expect(
      screen.getByRole('button', { name: 'Details of Knowledge gaps' }),
    ).toBeInTheDocument();
    for (const name of [
      /^Flag/,
      /^Confirm/,
      /^More actions/,
      /^Rate/,
      'Run detection',
    ]) {
      expect(screen.queryByRole('button', { name })).toBeNull();
    }
    expect(screen.queryByRole('columnheader', { name: 'Actions' })).toBeNull();
    // The history is only read when a row is expanded.
    expect(api.getStressorFlagHistory).not.toHaveBeenCalled();
  });

  it("shows the book's description and when the stressor is visible as a tooltip", async () => {
    await renderCard({
      create: AuthorizeResult.DENY,
      update: AuthorizeResult.DENY,
    });
    await userEvent.hover(
      screen.getByText('SRE-developed service quietly growing'),
    );
    expect(
      await screen.findByText(/A service developed by SREs grows/),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Visible when: Owned by an SRE group/),
    ).toBeInTheDocument();
  });

  it("expands a flag to its evidence, the detector's facts, the dismissal reason and its history", async () => {
    const api = fakeSreHealthApi({
      getStressorFlagHistory: async () => [
        makeAuditEntry({
          id: 'a2',
          actor: 'user:default/jane',
          action: 'update',
          resourceId: 'f-dis',
          before: makeFlag({ id: 'f-dis', version: 1, status: 'open' }),
          after: makeFlag({
            id: 'f-dis',
            version: 2,
            status: 'dismissed',
            dismissedReason: 'Ledger is not serving-critical',
          }),
          at: '2026-01-06T12:30:00.000Z',
        }),
        makeAuditEntry({
          id: 'a1',
          actor: DETECTOR_AUTHOR,
          action: 'create',
          resourceId: 'f-dis',
          before: null,
          after: makeFlag({ id: 'f-dis', stressLevel: 4, source: 'detected' }),
          at: '2026-01-05T10:00:00.000Z',
        }),
      ],
    });
    await renderCard({
      create: AuthorizeResult.DENY,
      update: AuthorizeResult.DENY,
      api,
      flags: [
        makeFlag({
          id: 'f-dis',
          version: 2,
          status: 'dismissed',
          source: 'both',
          evidence: 'Only jane can restart the ledger',
          dismissedReason: 'Ledger is not serving-critical',
          facts: {
            busFactor: 1,
            learners: 0,
            detectorEvidence: 'Bus factor 1: only jane',
          },
        }),
      ],
    });

    // a dismissed flag is behind the disclosure
    expect(
      screen.queryByRole('button', { name: 'Details of Knowledge gaps' }),
    ).toBeNull();
    await showClosed(1);
    const toggle = screen.getByRole('button', {
      name: 'Details of Knowledge gaps',
    });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    expect(
      screen.queryByRole('region', { name: 'Details of Knowledge gaps' }),
    ).toBeNull();
    await userEvent.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');

    const details = screen.getByRole('region', {
      name: 'Details of Knowledge gaps',
    });
    expect(details).toHaveTextContent('Only jane can restart the ledger');
    expect(details).toHaveTextContent('The detector agrees');
    expect(details).toHaveTextContent('Bus factor 1: only jane');
    const facts = within(details).getByRole('list', {
      name: "Detector's facts",
    });
    expect(
      within(facts)
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual(['busFactor: 1', 'learners: 0']);
    expect(details).toHaveTextContent(
      'Dismissed becauseLedger is not serving-critical',
    );

    const history = await within(details).findByRole('list', {
      name: 'History',
    });
    expect(api.getStressorFlagHistory).toHaveBeenCalledTimes(1);
    expect(api.getStressorFlagHistory).toHaveBeenCalledWith('f-dis');
    const entries = within(history).getAllByRole('listitem');
    expect(history).toHaveTextContent(
      'dismissed by jane, 2026-01-06 12:30 UTC',
    );
    expect(history).toHaveTextContent('status: open → dismissed');
    expect(history).toHaveTextContent(
      'dismissal reason: — → Ledger is not serving-critical',
    );
    expect(history).toHaveTextContent(
      'detected by detector, 2026-01-05 10:00 UTC',
    );
    expect(history).toHaveTextContent('stress level: — → 4');
    // Newest first, as the backend sends them.
    expect(entries[0]).toHaveTextContent(/^dismissed/);

    await userEvent.click(toggle);
    expect(
      screen.queryByRole('region', { name: 'Details of Knowledge gaps' }),
    ).toBeNull();
  });

  it('shows an error when the history cannot be loaded', async () => {
    const api = fakeSreHealthApi({
      getStressorFlagHistory: async () => {
        throw new Error('database is down');
      },
    });
    await renderCard({
      create: AuthorizeResult.DENY,
      update: AuthorizeResult.DENY,
      api,
      flags: [makeFlag({ id: 'f1' })],
    });
    await userEvent.click(
      screen.getByRole('button', { name: 'Details of Knowledge gaps' }),
    );
    expect(
      await screen.findByText('Could not load the history: database is down'),
    ).toBeInTheDocument();
  });

  it("anchors each stressor's first row for the scorecard's links, and opens the one the URL names", async () => {
    const withHistory: StressorFlag[] = [
      ...flags,
      // an older, resolved flag of a stressor that is flagged again: one anchor only
      makeFlag({
        id: 'f-old-high',
        stressorKey: 'undiagnosed-alerts',
        stressLevel: 3,
        status: 'resolved',
        evidence: 'Old alert noise',
        createdAt: daysAgo(90),
        resolvedAt: daysAgo(60),
      }),
    ];
    await renderCard({
      create: AuthorizeResult.DENY,
      update: AuthorizeResult.DENY,
      flags: withHistory,
      location:
        '/catalog/default/component/payments-api/sre-health#stressor-undiagnosed-alerts',
    });
    const container = document.body;
    // every stressor of the book, flagged or not, and the custom one: exactly one anchor
    for (const key of [...STRESSORS.map(s => s.key), 'custom:flaky-deploys']) {
      expect(container.querySelectorAll(`[id="stressor-${key}"]`)).toHaveLength(
        1,
      );
    }
    // a stressor nobody flags now is anchored on its chip, a resolved one too
    for (const key of ['sre-service-growing', 'complaints-without-slo']) {
      expect(
        within(notFlaggedList())
          .getByText(STRESSORS.find(s => s.key === key)!.title)
          .closest(`[id="stressor-${key}"]`),
      ).not.toBeNull();
    }
    // the anchor is the row of the unresolved flag, expanded to its evidence
    const anchored = container.querySelector('#stressor-undiagnosed-alerts')!;
    await showClosed(2);
    const [unresolved, resolved] = screen
      .getAllByRole('rowheader', { name: 'Undiagnosed common alerts' })
      .map(cell => cell.closest('tr'));
    expect(anchored).toBe(unresolved);
    expect(resolved).not.toHaveAttribute('id');
    expect(
      within(anchored as HTMLElement).getByRole('button', {
        name: 'Details of Undiagnosed common alerts',
      }),
    ).toHaveAttribute('aria-expanded', 'true');
    expect(
      await screen.findByRole('region', {
        name: 'Details of Undiagnosed common alerts',
      }),
    ).toHaveTextContent('DiskFull fires daily');
    expect(anchored).toHaveClass('Mui-selected');
    // only that one opens
    expect(
      screen.getByRole('button', { name: 'Details of Knowledge gaps' }),
    ).toHaveAttribute('aria-expanded', 'false');
  });

  it('shows and opens the closed flag the URL names', async () => {
    await renderCard({
      create: AuthorizeResult.DENY,
      update: AuthorizeResult.DENY,
      flags: [
        ...flags,
        makeFlag({
          id: 'f-dismissed',
          stressorKey: 'sre-service-growing',
          status: 'dismissed',
          source: 'detected',
          evidence: 'Billing calls it',
        }),
      ],
      location:
        '/catalog/default/component/payments-api/sre-health#stressor-sre-service-growing',
    });
    expect(
      await screen.findByRole('region', {
        name: 'Details of SRE-developed service quietly growing',
      }),
    ).toHaveTextContent('Billing calls it');
    expect(
      screen.getByRole('button', { name: 'Hide resolved and dismissed' }),
    ).toHaveAttribute('aria-expanded', 'true');
    expect(document.querySelector('#stressor-sre-service-growing')).toBe(
      screen
        .getByRole('rowheader', {
          name: 'SRE-developed service quietly growing',
        })
        .closest('tr'),
    );
  });

  it('highlights the chip of a stressor nobody flags when the URL names it', async () => {
    await renderCard({
      create: AuthorizeResult.ALLOW,
      update: AuthorizeResult.DENY,
      location:
        '/catalog/default/component/payments-api/sre-health#stressor-sre-service-growing',
    });
    const chip = await screen.findByRole('button', {
      name: 'Flag SRE-developed service quietly growing',
    });
    expect(chip).toHaveAttribute('id', 'stressor-sre-service-growing');
    expect(chip).toHaveClass('MuiChip-outlinedPrimary');
    // only that one
    expect(
      screen.getByRole('button', { name: 'Flag Complaints without an SLO' }),
    ).not.toHaveClass('MuiChip-outlinedPrimary');
  });

  it('renders evidence and facts as plain text', async () => {
    await renderCard({
      create: AuthorizeResult.DENY,
      update: AuthorizeResult.DENY,
      flags: [
        makeFlag({
          evidence: '<img src=x onerror="alert(1)"><b>bold</b>',
          facts: { note: '<i>x</i>' },
        }),
      ],
    });
    await userEvent.click(
      screen.getByRole('button', { name: 'Details of Knowledge gaps' }),
    );
    expect(
      screen.getByText('<img src=x onerror="alert(1)"><b>bold</b>'),
    ).toBeInTheDocument();
    expect(screen.getByText('note: <i>x</i>')).toBeInTheDocument();
    expect(document.body.querySelector('img[src="x"]')).toBeNull();
    expect(document.body.querySelector('b, i')).toBeNull();
  });

  it('lets an SRE confirm a detected flag with its version', async () => {
    const api = fakeSreHealthApi({
      updateStressorFlag: async () => makeFlag({ source: 'both' }),
    });
    const { onChange, alertApi } = await renderCard({
      create: AuthorizeResult.ALLOW,
      update: AuthorizeResult.ALLOW,
      api,
    });
    // Only the detected, unconfirmed flag can be confirmed.
    expect(screen.getAllByRole('button', { name: /^Confirm/ })).toHaveLength(1);
    await userEvent.click(
      screen.getByRole('button', { name: 'Confirm Knowledge gaps' }),
    );
    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(api.updateStressorFlag).toHaveBeenCalledWith('f-old4', {
      version: 1,
      confirm: true,
    });
    expect(alertApi.getAlerts()).toContainEqual(
      expect.objectContaining({
        message: 'Confirmed: Knowledge gaps.',
        severity: 'success',
      }),
    );
  });

  it('dismisses a flag only with a reason', async () => {
    const api = fakeSreHealthApi({
      updateStressorFlag: async () => makeFlag({ status: 'dismissed' }),
    });
    const { onChange } = await renderCard({
      create: AuthorizeResult.DENY,
      update: AuthorizeResult.ALLOW,
      api,
      flags: [
        makeFlag({ id: 'f-det', version: 3, source: 'detected' }),
        makeFlag({ id: 'f-sre', stressorKey: 'devs-own-it', source: 'sre' }),
      ],
    });
    // An SRE's own flag is resolved, not dismissed.
    await openMenuItem('"The developers own it"', 'Edit…');
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Cancel',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await userEvent.click(
      screen.getByRole('button', {
        name: 'More actions for "The developers own it"',
      }),
    );
    expect(screen.queryByRole('menuitem', { name: 'Dismiss…' })).toBeNull();
    await userEvent.keyboard('{Escape}');

    await openMenuItem('Knowledge gaps', 'Dismiss…');
    const dialog = await screen.findByRole('dialog', {
      name: 'Dismiss stressor flag',
    });
    const submit = within(dialog).getByRole('button', { name: 'Dismiss' });
    expect(submit).toBeDisabled();
    const reason = within(dialog).getByRole('textbox', { name: /Reason/ });
    await userEvent.type(reason, '   ');
    expect(submit).toBeDisabled();
    await userEvent.clear(reason);
    await userEvent.type(reason, ' Ledger is not serving-critical ');
    expect(submit).toBeEnabled();
    await userEvent.click(submit);

    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(api.updateStressorFlag).toHaveBeenCalledTimes(1);
    expect(api.updateStressorFlag).toHaveBeenCalledWith('f-det', {
      version: 3,
      status: 'dismissed',
      dismissedReason: 'Ledger is not serving-critical',
    });
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('leaves dismissing, and undoing a dismissal, to those the policy lets dismiss', async () => {
    // a member of the owning team: edits the team's flags, does not dismiss them
    await renderCard({
      create: AuthorizeResult.ALLOW,
      update: AuthorizeResult.ALLOW,
      dismiss: AuthorizeResult.DENY,
      flags: [
        makeFlag({ id: 'f-det', source: 'detected' }),
        makeFlag({
          id: 'f-dismissed',
          stressorKey: 'devs-own-it',
          source: 'detected',
          status: 'dismissed',
          dismissedReason: 'Ledger is not serving-critical',
        }),
      ],
    });
    await openMenuItem('Knowledge gaps', 'Edit…');
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Cancel',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    await userEvent.click(
      screen.getByRole('button', { name: 'More actions for Knowledge gaps' }),
    );
    expect(screen.queryByRole('menuitem', { name: 'Dismiss…' })).toBeNull();
    await userEvent.keyboard('{Escape}');
    // the dismissed flag (behind the disclosure) offers no reopening or resolving
    await userEvent.click(
      screen.getByRole('button', { name: /^Show resolved and dismissed/ }),
    );
    expect(
      screen.queryByRole('button', {
        name: 'More actions for "The developers own it"',
      }),
    ).toBeNull();
  });

  it("lets a team member rate a stressor: the team's rating is the level", async () => {
    const api = fakeSreHealthApi({
      rateStressorFlag: async (id, { level }) =>
        makeFlag({ id, ratedLevel: level }),
    });
    // a team member: may rate, may not edit, confirm or dismiss
    const { onChange, alertApi } = await renderCard({
      create: AuthorizeResult.DENY,
      update: AuthorizeResult.DENY,
      rate: AuthorizeResult.ALLOW,
      api,
      flags: [
        makeFlag({
          id: 'f-det',
          version: 2,
          source: 'detected',
          author: DETECTOR_AUTHOR,
          stressLevel: 4,
        }),
        makeFlag({
          id: 'f-rated',
          version: 5,
          stressorKey: 'devs-own-it',
          source: 'both',
          proposedLevel: 2,
          ratedLevel: 3,
          ratedBy: 'user:default/carol',
          ratedAt: '2026-01-06T09:00:00.000Z',
        }),
        makeFlag({
          id: 'f-gone',
          stressorKey: 'naive-capacity-plan',
          status: 'resolved',
        }),
      ],
    });
    expect(screen.queryByRole('button', { name: /^More actions/ })).toBeNull();
    expect(
      screen.queryByRole('button', { name: 'Rate Naive capacity plan' }),
    ).toBeNull();

    // A proposal nobody rated: the dialog opens on it, and one click makes it the team's.
    await userEvent.click(
      screen.getByRole('button', { name: 'Rate Knowledge gaps' }),
    );
    let dialog = await screen.findByRole('dialog', {
      name: 'Rate the stress level',
    });
    expect(dialog).toHaveTextContent(
      'Nobody has rated it yet; the evidence proposes 4 / 5.',
    );
    expect(
      within(dialog).getByRole('radio', { name: '4 — high' }),
    ).toBeChecked();
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Save rating' }),
    );
    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(api.rateStressorFlag).toHaveBeenLastCalledWith('f-det', {
      version: 2,
      level: 4,
    });
    expect(alertApi.getAlerts()).toContainEqual(
      expect.objectContaining({ message: 'Rated 4 / 5: Knowledge gaps' }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    // A rating: the dialog says whose, and saves only a different level.
    await userEvent.click(
      screen.getByRole('button', { name: 'Rate "The developers own it"' }),
    );
    dialog = await screen.findByRole('dialog', {
      name: 'Rate the stress level',
    });
    expect(dialog).toHaveTextContent(
      'Rated 3 / 5 by carol on 2026-01-06; the evidence proposes 2 / 5.',
    );
    const save = within(dialog).getByRole('button', { name: 'Save rating' });
    expect(save).toBeDisabled();
    await userEvent.click(
      within(dialog).getByRole('radio', {
        name: "5 — the team's largest source of stress",
      }),
    );
    await userEvent.click(save);
    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(2));
    expect(api.rateStressorFlag).toHaveBeenLastCalledWith('f-rated', {
      version: 5,
      level: 5,
    });
    expect(api.updateStressorFlag).not.toHaveBeenCalled();
  });

  it('offers no way to override a level past the team (ratings replace overrides)', async () => {
    await renderCard({
      create: AuthorizeResult.ALLOW,
      update: AuthorizeResult.ALLOW,
      rate: AuthorizeResult.DENY,
      flags: [makeFlag({ id: 'f-det', source: 'detected', stressLevel: 4 })],
    });
    await userEvent.click(
      await screen.findByRole('button', {
        name: 'More actions for Knowledge gaps',
      }),
    );
    expect(
      await screen.findByRole('menuitem', { name: 'Dismiss…' }),
    ).toBeInTheDocument();
    expect(screen.queryByRole('menuitem', { name: /level/i })).toBeNull();
    expect(
      screen.queryByRole('button', { name: 'Rate Knowledge gaps' }),
    ).toBeNull();
  });

  it('runs the detectors for an SRE, then reloads', async () => {
    const api = fakeSreHealthApi({
      runStressorDetection: async (): Promise<StressorDetectionResult> => ({
        entityRef: 'component:default/checkout',
        detected: [
          {
            stressorKey: 'knowledge-gap',
            stressLevel: 4,
            evidence: 'Bus factor 1',
            facts: { busFactor: 1 },
          },
          {
            stressorKey: 'undiagnosed-alerts',
            stressLevel: 3,
            evidence: '2 alerts',
            facts: { alerts: 2 },
          },
        ],
        created: 1,
        updated: 1,
        resolved: 0,
        flags: [],
      }),
    });
    const { onChange, entityRef, alertApi } = await renderCard({
      create: AuthorizeResult.DENY,
      update: AuthorizeResult.ALLOW,
      api,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Run detection' }),
    );
    expect(
      (await alertApi.waitForAlert(a => a.severity === 'success')).message,
    ).toBe('Detection found 2 stressors: 1 new, 1 updated, 0 resolved.');
    expect(api.runStressorDetection).toHaveBeenCalledWith(entityRef);
    expect(onChange).toHaveBeenCalledTimes(1);
  });

  it('shows why detection failed', async () => {
    const forbidden = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'NotAllowedError', message: 'Not an SRE' },
          request: { method: 'POST', url: '/detect' },
          response: { statusCode: 403 },
        }),
        {
          status: 403,
          statusText: 'Forbidden',
          headers: { 'content-type': 'application/json' },
        },
      ),
    );
    const api = fakeSreHealthApi({
      runStressorDetection: async () => {
        throw forbidden;
      },
    });
    const { onChange, alertApi } = await renderCard({
      create: AuthorizeResult.DENY,
      update: AuthorizeResult.ALLOW,
      api,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Run detection' }),
    );
    expect(
      (await alertApi.waitForAlert(a => a.severity === 'error')).message,
    ).toBe('Not an SRE');
    expect(onChange).not.toHaveBeenCalled();
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
      await screen.findByRole('button', {
        name: 'Flag SRE-developed service quietly growing',
      }),
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
    await user.paste('Billing depends on it now');
    await user.click(within(dialog).getByRole('button', { name: 'Flag' }));

    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(api.createStressorFlag).toHaveBeenCalledWith({
      entityRef,
      stressorKey: 'sre-service-growing',
      stressLevel: 5,
      evidence: 'Billing depends on it now',
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
    await openMenuItem('Knowledge gaps', 'Resolve…');
    const dialog = await screen.findByRole('dialog', {
      name: 'Resolve stressor flag',
    });
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Resolve' }),
    );

    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    // the level is left alone: resolving is not rating
    expect(api.updateStressorFlag).toHaveBeenCalledWith('f1', {
      version: 7,
      evidence: 'Only jane can restart the ledger',
      status: 'resolved',
    });
  });

  it('reopens a dismissed flag', async () => {
    const api = fakeSreHealthApi({
      updateStressorFlag: async () => makeFlag(),
    });
    const { onChange } = await renderCard({
      create: AuthorizeResult.ALLOW,
      update: AuthorizeResult.ALLOW,
      api,
      flags: [
        makeFlag({
          id: 'f1',
          version: 4,
          status: 'dismissed',
          source: 'detected',
          dismissedReason: 'not critical',
        }),
      ],
    });
    // A dismissed flag is still unresolved: it cannot be flagged again or confirmed.
    expect(
      screen.queryByRole('button', { name: 'Flag Knowledge gaps' }),
    ).toBeNull();
    expect(screen.queryByRole('button', { name: /^Confirm/ })).toBeNull();
    await showClosed(1);
    await openMenuItem('Knowledge gaps', 'Reopen');
    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(api.updateStressorFlag).toHaveBeenCalledWith('f1', {
      version: 4,
      status: 'open',
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
      flags: [makeFlag({ id: 'f1', source: 'detected' })],
    });
    await openMenuItem('Knowledge gaps', 'Dismiss…');
    const dialog = await screen.findByRole('dialog', {
      name: 'Dismiss stressor flag',
    });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Reason/ }),
      'not kindling',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Dismiss' }),
    );

    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Changed by someone else — reload');
    expect(alert).toHaveTextContent(
      'stressor-flag f1 was changed by someone else: you sent version 1 (current version 2)',
    );
    expect(onChange).not.toHaveBeenCalled();

    await userEvent.click(
      within(alert).getByRole('button', { name: 'Reload' }),
    );
    expect(onChange).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  });

  it('offers Flag but no triage to someone who may create but not update', async () => {
    await renderCard({
      create: AuthorizeResult.ALLOW,
      update: AuthorizeResult.DENY,
    });
    expect(
      await screen.findByRole('button', {
        name: 'Flag SRE-developed service quietly growing',
      }),
    ).toBeInTheDocument();
    // An unresolved flag cannot be flagged again, and this user cannot change it.
    expect(
      screen.queryByRole('button', { name: 'Flag Undiagnosed common alerts' }),
    ).toBeNull();
    // A resolved one can be flagged again, from its chip, which says so.
    const again = within(notFlaggedList()).getByRole('button', {
      name: 'Flag Complaints without an SLO',
    });
    await userEvent.hover(again);
    expect(
      await screen.findByText(/Flagged before and resolved/),
    ).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^More actions/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /^Confirm/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Run detection' })).toBeNull();
  });
});
