import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import {
  Engagement,
  OpsLoadSummary,
  PHASES,
} from '@internal/backstage-plugin-sre-health-common';
import { screen, within } from '@testing-library/react';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import { sreHealthApiRef } from '../../api';
import {
  fakeEngagementApi,
  makeRecord,
} from '../EngagementRecordView/engagementFixtures';
import { EngagementCard } from './EngagementCard';

const engagement: Engagement = {
  id: 'e1',
  version: 2,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-10T00:00:00.000Z',
  teamRef: 'group:default/payments',
  sreRef: 'user:default/sam',
  phase: 'share-context',
  startDate: '2026-01-05',
  endDate: null,
  goals: 'Write the first SLO\n<script>alert(1)</script>',
  createdBy: 'user:default/lead',
};

function opsLoad(opsHours: number, projectHours: number): OpsLoadSummary {
  const share = opsHours / (opsHours + projectHours);
  return {
    teamRef: 'group:default/payments',
    latestOpsShare: share,
    overloaded: share > 0.5,
    samples: [
      {
        id: 's1',
        version: 1,
        createdAt: '2026-01-12T00:00:00.000Z',
        updatedAt: '2026-01-12T00:00:00.000Z',
        teamRef: 'group:default/payments',
        weekStart: '2026-01-12',
        opsHours,
        projectHours,
        author: 'user:default/sam',
      },
    ],
  };
}

describe('EngagementCard', () => {
  it('shows the embedded SRE, the phase on a stepper, dates and goals', async () => {
    renderInTestApp(
      <EngagementCard
        engagement={engagement}
        opsLoad={opsLoad(30, 10)}
        teamRef="group:default/payments"
      />,
    );
    expect(await screen.findByText('sam with payments')).toBeInTheDocument();
    for (const phase of PHASES) {
      expect(screen.getByText(phase.title)).toBeInTheDocument();
    }
    // The stepper marks the first phase done and the second active.
    const learn = screen.getByText('Learn the service');
    const share = screen.getByText('Share context');
    expect(learn).toHaveClass('MuiStepLabel-completed');
    expect(share).toHaveClass('MuiStepLabel-active');
    expect(screen.getByText('Closed')).not.toHaveClass('MuiStepLabel-active');
    expect(
      screen.getByText(/Current phase: Share context\./),
    ).toBeInTheDocument();
    expect(screen.getByText('Started 2026-01-05, ongoing')).toBeInTheDocument();

    // Goals are plain text: the markup shows as text and is not executed.
    expect(
      screen.getByText(/Write the first SLO\s+<script>alert\(1\)<\/script>/),
    ).toBeInTheDocument();
    expect(document.querySelector('script')).toBeNull();

    const bar = screen.getByRole('progressbar', { name: /Ops share 75%/ });
    expect(bar).toHaveAttribute('aria-valuenow', '75');
    expect(
      screen.getByText(/of payments's time in the week of 2026-01-12/),
    ).toHaveTextContent('(cap 50%) — above the cap');
  });

  it('explains how an engagement starts when no SRE is embedded', async () => {
    renderInTestApp(
      <EngagementCard
        engagement={null}
        opsLoad={opsLoad(10, 30)}
        teamRef="group:default/payments"
      />,
    );
    expect(
      await screen.findByText('No SRE embedded with payments'),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/operational work exceeds 50% of its time/),
    ).toBeInTheDocument();
    expect(screen.getByRole('progressbar')).toHaveAttribute(
      'aria-valuenow',
      '25',
    );
    expect(screen.queryByText(/above the cap/)).toBeNull();
  });

  it('says so when the team has no ops-load samples', async () => {
    renderInTestApp(
      <EngagementCard engagement={null} opsLoad={null} teamRef={null} />,
    );
    expect(
      await screen.findByText('No SRE embedded with the owning team'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('No ops-load samples recorded for the owning team yet.'),
    ).toBeInTheDocument();
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  it("shows the engagement's kindling count and milestones, and where its record lives", async () => {
    const api = fakeEngagementApi({
      getEngagementRecord: async () => makeRecord(),
    });
    renderInTestApp(
      <TestApiProvider apis={[[sreHealthApiRef, api]]}>
        <EngagementCard
          engagement={engagement}
          opsLoad={opsLoad(30, 10)}
          teamRef="group:default/payments"
        />
      </TestApiProvider>,
      { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
    );
    expect(await screen.findByText(/0 of 3–4 cleared/)).toBeInTheDocument();
    const timeline = screen.getByRole('list', { name: 'Engagement timeline' });
    // Compact: milestones only, not the decision.
    expect(within(timeline).getAllByRole('listitem')).toHaveLength(2);
    expect(
      within(timeline).getByText('Learn the service → Share context'),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'payments' })).toBeInTheDocument();
    expect(api.getEngagementRecord).toHaveBeenCalledWith('e1');
  });
});
