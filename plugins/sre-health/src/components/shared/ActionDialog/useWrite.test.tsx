import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import Button from '@material-ui/core/Button';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useWrite, WriteOptions } from './useWrite';

jest.setTimeout(20_000);

async function responseError(status: number, message: string) {
  return ResponseError.fromResponse(
    new Response(
      JSON.stringify({
        error: { name: 'NotFoundError', message },
        request: { method: 'POST', url: '/x' },
        response: { statusCode: status },
      }),
      {
        status,
        statusText: status === 404 ? 'Not Found' : 'Conflict',
        headers: { 'content-type': 'application/json' },
      },
    ),
  );
}

function OneClick(props: {
  write: () => Promise<number>;
  options: WriteOptions<number>;
}) {
  const { run, busy } = useWrite();
  return (
    <Button disabled={busy} onClick={() => run(props.write, props.options)}>
      Remove
    </Button>
  );
}

function renderWrite(
  write: () => Promise<number>,
  options: WriteOptions<number>,
) {
  const alertApi = mockApis.alert();
  renderInTestApp(
    <TestApiProvider apis={[alertApi]}>
      <OneClick write={write} options={options} />
    </TestApiProvider>,
  );
  return alertApi;
}

describe('useWrite', () => {
  it('confirms a write with a toast, from its result, and refreshes', async () => {
    const onDone = jest.fn();
    const alertApi = renderWrite(async () => 3, {
      success: n => `Detection found ${n} stressors`,
      onDone,
    });
    await userEvent.click(
      await screen.findByRole('button', { name: 'Remove' }),
    );
    await waitFor(() => expect(onDone).toHaveBeenCalledWith(3));
    expect(alertApi.getAlerts()).toEqual([
      {
        message: 'Detection found 3 stressors',
        severity: 'success',
        display: 'transient',
      },
    ]);
  });

  it("fails with the backend's message, not the status line", async () => {
    const unknown = await responseError(
      404,
      'user:default/zed is not in the catalog',
    );
    const onDone = jest.fn();
    const onConflict = jest.fn();
    const alertApi = renderWrite(
      async () => {
        throw unknown;
      },
      { success: 'Removed', onDone, onConflict },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Remove' }),
    );
    const posted = await alertApi.waitForAlert(a => a.severity === 'error');
    expect(posted.message).toBe('user:default/zed is not in the catalog');
    expect(posted.message).not.toMatch(/Request failed/);
    expect(onDone).not.toHaveBeenCalled();
    expect(onConflict).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Remove' })).toBeEnabled();
  });

  it('reloads after a conflict when asked to', async () => {
    const stale = await responseError(409, 'kindling k1 was changed');
    const onConflict = jest.fn();
    const alertApi = renderWrite(
      async () => {
        throw stale;
      },
      { success: 'Removed', onConflict },
    );
    await userEvent.click(
      await screen.findByRole('button', { name: 'Remove' }),
    );
    await waitFor(() => expect(onConflict).toHaveBeenCalledTimes(1));
    expect(alertApi.getAlerts()[0].message).toBe(
      'Changed by someone else — reload and try again: kindling k1 was changed',
    );
  });
});
