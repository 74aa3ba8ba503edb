import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  KnowledgeSiloSummary,
  KnowledgeWhatIf,
  TruckFactorSummary,
} from '@sre-health/backstage-plugin-sre-health-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { sreHealthApiRef, SreHealthApi } from '../../../api';
import { KnowledgeSiloCard } from './KnowledgeSiloCard';

// Material-table and MUI selects are slow to render in jsdom.
jest.setTimeout(20_000);

const CAROL = 'user:default/carol';
const DAN = 'user:default/dan';
const BOB = 'user:default/bob';

function truckFactor(
  overrides: Partial<TruckFactorSummary> = {},
): TruckFactorSummary {
  return {
    status: 'ok',
    repository: '/repos/ledger',
    truckFactor: 1,
    activeTruckFactor: 1,
    activeTruckFactorAuthors: [CAROL],
    topAuthors: [
      { author: CAROL, userRef: CAROL, files: 8, share: 0.8, departed: false },
      {
        author: 'Mallory <mallory@example.com>',
        files: 2,
        share: 0.2,
        departed: true,
      },
    ],
    departedAuthors: [
      {
        author: 'Mallory <mallory@example.com>',
        files: 2,
        share: 0.2,
        departed: true,
      },
    ],
    lostFiles: {
      count: 2,
      paths: ['src/legacy/export.ts', 'src/legacy/reconcile.ts'],
    },
    fileCount: 10,
    analyzedAt: '2026-11-28T10:00:00.000Z',
    headSha: '0123456789abcdef0123456789abcdef01234567',
    ...overrides,
  };
}

function ledgerSilo(
  overrides: Partial<KnowledgeSiloSummary> = {},
): KnowledgeSiloSummary {
  return {
    tier: 'critical',
    servingCritical: true,
    busFactor: 2,
    risk: 'high',
    operators: [
      {
        userRef: CAROL,
        level: 'expert',
        source: 'recorded',
        sources: ['recorded', 'on-call'],
      },
      { userRef: BOB, level: 'can-operate', source: 'on-call' },
      { userRef: DAN, level: 'learning', source: 'recorded' },
    ],
    onCall: [
      { userRef: BOB, shifts: 3, lastShiftEndedAt: '2026-11-23T09:00:00.000Z' },
      {
        userRef: CAROL,
        shifts: 1,
        lastShiftEndedAt: '2026-11-02T09:00:00.000Z',
      },
    ],
    truckFactor: truckFactor(),
    singlePersonDependency: true,
    keyPeople: [CAROL],
    ...overrides,
  };
}

function fakeApi(impl: Partial<SreHealthApi> = {}) {
  return new Proxy({} as jest.Mocked<SreHealthApi>, {
    get(target: any, name: string) {
      if (!target[name]) {
        target[name] = jest.fn(
          (impl as any)[name] ??
            (async () => {
              throw new Error(`${name} is not mocked`);
            }),
        );
      }
      return target[name];
    },
  });
}

// usePermission caches decisions per resource ref for the test file: a ref per render.
let renders = 0;

/** A catalog user for the operator picker. */
function user(name: string, displayName?: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name },
    spec: {
      memberOf: [],
      ...(displayName ? { profile: { displayName } } : {}),
    },
  };
}

function renderWithApis(
  element: (entityRef: string) => JSX.Element,
  options: {
    api?: ReturnType<typeof fakeApi>;
    allow?: boolean;
  } = {},
) {
  const entityRef = `component:default/ledger-${++renders}`;
  const api = options.api ?? fakeApi();
  const authorize = jest.fn(async () =>
    options.allow ? AuthorizeResult.ALLOW : AuthorizeResult.DENY,
  );
  renderInTestApp(
    <TestApiProvider
      apis={[
        [sreHealthApiRef, api],
        mockApis.permission({ authorize: authorize as any }),
        catalogApiMock({ entities: [user('erin', 'Erin Vance'), user('zed')] }),
      ]}
    >
      {element(entityRef)}
    </TestApiProvider>,
  );
  return { api, entityRef, authorize };
}

/** The card on an entity page, as SreHealthContent renders it (no entityRef prop). */
function renderOnPage(silo: KnowledgeSiloSummary, api = fakeApi()) {
  return renderWithApis(
    ref => (
      <EntityProvider
        entity={{
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: ref.split('/')[1], namespace: 'default' },
        }}
      >
        <KnowledgeSiloCard silo={silo} />
      </EntityProvider>
    ),
    { api },
  );
}

