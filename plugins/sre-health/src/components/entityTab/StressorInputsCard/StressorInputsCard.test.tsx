import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type {
  AlertSummary,
  Complaint,
  DeferredProblem,
} from '@sre-health/backstage-plugin-sre-health-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { sreHealthApiRef } from '../../../api';
import { ENTITY_REF, fakeSreHealthApi } from '../../../testUtils/fixtures';
import { StressorInputsCard } from './StressorInputsCard';

jest.setTimeout(30_000);

const versioned = {
  version: 1,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  author: 'user:default/alice',
};

const alerts: AlertSummary[] = [
  {
    alertName: 'DiskAlmostFull',
    firings: 4,
    lastFiredAt: '2026-01-09T10:00:00.000Z',
    diagnosis: {
      ...versioned,
      id: 'd1',
      entityRef: ENTITY_REF,
      alertName: 'DiskAlmostFull',
      diagnosis: 'Log rotation lags behind',
      runbookUrl: 'https://runbooks.example/disk',
      ownerRef: 'group:default/payments-team',
    },
  },
  {
    alertName: 'HighLatencyP99',
    firings: 37,
    lastFiredAt: '2026-01-10T08:00:00.000Z',
    diagnosis: null,
  },
];

const deferred: DeferredProblem[] = [
  {
    ...versioned,
    id: 'p1',
    entityRef: ENTITY_REF,
    title: 'Manual shard rebalancing',
    deferredUntil: 'storage v2',
    dueDate: '2020-01-01',
    status: 'open',
  },
  {
    ...versioned,
    id: 'p2',
    entityRef: ENTITY_REF,
    title: 'Hand-rolled retries',
    deferredUntil: 'client library 3.0',
    dueDate: '2999-01-01',
    status: 'open',
  },
];

const complaints: Complaint[] = [
  {
    ...versioned,
    id: 'c1',
    entityRef: ENTITY_REF,
    receivedAt: '2026-01-05T00:00:00.000Z',
    summary: 'Checkout hangs <script>alert(1)</script>',
    source: 'ZD-1234',
  },
];

let renders = 0;

const LISTS = 'alerts, deferred problems and complaints';

async function renderCard(
  allow: AuthorizeResult.ALLOW | AuthorizeResult.DENY,
  options: {
    /** Open the lists (closed by default). */
    open?: boolean;
    data?: {
      alerts: AlertSummary[];
      deferred: DeferredProblem[];
      complaints: Complaint[];
    };
  } = {},
) {
  const { open = true, data = { alerts, deferred, complaints } } = options;
  const api = fakeSreHealthApi({
    listAlerts: async () => data.alerts,
    listDeferredProblems: async () => data.deferred,
    listComplaints: async () => data.complaints,
  });
  const onChange = jest.fn();
  // usePermission caches its decision per resource ref for the whole file.
  const entityRef = `${ENTITY_REF}-${++renders}`;
  const authorize = jest.fn(() => allow);
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [sreHealthApiRef, api],
        mockApis.permission({ authorize }),
        catalogApiMock({ entities: [] }),
      ]}
    >
      <StressorInputsCard entityRef={entityRef} onChange={onChange} />
    </TestApiProvider>,
  );
  await screen.findByRole(
    'button',
    { name: `Show ${LISTS}` },
    { timeout: 10_000 },
  );
  await waitFor(() => expect(authorize).toHaveBeenCalledTimes(2));
  if (open) {
    await userEvent.click(
      screen.getByRole('button', { name: `Show ${LISTS}` }),
    );
  }
  return { api, onChange, entityRef };
}

const section = (name: RegExp) => screen.getByRole('region', { name });

