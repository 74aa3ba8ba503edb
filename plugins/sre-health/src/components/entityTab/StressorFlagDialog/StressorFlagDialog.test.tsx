import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import {
  LIMITS,
  STRESSORS,
} from '@sre-health/backstage-plugin-sre-health-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { sreHealthApiRef } from '../../../api';
import { fakeSreHealthApi, makeFlag } from '../../../testUtils/fixtures';
import {
  StressorFlagDialog,
  StressorFlagDialogProps,
} from './StressorFlagDialog';

jest.setTimeout(20_000);

function renderDialog(
  props: Partial<StressorFlagDialogProps>,
  api = fakeSreHealthApi(),
) {
  const onClose = jest.fn();
  const onSaved = jest.fn();
  renderInTestApp(
    <TestApiProvider apis={[[sreHealthApiRef, api]]}>
      <StressorFlagDialog
        entityRef="component:default/checkout"
        mode="create"
        onClose={onClose}
        onSaved={onSaved}
        {...props}
      />
    </TestApiProvider>,
  );
  return { api, onClose, onSaved };
}

describe('StressorFlagDialog', () => {
  it('limits the evidence to the backend limit and counts characters', async () => {
    renderDialog({ initialStressorKey: 'knowledge-gap' });
    const evidence = await screen.findByRole('textbox', { name: 'Evidence' });
    expect(evidence).toHaveAttribute('maxLength', String(LIMITS.text));
    await userEvent.click(evidence);
    await userEvent.paste('abc');
    expect(
      screen.getByText(
        `What makes it visible, in plain text. 3 / ${LIMITS.text}`,
      ),
    ).toBeInTheDocument();
  });

  it('does not offer a stressor that already has an unresolved flag', async () => {
    renderDialog({ flaggedKeys: ['knowledge-gap'] });
    await userEvent.click(
      await screen.findByRole('button', { name: /Stressor/ }),
    );
    const option = await screen.findByRole('option', {
      name: /^Knowledge gaps \(already flagged\)/,
    });
    expect(option).toHaveAttribute('aria-disabled', 'true');
  });

  it("shows each stressor's one-line meaning under its title", async () => {
    renderDialog({});
    await userEvent.click(
      await screen.findByRole('button', { name: /Stressor/ }),
    );
    const summary = STRESSORS.find(
      s => s.key === 'undiagnosed-alerts',
    )!.summary;
    const option = await screen.findByRole('option', {
      name: `Undiagnosed common alerts ${summary}`,
    });
    expect(within(option).getByText(summary)).toBeInTheDocument();
    await userEvent.click(option);
    // The closed menu shows the title alone.
    expect(screen.getByRole('button', { name: /Stressor/ })).toHaveTextContent(
      /^Undiagnosed common alerts$/,
    );
  });

  it('edits stress level and status of a flag, sending its version', async () => {
    const api = fakeSreHealthApi({
      updateStressorFlag: async () => makeFlag({ version: 4 }),
    });
    const { onSaved, onClose } = renderDialog(
      { mode: 'edit', flag: makeFlag({ id: 'f9', version: 3 }) },
      api,
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Edit stressor flag',
    });
    expect(within(dialog).getByText('Knowledge gaps')).toBeInTheDocument();
    await userEvent.click(
      within(dialog).getByRole('button', { name: /Status/ }),
    );
    await userEvent.click(
      await screen.findByRole('option', { name: 'mitigating' }),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(onClose).toHaveBeenCalled();
    // the level is left alone: changing the state is not rating
    expect(api.updateStressorFlag).toHaveBeenCalledWith('f9', {
      version: 3,
      evidence: 'Only jane can restart the ledger',
      status: 'mitigating',
    });
  });

  it('shows any other error as is, without offering a reload', async () => {
    const api = fakeSreHealthApi({
      createStressorFlag: async () => {
        throw new Error('stressLevel: must be at most 5');
      },
    });
    const { onSaved, onClose } = renderDialog(
      { initialStressorKey: 'devs-own-it' },
      api,
    );
    await userEvent.click(await screen.findByRole('button', { name: 'Flag' }));
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('stressLevel: must be at most 5');
    expect(within(alert).queryByRole('button', { name: 'Reload' })).toBeNull();
    expect(onSaved).not.toHaveBeenCalled();
    expect(onClose).not.toHaveBeenCalled();
    // The form stays usable for another try.
    expect(screen.getByRole('button', { name: 'Flag' })).toBeEnabled();
  });
});
