import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import type { EngagementRecord } from '@sre-health/backstage-plugin-sre-health-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { sreHealthApiRef } from '../../../api';
import { EngagementChecklist } from '../../engagement/EngagementRecordView';
import {
  fakeEngagementApi,
  makeRecord,
} from '../../engagement/EngagementRecordView/engagementFixtures';

jest.setTimeout(30_000);

/*
 * Issue #16: "lead the next postmortem" is a link to the postmortem that was led, not a
 * bare tick.
 */

const LED = {
  id: '0b0e8f5e-2f7a-4a39-9d0c-6d1f6c0c8a11',
  title: 'Card authorisations time out after every deploy',
  entityRef: 'component:default/payments-api',
};

async function renderChecklist(
  record: EngagementRecord,
  api = fakeEngagementApi(),
) {
  const onChange = jest.fn();
  await renderInTestApp(
    <TestApiProvider apis={[[sreHealthApiRef, api], mockApis.alert()]}>
      <EngagementChecklist record={record} canUpdate onChange={onChange} />
    </TestApiProvider>,
    { mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef } },
  );
  return { api, onChange };
}

describe('"Led the next postmortem"', () => {
  it('links the tick to the postmortem that was led', async () => {
    const record = makeRecord();
    record.checklist = record.checklist.map(item =>
      item.key === 'postmortem-led'
        ? {
            ...item,
            tick: {
              id: 't2',
              version: 1,
              createdAt: '2026-01-08T10:00:00.000Z',
              updatedAt: '2026-01-08T10:00:00.000Z',
              engagementId: 'e1',
              teamRef: record.engagement.teamRef,
              phase: 'share-context',
              itemKey: 'postmortem-led',
              evidence: 'Led it blameless',
              tickedBy: record.engagement.sreRef,
              tickedInPhase: 'share-context',
              postmortem: LED,
            },
          }
        : item,
    );
    await renderChecklist(record);
    const link = screen.getByRole('link', { name: LED.title });
    expect(link).toHaveAttribute(
      'href',
      `/catalog/default/component/payments-api/sre-health#postmortem-${LED.id}`,
    );
  });

  it('asks which postmortem was led before it ticks the item', async () => {
    const api = fakeEngagementApi({
      getKindlingTargets: async () => ({
        postmortems: [{ kind: 'postmortem', label: LED.title, ...LED }],
        flags: [],
      }),
      tickChecklistItem: async () => ({} as any),
    });
    const { onChange } = await renderChecklist(makeRecord(), api);
    await userEvent.click(
      screen.getByRole('button', {
        name: 'Tick Led the next postmortem, blameless',
      }),
    );
    const dialog = await screen.findByRole('dialog');
    const tick = within(dialog).getByRole('button', { name: 'Tick' });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Evidence/ }),
      'Led it blameless',
    );
    // evidence alone is not enough: the tick is a link
    expect(tick).toBeDisabled();
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Postmortem led/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', {
        name: `${LED.title} (payments-api)`,
      }),
    );
    expect(tick).toBeEnabled();
    await userEvent.click(tick);
    await waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(api.tickChecklistItem).toHaveBeenCalledWith('e1', 'postmortem-led', {
      evidence: 'Led it blameless',
      postmortemId: LED.id,
    });
  });
});
