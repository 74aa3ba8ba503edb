import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { sreHealthApiRef } from '../../../api';
import {
  fakeEngagementApi,
  makeKindling,
  makeRecord,
  makeReportDocument,
} from '../EngagementRecordView/engagementFixtures';
import { AfterActionReport, AfterActionReportView } from './AfterActionReport';

jest.setTimeout(20_000);

const closedRecord = () => {
  const record = makeRecord({
    kindling: [
      makeKindling({ id: 'k1', state: 'done', doneAt: '2026-01-12T00:00:00Z' }),
      makeKindling({
        id: 'k2',
        title: 'Ledger failover drill',
        state: 'in-progress',
      }),
    ],
  });
  record.engagement = {
    ...record.engagement,
    phase: 'closed',
    endDate: '2026-01-14',
  };
  return record;
};

describe('AfterActionReport', () => {
  it('renders the numbers, the decisions with reasons and examples, the kindling and what remains', async () => {
    const doc = makeReportDocument(closedRecord(), true);
    renderInTestApp(<AfterActionReport document={doc} />);
    expect(
      await screen.findByRole('heading', {
        name: 'After-action report: payments',
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('Frozen 2026-01-14')).toBeInTheDocument();
    expect(
      screen.getByText(doc.report.problem.statements[0]),
    ).toBeInTheDocument();
    const ops = screen.getByRole('table', {
      name: 'Ops load at the start and at the end',
    });
    expect(
      within(ops).getByRole('row', { name: /Before the engagement 60%/ }),
    ).toBeInTheDocument();
    // the statement's weeks during the engagement are a row of the same table
    const during = doc.report.problem.during!;
    expect(
      within(ops).getByRole('row', {
        name: new RegExp(
          `^During the engagement \\d+% ${during.weeksOverCap} of ${during.weeks.length} `,
        ),
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        `${during.weeksOverCap} of ${during.weeks.length} sampled weeks during the engagement were above the 50% cap.`,
      ),
    ).toBeInTheDocument();
    expect(
      within(ops)
        .getAllByRole('row')
        .map(r => r.firstChild?.textContent),
    ).toEqual([
      '',
      'Before the engagement',
      'During the engagement',
      'At the end',
    ]);
    expect(screen.getByText('Decided: Alerts first')).toBeInTheDocument();
    expect(screen.getByText('Why: most of the pages')).toBeInTheDocument();
    expect(screen.getByText('Example: 14 of 19 pages')).toBeInTheDocument();
    expect(
      screen.getByText(
        /Moved to Share context with 1 item\(s\) open: postmortem this week/,
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', {
        name: 'Kindling cleared (1 of 3–4 cleared)',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/Kindling \(in-progress\): Ledger failover drill/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Focus on reliability before features.'),
    ).toBeInTheDocument();
  });

  it('downloads the stored Markdown and prints', async () => {
    const doc = makeReportDocument(closedRecord(), true);
    const created: Blob[] = [];
    const createObjectURL = jest.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:report';
    });
    const revokeObjectURL = jest.fn();
    Object.assign(URL, { createObjectURL, revokeObjectURL });
    const print = jest.spyOn(window, 'print').mockImplementation(() => {});
    const click = jest
      .spyOn(HTMLAnchorElement.prototype, 'click')
      .mockImplementation(() => {});

    renderInTestApp(<AfterActionReport document={doc} />);
    await userEvent.click(
      await screen.findByRole('button', { name: 'Download Markdown' }),
    );
    expect(click).toHaveBeenCalled();
    expect(await created[0].text()).toBe(doc.markdown);
    expect(revokeObjectURL).toHaveBeenCalledWith('blob:report');
    await userEvent.click(screen.getByRole('button', { name: 'Print' }));
    expect(print).toHaveBeenCalled();
    // The print stylesheet shows the report alone.
    expect(
      Array.from(document.querySelectorAll('style')).some(e =>
        e.textContent?.includes(
          '.sre-health-after-action-report, .sre-health-after-action-report *',
        ),
      ),
    ).toBe(true);
    click.mockRestore();
    print.mockRestore();
  });

  it('compares the end with the plan, lists stressors found as discoveries, and items ticked early', async () => {
    const doc = makeReportDocument(closedRecord(), true);
    const found = {
      entityRef: 'component:default/checkout',
      stressorKey: 'devs-own-it',
      stressLevel: 3,
      evidence: 'nobody on call can restart it',
    };
    doc.report.problem.newStressors = [found];
    doc.report.phases[1].checklist[0] = {
      ...doc.report.phases[1].checklist[0],
      done: true,
      evidence: 'the week-one outage',
      tickedEarlyIn: 'learn',
    };
    renderInTestApp(<AfterActionReport document={doc} />);
    expect(
      await screen.findByText(
        'Planned for 12 weeks, to end 2026-03-27; it ended 2026-01-14, 10 weeks earlier than planned.',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', {
        name: 'Stressors found during the engagement',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        "Discoveries, not regressions: naming the team's stressors is phase 1's work.",
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/nobody on call can restart it/),
    ).toBeInTheDocument();
    const share = screen.getByRole('list', { name: 'Share context checklist' });
    expect(
      within(share).getByText('(ticked early, in Learn the service)'),
    ).toBeInTheDocument();
  });

  it('loads a report by engagement and shows a preview as such', async () => {
    const api = fakeEngagementApi({
      getAfterActionReport: async () => makeReportDocument(),
    });
    renderInTestApp(
      <TestApiProvider apis={[[sreHealthApiRef, api]]}>
        <AfterActionReportView engagementId="e1" />
      </TestApiProvider>,
    );
    expect(
      await screen.findByText('Preview: frozen when the engagement closes'),
    ).toBeInTheDocument();
    expect(api.getAfterActionReport).toHaveBeenCalledWith('e1');
  });
});
