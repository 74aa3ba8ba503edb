import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { sreHealthApiRef } from '../../../api';
import { ENTITY_REF, fakeSreHealthApi } from '../../../testUtils/fixtures';
import { SLO_TEMPLATE, SloEditorDialog } from './SloEditorDialog';

jest.setTimeout(30_000);

function renderDialog(
  api: ReturnType<typeof fakeSreHealthApi>,
  definitionId?: string,
) {
  const onSaved = jest.fn();
  const onClose = jest.fn();
  renderInTestApp(
    <TestApiProvider apis={[[sreHealthApiRef, api]]}>
      <SloEditorDialog
        open
        entityRef={ENTITY_REF}
        definitionId={definitionId}
        onClose={onClose}
        onSaved={onSaved}
      />
    </TestApiProvider>,
  );
  return { onSaved, onClose };
}

describe('SloEditorDialog', () => {
  it('creates an SLO from the template, showing the backend message of a refusal first', async () => {
    const api = fakeSreHealthApi({
      createSloDefinition: jest
        .fn()
        .mockRejectedValueOnce(
          new Error('Invalid body: document.spec.objectives: required'),
        )
        .mockResolvedValueOnce({}),
    });
    const { onSaved, onClose } = renderDialog(api);
    const dialog = await screen.findByRole('dialog', { name: 'Add an SLO' });
    expect(within(dialog).getByLabelText('OpenSLO document')).toHaveValue(
      SLO_TEMPLATE,
    );

    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    expect(
      await within(dialog).findByText(
        'Invalid body: document.spec.objectives: required',
      ),
    ).toBeInTheDocument();
    expect(onSaved).not.toHaveBeenCalled();

    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalledTimes(1));
    expect(onClose).toHaveBeenCalled();
    expect(api.createSloDefinition).toHaveBeenLastCalledWith({
      entityRef: ENTITY_REF,
      document: SLO_TEMPLATE,
    });
  });

  it('edits a stored SLO with the version it read', async () => {
    const api = fakeSreHealthApi({
      getSloDefinition: async () =>
        ({ version: 3, document: { kind: 'SLO' } } as any),
      updateSloDefinition: async () => ({} as any),
    });
    const { onSaved } = renderDialog(api, 'slo-1');
    const dialog = await screen.findByRole('dialog', { name: 'Edit SLO' });
    const field = within(dialog).getByLabelText('OpenSLO document');
    await waitFor(() =>
      expect(field).toHaveValue(JSON.stringify({ kind: 'SLO' }, null, 2)),
    );
    await userEvent.click(within(dialog).getByRole('button', { name: 'Save' }));
    await waitFor(() => expect(onSaved).toHaveBeenCalled());
    expect(api.updateSloDefinition).toHaveBeenCalledWith('slo-1', {
      version: 3,
      document: JSON.stringify({ kind: 'SLO' }, null, 2),
    });
    expect(api.createSloDefinition).not.toHaveBeenCalled();
  });

  it('does not save when the stored SLO cannot be read', async () => {
    const api = fakeSreHealthApi({
      getSloDefinition: async () => {
        throw new Error('NotFoundError: no SLO definition slo-1');
      },
    });
    renderDialog(api, 'slo-1');
    const dialog = await screen.findByRole('dialog', { name: 'Edit SLO' });
    expect(
      await within(dialog).findByText('NotFoundError: no SLO definition slo-1'),
    ).toBeInTheDocument();
    expect(within(dialog).getByRole('button', { name: 'Save' })).toBeDisabled();
  });
});
