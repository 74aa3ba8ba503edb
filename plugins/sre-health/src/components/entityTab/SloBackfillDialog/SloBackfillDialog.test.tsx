import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { sreHealthApiRef } from '../../../api';
import {
  ENTITY_REF,
  fakeSreHealthApi,
  makeSlo,
  mockResizeObserver,
} from '../../../testUtils/fixtures';
import { SloStatusCard } from '../SloStatusCard';
import { SloBackfillDialog } from './SloBackfillDialog';
import { guessFormat, localToIso } from './backfillFormats';

jest.setTimeout(30_000);

const CSV = 'start,good,total\n2026-11-01T10:00:00Z,998,1000\n';

/** The backend's 400 as the client throws it. */
async function refusal(message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'InputError', message },
        request: { method: 'POST', url: '/slo-backfill' },
        response: { statusCode: 400 },
      }),
      {
        status: 400,
        statusText: 'Bad Request',
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}

function renderDialog(api: ReturnType<typeof fakeSreHealthApi>) {
  const alertApi = mockApis.alert();
  const onDone = jest.fn();
  const onClose = jest.fn();
  renderInTestApp(
    <TestApiProvider apis={[[sreHealthApiRef, api], alertApi]}>
      <SloBackfillDialog
        entityRef={ENTITY_REF}
        sloName="availability"
        sloTitle="Availability"
        onClose={onClose}
        onDone={onDone}
      />
    </TestApiProvider>,
  );
  return { alertApi, onDone, onClose };
}

describe('SloBackfillDialog', () => {
  it('imports a file, shows the line the backend refuses, then confirms with the counts', async () => {
    const api = fakeSreHealthApi({
      backfillSlo: jest
        .fn()
        .mockRejectedValueOnce(
          await refusal(
            'Invalid backfill, nothing written: line 2: good (998) exceeds total (10)',
          ),
        )
        .mockResolvedValueOnce({
          accepted: 3,
          unchanged: 1,
          replaced: 1,
          from: '2026-11-01T10:00:00.000Z',
          to: '2026-11-01T10:02:00.000Z',
        }),
    });
    const { alertApi, onDone } = renderDialog(api);
    const dialog = await screen.findByRole('dialog', {
      name: 'Import history: Availability',
    });
    // the expected columns are shown before any file is chosen
    expect(within(dialog).getByLabelText('Example CSV')).toHaveTextContent(
      'start,good,total',
    );
    const submit = within(dialog).getByRole('button', { name: 'Import' });
    expect(submit).toBeDisabled();

    await userEvent.upload(
      within(dialog).getByLabelText('History file'),
      // jsdom's File has no text(); the browser's does
      Object.assign(new File([CSV], 'history.csv', { type: 'text/csv' }), {
        text: async () => CSV,
      }),
    );
    expect(
      await within(dialog).findByText('history.csv (47 characters)'),
    ).toBeInTheDocument();
    await userEvent.click(submit);
    expect(
      await within(dialog).findByText(
        'Invalid backfill, nothing written: line 2: good (998) exceeds total (10)',
      ),
    ).toBeInTheDocument();
    expect(onDone).not.toHaveBeenCalled();

    await userEvent.click(submit);
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(api.backfillSlo).toHaveBeenLastCalledWith({
      entityRef: ENTITY_REF,
      slo: 'availability',
      file: { format: 'csv', text: CSV },
    });
    expect(alertApi.getAlerts().map(a => a.message)).toContain(
      'Imported 3 minutes of Availability (2026-11-01T10:00:00.000Z to 2026-11-01T10:02:00.000Z): 1 new, 1 already there with the same counts, 1 replaced',
    );
  });

  it('imports from Prometheus with the two queries and the range as instants', async () => {
    const api = fakeSreHealthApi({
      backfillSlo: jest
        .fn()
        .mockRejectedValue(
          await refusal(
            'Invalid body: prometheus.good: Prometheus "demo" rejected the query: bad_data: parse error',
          ),
        ),
    });
    const { alertApi } = renderDialog(api);
    const dialog = await screen.findByRole('dialog');
    await userEvent.click(
      within(dialog).getByRole('tab', { name: 'From Prometheus' }),
    );
    const panel = within(dialog).getByRole('tabpanel', {
      name: 'From Prometheus',
    });
    const submit = within(dialog).getByRole('button', { name: 'Import' });
    await userEvent.type(within(panel).getByLabelText(/^Data source/), 'demo');
    await userEvent.type(
      within(panel).getByLabelText(/^Good events query/),
      'sum(good',
    );
    await userEvent.type(
      within(panel).getByLabelText(/^Total events query/),
      'sum(total)',
    );
    expect(submit).toBeDisabled(); // no range yet
    await userEvent.type(
      within(panel).getByLabelText(/^From/),
      '2026-11-01T10:00',
    );
    await userEvent.type(
      within(panel).getByLabelText(/^To\b/),
      '2026-11-02T10:00',
    );
    await userEvent.click(submit);
    const posted = await alertApi.waitForAlert(a => a.severity === 'error');
    expect(posted.message).toContain('prometheus.good');
    expect(api.backfillSlo).toHaveBeenCalledWith({
      entityRef: ENTITY_REF,
      slo: 'availability',
      prometheus: {
        source: 'demo',
        good: 'sum(good',
        total: 'sum(total)',
        from: new Date(2026, 10, 1, 10, 0).toISOString(),
        to: new Date(2026, 10, 2, 10, 0).toISOString(),
      },
    });
  });

  it('guesses the format from the name, then the first character', () => {
    expect(guessFormat('h.csv', '[')).toBe('csv');
    expect(guessFormat('h.jsonl', '')).toBe('ndjson');
    expect(guessFormat('h.json', ' [{}]')).toBe('json');
    expect(guessFormat('h.json', '{"start":1}\n')).toBe('ndjson');
    expect(guessFormat('history', '[')).toBe('json');
    expect(guessFormat('history', 'start,good,total')).toBe('csv');
    expect(localToIso('')).toBeUndefined();
    expect(localToIso('2026-11-01T10:00')).toBe(
      new Date(2026, 10, 1, 10, 0).toISOString(),
    );
  });
});

