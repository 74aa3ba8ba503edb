import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { sreHealthApiRef } from '../../../api';
import { fakeSreHealthApi, makeFire } from '../../../testUtils/fixtures';
import { FIRE_KIND_HINTS, FireDialog } from './FireDialog';

jest.setTimeout(20_000);

function renderDialog(api = fakeSreHealthApi()) {
  const onDone = jest.fn();
  const alertApi = mockApis.alert();
  renderInTestApp(
    <TestApiProvider apis={[[sreHealthApiRef, api], alertApi]}>
      <FireDialog
        entityRef="component:default/checkout"
        onClose={jest.fn()}
        onDone={onDone}
      />
    </TestApiProvider>,
  );
  return { api, onDone, alertApi };
}

describe('FireDialog', () => {
  it('starts at "Not sorted yet", with a hint that follows the choice', async () => {
    renderDialog();
    const dialog = await screen.findByRole('dialog', { name: 'Record a fire' });
    expect(
      within(dialog).getByRole('radio', { name: /^Not sorted yet/ }),
    ).toBeChecked();
    expect(
      within(dialog).getByText(new RegExp(`^${FIRE_KIND_HINTS.unsorted}`)),
    ).toBeInTheDocument();
    expect(within(dialog).queryByText(/why it is toil/)).toBeNull();

    await userEvent.click(
      within(dialog).getByRole('radio', { name: /^Overhead/ }),
    );
    expect(
      within(dialog).getByText(/^Why it is legitimate work/),
    ).toBeInTheDocument();
    await userEvent.click(within(dialog).getByRole('radio', { name: /^Toil/ }));
    expect(
      within(dialog).getByText(
        /^Why it should never happen, and how to automate/,
      ),
    ).toBeInTheDocument();
  });

  it('records an unsorted fire without a reason and confirms it', async () => {
    const api = fakeSreHealthApi({ createFire: async () => makeFire() });
    const { onDone, alertApi } = renderDialog(api);
    const dialog = await screen.findByRole('dialog', { name: 'Record a fire' });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /What happened/ }),
      'Pager storm from DiskFull',
    );
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record' }),
    );
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(api.createFire).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'unsorted', rationale: '' }),
    );
    expect(alertApi.getAlerts()).toEqual([
      { message: 'Fire recorded', severity: 'success', display: 'transient' },
    ]);
  });

  it('records the time spent on a fire, whole minutes only', async () => {
    const api = fakeSreHealthApi({ createFire: async () => makeFire() });
    const { onDone } = renderDialog(api);
    const dialog = await screen.findByRole('dialog', { name: 'Record a fire' });
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /What happened/ }),
      'Disk full on db-1',
    );
    const minutes = within(dialog).getByRole('spinbutton', {
      name: /Time spent/,
    });
    await userEvent.type(minutes, '1.5');
    expect(within(dialog).getByText(/^Whole minutes/)).toBeInTheDocument();
    expect(
      within(dialog).getByRole('button', { name: 'Record' }),
    ).toBeDisabled();
    await userEvent.clear(minutes);
    await userEvent.type(minutes, '90');
    await userEvent.click(
      within(dialog).getByRole('button', { name: 'Record' }),
    );
    await waitFor(() => expect(onDone).toHaveBeenCalledTimes(1));
    expect(api.createFire).toHaveBeenCalledWith(
      expect.objectContaining({ timeSpentMinutes: 90 }),
    );
  });
});