describe('StressorInputsCard', () => {
  it('leads with what needs attention, the lists behind a disclosure', async () => {
    await renderCard(AuthorizeResult.ALLOW, { open: false });
    const summary = screen.getByText('1 undiagnosed alert').closest('p')!;
    expect(summary).toHaveTextContent(
      '1 undiagnosed alert · 1 overdue deferred problem · 1 complaint',
    );
    expect(screen.queryByText('HighLatencyP99')).toBeNull();
    expect(screen.queryByRole('region', { name: /^Alerts, last/ })).toBeNull();
    const show = screen.getByRole('button', { name: `Show ${LISTS}` });
    expect(show).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(show);
    expect(screen.getByText('HighLatencyP99')).toBeInTheDocument();
    expect(
      screen.getByRole('button', { name: 'Diagnose HighLatencyP99' }),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: `Hide ${LISTS}` }),
    );
    await waitFor(() =>
      expect(screen.queryByText('HighLatencyP99')).toBeNull(),
    );
  });

  it('says how to record what is missing, one line per empty list', async () => {
    await renderCard(AuthorizeResult.ALLOW, {
      data: { alerts: [], deferred: [], complaints: [] },
    });
    expect(
      screen.getByText('0 undiagnosed alerts').closest('p'),
    ).toHaveTextContent(
      '0 undiagnosed alerts · 0 overdue deferred problems · 0 complaints',
    );
    expect(section(/^Alerts, last 30 days \(0\)/)).toHaveTextContent(
      /none fired\. Firings come from Alertmanager/,
    );
    const problems = section(/^Deferred problems \(0 open\)/);
    expect(problems).toHaveTextContent(/none recorded\. Record a problem/);
    expect(within(problems).queryByRole('list')).toBeNull();
    expect(
      within(problems).getByRole('button', { name: 'Record' }),
    ).toBeInTheDocument();
    const complaintSection = section(/^Customer complaints \(0\)/);
    expect(complaintSection).toHaveTextContent(/none recorded\./);
    expect(
      within(complaintSection).getByRole('button', { name: 'Record' }),
    ).toBeInTheDocument();
  });

  it('shows alerts by firings with their diagnosis, overdue deferred problems and complaints', async () => {
    await renderCard(AuthorizeResult.DENY);
    const alertItems = within(
      section(/^Alerts, last 30 days \(2\)/),
    ).getAllByRole('listitem');
    expect(alertItems[0]).toHaveTextContent('HighLatencyP99');
    expect(alertItems[0]).toHaveTextContent('no diagnosis, runbook or owner');
    expect(alertItems[0]).toHaveTextContent('37 firings, last 2026-01-10');
    expect(alertItems[1]).toHaveTextContent('diagnosed');
    expect(alertItems[1]).toHaveTextContent('owner payments-team');
    expect(
      within(alertItems[1]).getByRole('link', { name: /^runbook/ }),
    ).toHaveAttribute('href', 'https://runbooks.example/disk');

    const problems = within(
      section(/^Deferred problems \(2 open\)/),
    ).getAllByRole('listitem');
    expect(problems[0]).toHaveTextContent('Manual shard rebalancing');
    expect(problems[0]).toHaveTextContent('overdue');
    expect(problems[1]).not.toHaveTextContent('overdue');

    // User text is shown literally, never as markup.
    const complaint = within(section(/^Customer complaints \(1\)/)).getByText(
      'Checkout hangs <script>alert(1)</script>',
    );
    expect(complaint.querySelector('script')).toBeNull();
  });

  it('offers no write controls without permission', async () => {
    await renderCard(AuthorizeResult.DENY);
    expect(screen.queryByRole('button', { name: /record/i })).toBeNull();
    expect(screen.queryByRole('button', { name: /diagnose/i })).toBeNull();
    expect(screen.queryByRole('button', { name: /close/i })).toBeNull();
  });

  it('diagnoses an alert, records a deferred problem and closes one', async () => {
    const { api, onChange, entityRef } = await renderCard(
      AuthorizeResult.ALLOW,
    );
    api.createAlertDiagnosis.mockResolvedValue({} as any);
    api.createDeferredProblem.mockResolvedValue({} as any);
    api.updateDeferredProblem.mockResolvedValue({} as any);

    await userEvent.click(
      screen.getByRole('button', { name: 'Diagnose HighLatencyP99' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Diagnose an alert',
    });
    const save = within(dialog).getByRole('button', { name: 'Save' });
    expect(save).toBeDisabled();
    await userEvent.type(
      within(dialog).getByLabelText('Runbook URL'),
      'https://runbooks.example/latency',
    );
    await userEvent.click(save);
    await waitFor(() =>
      expect(api.createAlertDiagnosis).toHaveBeenCalledWith({
        entityRef,
        alertName: 'HighLatencyP99',
        diagnosis: '',
        runbookUrl: 'https://runbooks.example/latency',
        ownerRef: '',
      }),
    );
    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));

    const deferredSection = section(/^Deferred problems/);
    await userEvent.click(
      within(deferredSection).getByRole('button', { name: 'Record' }),
    );
    const record = await screen.findByRole('dialog', {
      name: 'Record a deferred problem',
    });
    await userEvent.type(
      within(record).getByLabelText(/^Problem/),
      'Cron on one host',
    );
    await userEvent.type(
      within(record).getByLabelText(/^Deferred until/),
      'the scheduler migration',
    );
    await userEvent.click(
      within(record).getByRole('button', { name: 'Record' }),
    );
    await waitFor(() =>
      expect(api.createDeferredProblem).toHaveBeenCalledWith({
        entityRef,
        title: 'Cron on one host',
        deferredUntil: 'the scheduler migration',
      }),
    );

    await userEvent.click(
      screen.getByRole('button', { name: 'Close Manual shard rebalancing' }),
    );
    await waitFor(() =>
      expect(api.updateDeferredProblem).toHaveBeenCalledWith('p1', {
        version: 1,
        status: 'closed',
      }),
    );
  });
});
