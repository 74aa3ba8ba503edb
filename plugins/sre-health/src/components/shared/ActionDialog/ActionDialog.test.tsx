import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActionDialog } from './ActionDialog';
import { describeWriteError } from './useWrite';

jest.setTimeout(20_000);

async function responseError(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'Error', message },
        request: { method: 'POST', url: '/x' },
        response: { statusCode: status },
      }),
      { status, headers: { 'content-type': 'application/json' } },
    ),
  );
}

function renderDialog(onSubmit: () => Promise<unknown>, invalid = false) {
  const onDone = jest.fn();
  const onClose = jest.fn();
  const alertApi = mockApis.alert();
  renderInTestApp(
    <TestApiProvider apis={[alertApi]}>
      <ActionDialog
        title="Do it"
        submitLabel="Go"
        successMessage="Done it"
        invalid={invalid}
        onSubmit={onSubmit}
        onDone={onDone}
        onClose={onClose}
      >
        <p>body</p>
      </ActionDialog>
    </TestApiProvider>,
  );
  return { onDone, onClose, alertApi };
}

describe('describeWriteError', () => {
  it("prefers the backend's message and recognises a conflict", async () => {
    expect(
      describeWriteError(await responseError(400, 'title: required')),
    ).toEqual({
      message: 'title: required',
      conflict: false,
    });
    expect(describeWriteError(await responseError(409, 'stale'))).toEqual({
      message: 'stale',
      conflict: true,
    });
    expect(describeWriteError('boom')).toEqual({
      message: 'boom',
      conflict: false,
    });
  });
});

describe('ActionDialog', () => {
  it('refreshes and closes after the write succeeds', async () => {
    const { onDone, onClose, alertApi } = renderDialog(async () => ({}));
    await userEvent.click(await screen.findByRole('button', { name: 'Go' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(alertApi.getAlerts()).toEqual([
      { message: 'Done it', severity: 'success', display: 'transient' },
    ]);
  });

  it("keeps the dialog open with the backend's error, without a reload for a 400", async () => {
    const bad = await responseError(400, 'markdown: needs a "# Title" line');
    const { onDone, onClose, alertApi } = renderDialog(async () => {
      throw bad;
    });
    const dialog = await screen.findByRole('dialog', { name: 'Do it' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Go' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('markdown: needs a "# Title" line');
    expect(within(alert).queryByRole('button', { name: 'Reload' })).toBeNull();
    expect(onDone).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
    expect(within(dialog).getByRole('button', { name: 'Go' })).toBeEnabled();
    expect(alertApi.getAlerts()).toEqual([
      {
        message: 'markdown: needs a "# Title" line',
        severity: 'error',
        display: 'permanent',
      },
    ]);
  });

  it('offers a reload after a conflict', async () => {
    const stale = await responseError(
      409,
      'flag f1 was changed by someone else',
    );
    const { onDone, onClose, alertApi } = renderDialog(async () => {
      throw stale;
    });
    const dialog = await screen.findByRole('dialog', { name: 'Do it' });
    await userEvent.click(within(dialog).getByRole('button', { name: 'Go' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert).toHaveTextContent('Changed by someone else — reload');
    expect(alertApi.getAlerts()[0]).toMatchObject({
      severity: 'error',
      message: expect.stringContaining('flag f1 was changed by someone else'),
    });
    expect(onDone).not.toHaveBeenCalled();
    await userEvent.click(
      within(alert).getByRole('button', { name: 'Reload' }),
    );
    expect(onDone).toHaveBeenCalledTimes(1);
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('disables the submit button while invalid', async () => {
    const onSubmit = jest.fn(async () => ({}));
    renderDialog(onSubmit, true);
    expect(await screen.findByRole('button', { name: 'Go' })).toBeDisabled();
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