/** Opens one of the card's disclosures by the start of its label. */
async function expand(label: RegExp) {
  await userEvent.click(await screen.findByRole('button', { name: label }));
}

describe('KnowledgeSiloCard', () => {
  it('shows tier, criticality, bus factor, risk and operators', async () => {
    renderOnPage({
      tier: 'critical',
      servingCritical: true,
      busFactor: 1,
      risk: 'high',
      operators: [
        {
          userRef: 'user:default/jane',
          level: 'expert',
          source: 'recorded',
        },
        {
          userRef: 'user:ops/sam',
          level: 'learning',
          source: 'annotation',
        },
      ],
    });
    expect(await screen.findByLabelText('bus factor 1')).toHaveTextContent('1');
    expect(screen.getByText('high risk')).toBeInTheDocument();
    expect(screen.getByTestId('status-error')).toBeInTheDocument();
    expect(screen.getByText('tier critical')).toBeInTheDocument();
    expect(screen.getByText('serving-critical').closest('p')).toHaveTextContent(
      /^serving-critical$/,
    );
    // the explanation is behind an info icon
    expect(
      screen.getByRole('button', { name: 'About the knowledge silo' }),
    ).toBeInTheDocument();
    // without an analysis there is no truck factor; the what-if works on operators alone
    expect(screen.queryByLabelText(/^truck factor/)).toBeNull();
    expect(
      screen.getByRole('button', { name: 'What if someone left?' }),
    ).toBeInTheDocument();

    // the operators are behind a disclosure
    expect(screen.queryByRole('table')).toBeNull();
    await expand(/^Operators \(2\)/);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText('jane')).toHaveAttribute(
      'title',
      'user:default/jane',
    );
    // names and levels never wrap inside the narrow card
    expect(within(rows[0]).getByText('jane').closest('td')).toHaveStyle({
      whiteSpace: 'nowrap',
    });
    expect(within(rows[0]).getByText('expert').closest('td')).toHaveStyle({
      whiteSpace: 'nowrap',
    });
    expect(rows[0]).toHaveTextContent('expert');
    // sources in short words, each with its sentence as the title
    expect(within(rows[0]).getByText('SRE record')).toBeInTheDocument();
    expect(
      within(rows[0]).getByTitle('recorded by an SRE'),
    ).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('ops/sam');
    expect(rows[1]).toHaveTextContent('learning');
    expect(within(rows[1]).getByText('annotation')).toBeInTheDocument();
    expect(
      within(rows[1]).getByTitle('catalog-info annotation'),
    ).toBeInTheDocument();
  });

  it('says the embedded SRE is not counted: they leave when the engagement ends', async () => {
    renderOnPage({
      tier: 'critical',
      servingCritical: true,
      busFactor: 1,
      risk: 'high',
      operators: [{ userRef: CAROL, level: 'expert', source: 'on-call' }],
      embeddedSre: {
        userRef: 'user:default/alice',
        level: 'can-operate',
        source: 'recorded',
      },
    });
    expect(await screen.findByLabelText('bus factor 1')).toHaveTextContent('1');
    expect(
      screen.getByText(/^Not counted: alice, the embedded SRE/),
    ).toHaveTextContent(
      'Not counted: alice, the embedded SRE (can operate). They leave when the engagement ends, and what only they can do leaves with them.',
    );
  });

  it('explains how to declare operators when nobody is known', async () => {
    renderOnPage({
      tier: 'standard',
      servingCritical: false,
      busFactor: 0,
      risk: 'high',
      operators: [],
    });
    expect(
      await screen.findByText(
        /^Nobody is known to be able to operate this component\./,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('sre-health.dev/operators')).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
    // nothing to list, and a reader may not record: no operators disclosure
    expect(screen.queryByRole('button', { name: /^Operators/ })).toBeNull();
    expect(screen.getByText('serving-critical').closest('p')).toHaveTextContent(
      /^not serving-critical$/,
    );
  });

  it.each([
    ['medium', 'status-warning'],
    ['low', 'status-ok'],
  ] as const)('shows %s risk with its status icon', async (risk, testId) => {
    renderOnPage({
      tier: 'high',
      servingCritical: false,
      busFactor: 3,
      risk,
      operators: [],
    });
    expect(await screen.findByText(`${risk} risk`)).toBeInTheDocument();
    expect(screen.getByTestId(testId)).toBeInTheDocument();
  });

  it('shows truck factor, top authors with their share, lost knowledge and the one person', async () => {
    renderOnPage(ledgerSilo());
    expect(await screen.findByLabelText('truck factor 1')).toBeInTheDocument();
    expect(screen.getByLabelText('bus factor 2')).toBeInTheDocument();
    // the one person is in the summary, without expanding anything
    expect(screen.getByRole('alert')).toHaveTextContent(
      'Depends on one person: carol',
    );
    expect(screen.queryByRole('list', { name: 'top authors' })).toBeNull();

    await expand(/^Code knowledge \(2 files lost\)/);
    const authors = within(
      screen.getByRole('list', { name: 'top authors' }),
    ).getAllByRole('listitem');
    expect(authors).toHaveLength(2);
    expect(authors[0]).toHaveTextContent('carol');
    expect(authors[0]).toHaveTextContent('8 files (80%)');
    expect(
      screen.getByRole('progressbar', { name: 'carol authors 80% of files' }),
    ).toHaveAttribute('aria-valuenow', '80');
    expect(authors[1]).toHaveTextContent('Mallory <mallory@example.com>');
    expect(authors[1]).toHaveTextContent('departed');

    expect(
      screen.getByText(
        /Knowledge already lost: 2 files only departed people wrote/,
      ),
    ).toHaveTextContent('(Mallory <mallory@example.com>)');
    expect(
      within(screen.getByRole('list', { name: 'lost files' }))
        .getAllByRole('listitem')
        .map(li => li.textContent),
    ).toEqual(['src/legacy/export.ts', 'src/legacy/reconcile.ts']);
    expect(
      screen.getByText(/10 source files, analysed 2026-11-28 at 0123456/),
    ).toBeInTheDocument();

    // operators with every source, on-call shifts included
    await expand(/^Operators \(3\)/);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows[0]).toHaveTextContent(
      'SRE record, on call ×1 (last 2026-11-02)',
    );
    expect(
      within(rows[0]).getByTitle(
        'on call (last 90 days): 1 shift, last ended 2026-11-02',
      ),
    ).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('on call ×3 (last 2026-11-23)');
    expect(
      within(rows[1]).getByTitle(
        'on call (last 90 days): 3 shifts, last ended 2026-11-23',
      ),
    ).toBeInTheDocument();
  });

  it('says when the active truck factor differs and how many files are not listed', async () => {
    renderOnPage(
      ledgerSilo({
        truckFactor: truckFactor({
          truckFactor: 2,
          activeTruckFactor: 1,
          lostFiles: { count: 23, paths: ['a.ts'] },
        }),
      }),
    );
    expect(await screen.findByLabelText('truck factor 2')).toBeInTheDocument();
    expect(
      screen.getByText('1 counting only people still here'),
    ).toBeInTheDocument();
    await expand(/^Code knowledge \(23 files lost\)/);
    expect(screen.getByText('and 22 more')).toBeInTheDocument();
  });

  it('shows why a repository cannot be read, with the last known figures', async () => {
    renderOnPage(
      ledgerSilo({
        truckFactor: truckFactor({
          status: 'unavailable',
          reason: '/repos/ledger does not exist',
        }),
      }),
    );
    expect(await screen.findByLabelText('truck factor 1')).toHaveTextContent(
      'last known',
    );
    await expand(/^Code knowledge/);
    expect(
      await screen.findByText(
        /repository unavailable: \/repos\/ledger does not exist/,
      ),
    ).toHaveTextContent('the figures below are the last known');
  });

  it.each([
    ['none', 'No source repository is known.'],
    ['pending', 'Not analysed yet.'],
  ] as const)('shows the %s status without figures', async (status, reason) => {
    renderOnPage(
      ledgerSilo({
        truckFactor: truckFactor({
          status,
          reason,
          truckFactor: null,
          activeTruckFactor: null,
          topAuthors: [],
          departedAuthors: [],
          lostFiles: { count: 0, paths: [] },
        }),
      }),
    );
    expect(await screen.findByText(reason)).toBeInTheDocument();
    expect(screen.getByLabelText('truck factor —')).toHaveTextContent(reason);
    expect(screen.queryByRole('list', { name: 'top authors' })).toBeNull();
    expect(screen.queryByText(/repository unavailable/)).toBeNull();
    // nothing more to show a reader about the code
    expect(
      screen.queryByRole('button', { name: /^Code knowledge/ }),
    ).toBeNull();
  });

  it('answers a what-if for a picked person', async () => {
    const result: KnowledgeWhatIf = {
      entityRef: 'component:default/ledger',
      without: [CAROL],
      coverage: {
        before: { coveredFiles: 8, share: 0.8 },
        coveredFiles: 0,
        totalFiles: 10,
        share: 0,
        truckFactorLeft: 0,
        orphanedFiles: {
          count: 8,
          paths: ['src/accounts.ts', 'src/api.ts', 'src/audit.ts', 'src/db.ts'],
        },
      },
      truckFactorStatus: 'ok',
      operatorsLeft: [
        { userRef: BOB, level: 'can-operate', source: 'on-call' },
        { userRef: DAN, level: 'learning', source: 'recorded' },
      ],
      busFactorBefore: 2,
      busFactorLeft: 1,
      riskBefore: 'high',
      riskLeft: 'high',
    };
    const api = fakeApi({ getKnowledgeWhatIf: async () => result });
    const { entityRef } = renderWithApis(
      ref => <KnowledgeSiloCard silo={ledgerSilo()} entityRef={ref} />,
      { api },
    );
    await expand(/^What if someone left\?/);
    await userEvent.click(await screen.findByLabelText('what-if person'));
    // authors still here and operators, once each; not the departed author
    const options = await screen.findAllByRole('option');
    expect(options.map(o => o.textContent)).toEqual(['bob', 'carol', 'dan']);
    await userEvent.click(screen.getByRole('option', { name: 'carol' }));

    const shown = await screen.findByTestId('what-if-result');
    expect(api.getKnowledgeWhatIf).toHaveBeenCalledWith(entityRef, [CAROL]);
    expect(shown).toHaveTextContent(
      'Without carol, 0% of the files keep an author (0 of 10; now 80%). Truck factor left: 0.',
    );
    expect(shown).toHaveTextContent(
      '8 files lose their last author, e.g. src/accounts.ts, src/api.ts, src/audit.ts',
    );
    expect(shown).toHaveTextContent('Operators left: 1 of 2 (bob).');
    expect(shown).toHaveTextContent('Risk: high risk (now high)');
    // the rota: carol held a quarter of it, so no SLO is left without her
    expect(shown).toHaveTextContent(
      'On call: carol held 1 of 4 shifts (25%) in the last 90 days; bob would carry them.',
    );
    expect(shown).not.toHaveTextContent('SLOs left');
  });

  it('names the on-call share and the SLOs a person would leave without them', async () => {
    const api = fakeApi({
      getKnowledgeWhatIf: async () => ({
        entityRef: 'component:default/ledger',
        without: [BOB],
        coverage: null,
        truckFactorStatus: 'none',
        reason: 'no repository',
        operatorsLeft: [
          { userRef: CAROL, level: 'expert', source: 'recorded' },
        ],
        busFactorBefore: 2,
        busFactorLeft: 1,
        riskBefore: 'medium',
        riskLeft: 'high',
      }),
    });
    renderWithApis(
      ref => (
        <KnowledgeSiloCard
          silo={ledgerSilo()}
          entityRef={ref}
          slos={[
            { name: 'availability', displayName: 'Availability' },
            { name: 'latency', displayName: '' },
          ]}
        />
      ),
      { api },
    );
    await expand(/^What if someone left\?/);
    await userEvent.click(await screen.findByLabelText('what-if person'));
    await userEvent.click(await screen.findByRole('option', { name: 'bob' }));
    const shown = await screen.findByTestId('what-if-result');
    expect(shown).toHaveTextContent(
      'On call: bob held 3 of 4 shifts (75%) in the last 90 days; carol would carry them.',
    );
    expect(shown).toHaveTextContent(
      'SLOs left without bob (they carry its pager): Availability, latency.',
    );
  });

  it('takes the entity of the page when no ref is given', async () => {
    const api = fakeApi({
      getKnowledgeWhatIf: async () => ({
        entityRef: 'component:default/from-page',
        without: [BOB],
        coverage: null,
        truckFactorStatus: 'none',
        reason: 'no repository',
        operatorsLeft: [],
        busFactorBefore: 1,
        busFactorLeft: 0,
        riskBefore: 'medium',
        riskLeft: 'high',
      }),
    });
    renderWithApis(
      () => (
        <EntityProvider
          entity={{
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'from-page', namespace: 'default' },
          }}
        >
          <KnowledgeSiloCard
            silo={ledgerSilo({
              truckFactor: undefined,
              operators: [
                { userRef: BOB, level: 'can-operate', source: 'on-call' },
              ],
            })}
          />
        </EntityProvider>
      ),
      { api },
    );
    await expand(/^What if someone left\?/);
    await userEvent.click(await screen.findByLabelText('what-if person'));
    await userEvent.click(await screen.findByRole('option', { name: 'bob' }));
    const shown = await screen.findByTestId('what-if-result');
    expect(api.getKnowledgeWhatIf).toHaveBeenCalledWith(
      'component:default/from-page',
      [BOB],
    );
    expect(shown).toHaveTextContent('No code figures (no repository).');
    expect(shown).toHaveTextContent(
      'Operators left: 0 of 1 — nobody could operate it.',
    );
  });

  it('counts the authors for a reader who may not see them', async () => {
    const tf = truckFactor({
      activeTruckFactorAuthors: [],
      topAuthors: [],
      departedAuthors: [],
      authorshipWithheld: { authors: 2, departed: 1 },
    });
    const api = fakeApi();
    renderWithApis(
      ref => (
        <KnowledgeSiloCard
          silo={ledgerSilo({ truckFactor: tf, keyPeople: [] })}
          entityRef={ref}
        />
      ),
      { api, allow: false },
    );
    await expand(/^Code knowledge \(2 files lost\)/);
    expect(
      screen.getByText(/2 people author its files, 1 of them departed\./),
    ).toHaveTextContent('Who wrote what is shown to SREs and the owning team.');
    expect(
      screen.getByText(/Knowledge already lost: 2 files/),
    ).toHaveTextContent('(1 departed person)');
    expect(screen.queryByText(/Mallory/)).toBeNull();
    expect(api.getKnowledge).not.toHaveBeenCalled();
  });

  it('names the authors to a reader who may see them, from the knowledge route', async () => {
    const counted = ledgerSilo({
      truckFactor: truckFactor({
        activeTruckFactorAuthors: [],
        topAuthors: [],
        departedAuthors: [],
        authorshipWithheld: { authors: 2, departed: 1 },
      }),
      keyPeople: [],
    });
    const api = fakeApi({ getKnowledge: async () => ledgerSilo() });
    const { entityRef } = renderWithApis(
      ref => <KnowledgeSiloCard silo={counted} entityRef={ref} />,
      { api, allow: true },
    );
    expect(
      await screen.findByText(/Depends on one person: carol/),
    ).toBeInTheDocument();
    expect(api.getKnowledge).toHaveBeenCalledWith(entityRef);
    await expand(/^Code knowledge \(2 files lost\)/);
    expect(
      screen.getByText(/Knowledge already lost: 2 files/),
    ).toHaveTextContent('(Mallory <mallory@example.com>)');
    expect(screen.queryByText(/people author its files/)).toBeNull();
  });

  it('says the code part of a what-if is for SREs and the owning team', async () => {
    const api = fakeApi({
      getKnowledgeWhatIf: async () => ({
        entityRef: 'component:default/ledger',
        without: [BOB],
        coverage: null,
        truckFactorStatus: 'ok',
        authorshipWithheld: true,
        operatorsLeft: [
          { userRef: CAROL, level: 'expert', source: 'recorded' },
        ],
        busFactorBefore: 2,
        busFactorLeft: 1,
        riskBefore: 'high',
        riskLeft: 'high',
      }),
    });
    renderWithApis(
      ref => <KnowledgeSiloCard silo={ledgerSilo()} entityRef={ref} />,
      { api },
    );
    await expand(/^What if someone left\?/);
    await userEvent.click(await screen.findByLabelText('what-if person'));
    await userEvent.click(await screen.findByRole('option', { name: 'bob' }));
    const shown = await screen.findByTestId('what-if-result');
    expect(shown).toHaveTextContent(
      'Which files would lose their author is shown to SREs and the owning team.',
    );
    expect(shown).toHaveTextContent('Operators left: 1 of 2 (carol).');
  });

  it('lets an SRE analyse now and shows the new figures', async () => {
    const analysed = ledgerSilo({
      truckFactor: truckFactor({ truckFactor: 3, activeTruckFactor: 3 }),
    });
    const onChange = jest.fn();
    const api = fakeApi({ analyzeKnowledge: async () => analysed });
    const { entityRef } = renderWithApis(
      ref => (
        <KnowledgeSiloCard
          silo={ledgerSilo({
            truckFactor: truckFactor({
              status: 'pending',
              reason: 'Not analysed yet.',
              truckFactor: null,
              activeTruckFactor: null,
            }),
          })}
          entityRef={ref}
          onChange={onChange}
        />
      ),
      { api, allow: true },
    );
    await expand(/^Code knowledge/);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Analyse now' }),
    );
    expect(await screen.findByLabelText('truck factor 3')).toBeInTheDocument();
    expect(api.analyzeKnowledge).toHaveBeenCalledWith(entityRef);
    expect(onChange).toHaveBeenCalled();
  });

  it('hides SRE actions from others', async () => {
    const { authorize } = renderWithApis(
      ref => <KnowledgeSiloCard silo={ledgerSilo()} entityRef={ref} />,
      { allow: false },
    );
    // create, update, and seeing who authors the code
    await waitFor(() => expect(authorize).toHaveBeenCalledTimes(3));
    await expand(/^What if someone left\?/);
    expect(await screen.findByLabelText('what-if person')).toBeInTheDocument();
    await expand(/^Code knowledge/);
    await expand(/^Operators/);
    expect(await screen.findByRole('table')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Analyse now' })).toBeNull();
    expect(
      screen.queryByRole('form', { name: 'record an operator' }),
    ).toBeNull();
  });

  it('lets an SRE record who can operate the component', async () => {
    const reloaded = ledgerSilo({
      busFactor: 3,
      operators: [
        ...ledgerSilo().operators,
        { userRef: 'user:default/erin', level: 'expert', source: 'recorded' },
      ],
    });
    const api = fakeApi({
      createExpertise: async () => ({} as any),
      getKnowledge: async () => reloaded,
    });
    const { entityRef } = renderWithApis(
      ref => <KnowledgeSiloCard silo={ledgerSilo()} entityRef={ref} />,
      { api, allow: true },
    );
    await expand(/^Operators/);
    const form = await screen.findByRole('form', {
      name: 'record an operator',
    });
    await userEvent.click(
      within(form).getByRole('textbox', { name: 'Person' }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: /^Erin Vance/ }),
    );
    await userEvent.click(within(form).getByLabelText('expertise level'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'expert' }),
    );
    await userEvent.click(
      within(form).getByRole('button', { name: 'Record operator' }),
    );
    expect(await screen.findByLabelText('bus factor 3')).toBeInTheDocument();
    expect(api.createExpertise).toHaveBeenCalledWith({
      entityRef,
      userRef: 'user:default/erin',
      level: 'expert',
    });
    expect(api.getKnowledge).toHaveBeenCalledWith(entityRef);
  });

  it('shows why recording failed', async () => {
    const api = fakeApi({
      createExpertise: async () => {
        throw new Error('userRef: user:default/zed is not in the catalog');
      },
    });
    renderWithApis(
      ref => <KnowledgeSiloCard silo={ledgerSilo()} entityRef={ref} />,
      { api, allow: true },
    );
    await expand(/^Operators/);
    const form = await screen.findByRole('form', {
      name: 'record an operator',
    });
    await userEvent.click(
      within(form).getByRole('textbox', { name: 'Person' }),
    );
    await userEvent.click(await screen.findByRole('option', { name: /^zed/ }));
    await userEvent.click(
      within(form).getByRole('button', { name: 'Record operator' }),
    );
    expect(await within(form).findByRole('alert')).toHaveTextContent(
      'userRef: user:default/zed is not in the catalog',
    );
  });
});