describe('the SLO card offers "Import history"', () => {
  let restore: () => void;
  beforeEach(() => {
    restore = mockResizeObserver(600, 160);
  });
  afterEach(() => restore());

  // usePermission caches its decision per resource ref for the whole file: one ref each
  const renderCard = (
    authorize: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
    entityRef: string,
  ) =>
    renderInTestApp(
      <TestApiProvider
        apis={[
          [sreHealthApiRef, fakeSreHealthApi()],
          mockApis.permission({ authorize }),
        ]}
      >
        <SloStatusCard
          entityRef={entityRef}
          slos={[
            makeSlo({ name: 'availability', displayName: 'Availability' }),
            makeSlo({
              name: 'latency',
              displayName: 'Latency',
              source: 'prometheus:demo',
            }),
          ]}
        />
      </TestApiProvider>,
    );

  it('to those who manage SLOs, on pushed-events SLOs, in the SLO header row', async () => {
    await renderCard(AuthorizeResult.ALLOW, ENTITY_REF);
    const button = await screen.findByRole('button', {
      name: 'Import history of SLO Availability',
    });
    expect(
      screen.queryByRole('button', { name: 'Import history of SLO Latency' }),
    ).not.toBeInTheDocument();
    // beside the SLO's title and status, not on a row of its own
    expect(button.parentElement).toContainElement(
      screen.getByRole('heading', { name: 'Availability' }),
    );
    await userEvent.click(button);
    expect(
      await screen.findByRole('dialog', {
        name: 'Import history: Availability',
      }),
    ).toBeInTheDocument();
  });

  it('to nobody else', async () => {
    await renderCard(AuthorizeResult.DENY, 'component:default/ledger-service');
    expect(
      await screen.findByRole('heading', { name: 'Availability' }),
    ).toBeInTheDocument();
    expect(
      screen.queryByRole('button', { name: /^Import history/ }),
    ).not.toBeInTheDocument();
  });
});
