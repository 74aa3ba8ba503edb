import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { ResponseError } from '@backstage/errors';
import {
  AuthorizeResult,
  EvaluatePermissionRequest,
} from '@backstage/plugin-permission-common';
import {
  StressorFlag,
  sreHealthStressorFlagDismissPermission,
  utcToday,
} from '@sre-health/backstage-plugin-sre-health-common';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { sreHealthApiRef } from '../../../api';
import {
  ENTITY_REF,
  fakeSreHealthApi,
  makeFlag,
} from '../../../testUtils/fixtures';
import { StressorFlagsCard } from './StressorFlagsCard';

// MUI dialogs and menus are slow to render in jsdom.
jest.setTimeout(30_000);

const DAY = 86_400_000;
const inDays = (days: number) => utcToday(new Date(Date.now() + days * DAY));
let renders = 0;

async function renderCard(options: {
  /** The dismiss permission (exemptions are the SRE's verdict too). */
  dismiss: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
  flags: StressorFlag[];
  api?: ReturnType<typeof fakeSreHealthApi>;
}) {
  const api = options.api ?? fakeSreHealthApi();
  const onChange = jest.fn();
  const entityRef = `${ENTITY_REF}-exempt-${++renders}`;
  const authorize = jest.fn((request: EvaluatePermissionRequest) =>
    request.permission.name === sreHealthStressorFlagDismissPermission.name
      ? options.dismiss
      : AuthorizeResult.ALLOW,
  );
  const alertApi = mockApis.alert();
  await renderInTestApp(
    <TestApiProvider
      apis={[
        [sreHealthApiRef, api],
        mockApis.permission({ authorize }),
        alertApi,
      ]}
    >
      <StressorFlagsCard
        entityRef={entityRef}
        flags={options.flags}
        onChange={onChange}
      />
    </TestApiProvider>,
  );
  await screen.findByText('Stressors');
  await waitFor(() => expect(authorize).toHaveBeenCalledTimes(4));
  return { api, onChange, alertApi };
}

async function openMenu(title: string) {
  await userEvent.click(
    await screen.findByRole('button', { name: `More actions for ${title}` }),
  );
}

const exemptFlag = (overrides: Partial<StressorFlag> = {}) =>
  makeFlag({
    id: 'f-exempt',
    version: 4,
    stressorKey: 'knowledge-gap',
    source: 'detected',
    status: 'exempt',
    exemptUntil: '2027-01-15',
    exemptReason: 'Dan shadows Carol through January',
    exemptBy: 'user:default/alice',
    ...overrides,
  });

describe('exempting a stressor flag', () => {
  it('exempts a flag until a date with a justification, and confirms it', async () => {
    const api = fakeSreHealthApi({
      updateStressorFlag: async () => exemptFlag(),
    });
    const { onChange, alertApi } = await renderCard({
      dismiss: AuthorizeResult.ALLOW,
      api,
      flags: [
        makeFlag({ id: 'f-open', version: 2, stressorKey: 'knowledge-gap' }),
      ],
    });
    await openMenu('Knowledge gaps');
    await userEvent.click(
      await screen.findByRole('menuitem', { name: 'Exempt until…' }),
    );
    const dialog = await screen.findByRole('dialog', {
      name: 'Exempt stressor flag',
    });
    const submit = within(dialog).getByRole('button', { name: 'Exempt' });
    expect(submit).toBeDisabled();
    const date = within(dialog).getByLabelText(/Exempt until/);
    await userEvent.type(date, inDays(-1));
    await userEvent.type(
      within(dialog).getByRole('textbox', { name: /Justification/ }),
      ' Dan shadows Carol through January ',
    );
    expect(
      within(dialog).getByText('Must be today or later'),
    ).toBeInTheDocument();
    expect(submit).toBeDisabled();
    await userEvent.clear(date);
    await userEvent.type(date, inDays(30));
    expect(submit).toBeEnabled();
    await userEvent.click(submit);

    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(api.updateStressorFlag).toHaveBeenCalledWith('f-open', {
      version: 2,
      status: 'exempt',
      exemptUntil: inDays(30),
      exemptReason: 'Dan shadows Carol through January',
    });
    expect(
      (await alertApi.waitForAlert(a => a.severity === 'success')).message,
    ).toContain(`Exempt until ${inDays(30)}`);
  });

  it('shows an exempt flag with its date, and the reason behind the disclosure', async () => {
    await renderCard({ dismiss: AuthorizeResult.DENY, flags: [exemptFlag()] });
    expect(screen.getByText('exempt until 2027-01-15')).toBeInTheDocument();
    // an SRE's verdict: nothing to do for those who may not exempt
    expect(
      screen.queryByRole('button', { name: 'More actions for Knowledge gaps' }),
    ).toBeNull();
    await userEvent.click(
      screen.getByRole('button', { name: 'Details of Knowledge gaps' }),
    );
    expect(
      await screen.findByText(
        'exempt until 2027-01-15 — Dan shadows Carol through January',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/^granted by alice;/)).toHaveTextContent(
      'the next detection run re-opens the flag',
    );
  });

  it('ends an exemption early, and says so when it fails', async () => {
    const conflict = await ResponseError.fromResponse(
      new Response(
        JSON.stringify({
          error: { name: 'ConflictError', message: 'changed by someone else' },
        }),
        { status: 409, statusText: 'Conflict' },
      ),
    );
    const update = jest
      .fn()
      .mockResolvedValueOnce(exemptFlag({ status: 'open' }))
      .mockRejectedValueOnce(conflict);
    const api = fakeSreHealthApi({ updateStressorFlag: update });
    const { onChange, alertApi } = await renderCard({
      dismiss: AuthorizeResult.ALLOW,
      api,
      flags: [exemptFlag()],
    });
    await openMenu('Knowledge gaps');
    expect(
      screen.queryByRole('menuitem', { name: 'Exempt until…' }),
    ).toBeNull();
    expect(
      screen.getByRole('menuitem', { name: 'Change exemption…' }),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('menuitem', { name: 'End exemption' }),
    );
    await waitFor(() => expect(onChange).toHaveBeenCalledTimes(1));
    expect(update).toHaveBeenCalledWith('f-exempt', {
      version: 4,
      status: 'open',
    });
    expect(
      (await alertApi.waitForAlert(a => a.severity === 'success')).message,
    ).toContain('Exemption ended');

    await openMenu('Knowledge gaps');
    await userEvent.click(
      screen.getByRole('menuitem', { name: 'End exemption' }),
    );
    await waitFor(() =>
      expect(alertApi.getAlerts().some(a => a.severity !== 'success')).toBe(
        true,
      ),
    );
  });
});
