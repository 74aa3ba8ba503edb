import { renderInTestApp } from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { ActionDialog, describeWriteError } from './ActionDialog';

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
  renderInTestApp(
    <ActionDialog
      title="Do it"
      submitLabel="Go"
      invalid={invalid}
      onSubmit={onSubmit}
      onDone={onDone}
      onClose={onClose}
    >
      <p>body</p>
    </ActionDialog>,
  );
  return { onDone, onClose };
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
    const { onDone, onClose } = renderDialog(async () => ({}));
    await userEvent.click(await screen.findByRole('button', { name: 'Go' }));
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(onDone).toHaveBeenCalledTimes(1);
  });

  it("keeps the dialog open with the backend's error, without a reload for a 400", async () => {
    const bad = await responseError(400, 'markdown: needs a "# Title" line');
    const { onDone, onClose } = renderDialog(async () => {
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
  });

  it('disables the submit button while invalid', async () => {
    const onSubmit = jest.fn(async () => ({}));
    renderDialog(onSubmit, true);
    expect(await screen.findByRole('button', { name: 'Go' })).toBeDisabled();
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
