import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactElement } from 'react';
import { sreHealthApiRef } from '../api';
import {
  ENTITY_REF,
  fakeSreHealthApi,
  makeFire,
  makePostmortem,
  makeFlag,
} from '../testUtils/fixtures';
import { AfterActionReport } from './engagement/AfterActionReport';
import { EngagementRecordView } from './engagement/EngagementRecordView';
import {
  fakeEngagementApi,
  makeRecord,
  makeReportDocument,
} from './engagement/EngagementRecordView/engagementFixtures';
import { FiresCard } from './entityTab/FiresCard';
import { PostmortemsCard } from './entityTab/PostmortemsCard';
import { StressorFlagsCard } from './entityTab/StressorFlagsCard';

jest.setTimeout(30_000);

/*
 * Notes, evidence and decisions are what users type; another user's browser renders them.
 * Markup in them must come out as the literal text, never as elements.
 */
const SCRIPT = '<script>alert(1)</script>';
const IMG = '<img src=x onerror="window.__pwned=1">';
const PAYLOAD = `${SCRIPT}${IMG}<b>bold</b>`;

let renders = 0;

async function render(element: (entityRef: string) => ReactElement) {
  const api = fakeSreHealthApi();
  const entityRef = `${ENTITY_REF}-inert-${++renders}`;
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [sreHealthApiRef, api],
        mockApis.permission({ authorize: AuthorizeResult.DENY }),
      ]}
    >
      {element(entityRef)}
    </TestApiProvider>,
  );
}

function expectInert(times = 1) {
  expect(document.body.querySelector('script')).toBeNull();
  expect(document.body.querySelector('img[src="x"], img[onerror]')).toBeNull();
  expect(document.body.querySelector('b')).toBeNull();
  expect((window as any).__pwned).toBeUndefined();
  // shown as typed, markup and all
  const shown = document.body.textContent!.split(PAYLOAD).length - 1;
  expect(shown).toBeGreaterThanOrEqual(times);
}

describe('user text is rendered inert', () => {
  afterEach(() => {
    delete (window as any).__pwned;
  });

  it('in stressor flag evidence', async () => {
    await render(entityRef => (
      <StressorFlagsCard
        entityRef={entityRef}
        flags={[makeFlag({ evidence: PAYLOAD })]}
        onChange={jest.fn()}
      />
    ));
    await userEvent.click(
      await screen.findByRole('button', { name: 'Details of Knowledge gaps' }),
    );
    expectInert();
  });

  it('in postmortem titles, impact and action items', async () => {
    await render(entityRef => (
      <PostmortemsCard
        entityRef={entityRef}
        postmortems={[
          makePostmortem({
            title: PAYLOAD,
            impact: PAYLOAD,
            actionItems: [{ text: PAYLOAD }],
          }),
        ]}
        onChange={jest.fn()}
      />
    ));
    // the title in the summary; impact and action items behind its disclosure
    await userEvent.click(
      await screen.findByRole('button', { name: '1 action item' }),
    );
    await waitFor(() => expectInert(3));
  });

  it('in fire titles and rationales', async () => {
    await render(entityRef => (
      <FiresCard
        entityRef={entityRef}
        fires={[makeFire({ title: PAYLOAD, rationale: PAYLOAD, kind: 'toil' })]}
        onChange={jest.fn()}
      />
    ));
    // the title among the newest; title and rationale again in the fires by kind
    await userEvent.click(
      await screen.findByRole('button', { name: 'Show the fire' }),
    );
    await waitFor(() => expectInert(3));
  });

  it('in engagement decisions, questions and goals', async () => {
    const record = makeRecord();
    record.engagement.goals = PAYLOAD;
    record.decisions = record.decisions.map(d => ({
      ...d,
      decision: PAYLOAD,
      reason: PAYLOAD,
      example: PAYLOAD,
    }));
    record.questions = record.questions.map(q => ({ ...q, question: PAYLOAD }));
    const api = fakeEngagementApi({ getEngagementRecord: async () => record });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [sreHealthApiRef, api],
          mockApis.permission({ authorize: AuthorizeResult.DENY }),
        ]}
      >
        <EngagementRecordView engagementId="e1" />
      </TestApiProvider>,
    );
    // the goals on the overview, then each tab with user text
    await waitFor(() => expectInert(1));
    for (const tab of ['Decisions', 'Questions']) {
      await userEvent.click(screen.getByRole('tab', { name: tab }));
      await waitFor(() => expectInert(tab === 'Decisions' ? 3 : 1));
    }
  });

  it('in the after-action report', async () => {
    const record = makeRecord();
    record.decisions = record.decisions.map(d => ({
      ...d,
      decision: PAYLOAD,
      reason: PAYLOAD,
    }));
    record.engagement = {
      ...record.engagement,
      phase: 'closed',
      endDate: '2026-01-14',
    };
    await renderInTestApp(
      <AfterActionReport document={makeReportDocument(record, true)} />,
    );
    await waitFor(() => expectInert(2));
  });
});
