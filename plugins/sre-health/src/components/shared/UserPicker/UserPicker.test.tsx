import { Entity } from '@backstage/catalog-model';
import {
  renderInTestApp,
  TestApiProvider,
} from '@backstage/frontend-test-utils';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { PersonKind, UserPicker } from './UserPicker';

jest.setTimeout(20_000);

const PEOPLE: Entity[] = [
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'carol' },
    spec: { profile: { displayName: 'Carol Danvers' }, memberOf: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'alice' },
    spec: { memberOf: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'payments-team' },
    spec: {
      type: 'team',
      profile: { displayName: 'Payments' },
      children: [],
    },
  },
];

function Picker(props: {
  initial?: string;
  kinds?: PersonKind[];
  onChange: (ref: string) => void;
}) {
  const [value, setValue] = useState(props.initial ?? '');
  return (
    <UserPicker
      label="Team member"
      value={value}
      kinds={props.kinds}
      onChange={ref => {
        setValue(ref);
        props.onChange(ref);
      }}
    />
  );
}

function renderPicker(
  props: { initial?: string; kinds?: PersonKind[] } = {},
  catalogApi: typeof catalogApiRef.T = catalogApiMock.mock({
    getEntities: jest.fn(async () => ({ items: PEOPLE.slice(0, 2) })),
  }),
) {
  const onChange = jest.fn();
  renderInTestApp(
    <TestApiProvider apis={[[catalogApiRef, catalogApi]]}>
      <Picker {...props} onChange={onChange} />
    </TestApiProvider>,
  );
  return { onChange, catalogApi };
}

describe('UserPicker', () => {
  it("offers the catalog's users by display name, and gives their entity ref", async () => {
    const { onChange, catalogApi } = renderPicker();
    const input = screen.getByRole('textbox', { name: 'Team member' });
    await userEvent.click(input);
    expect(
      await screen.findByRole('option', { name: /^Carol Danvers/ }),
    ).toBeInTheDocument();
    // Without a display name, the user's name.
    expect(screen.getByRole('option', { name: /^alice/ })).toBeInTheDocument();
    expect(catalogApi.getEntities).toHaveBeenCalledWith({
      filter: { kind: ['User'] },
      fields: expect.arrayContaining(['spec.profile.displayName']),
    });
    await userEvent.type(input, 'car');
    await waitFor(() =>
      expect(screen.queryByRole('option', { name: /^alice/ })).toBeNull(),
    );
    await userEvent.click(
      screen.getByRole('option', { name: /^Carol Danvers/ }),
    );
    expect(onChange).toHaveBeenLastCalledWith('user:default/carol');
    expect(input).toHaveValue('Carol Danvers');
  });

  it('shows a chosen ref by its display name', async () => {
    renderPicker({ initial: 'user:default/carol' });
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Team member' })).toHaveValue(
        'Carol Danvers',
      ),
    );
  });

  it('keeps a ref that the catalog does not know', async () => {
    renderPicker({ initial: 'user:default/mallory' });
    await waitFor(() =>
      expect(screen.getByRole('textbox', { name: 'Team member' })).toHaveValue(
        'mallory',
      ),
    );
  });

  it('offers teams too when an owner may be a group', async () => {
    const { onChange } = renderPicker(
      { kinds: ['Group', 'User'] },
      catalogApiMock({ entities: PEOPLE }),
    );
    await userEvent.click(screen.getByRole('textbox', { name: 'Team member' }));
    await userEvent.click(
      await screen.findByRole('option', { name: /^Payments/ }),
    );
    expect(onChange).toHaveBeenLastCalledWith('group:default/payments-team');
  });

  it('says when the catalog cannot be read', async () => {
    renderPicker(
      {},
      catalogApiMock.mock({
        getEntities: jest.fn(async () => {
          throw new Error('catalog unavailable');
        }),
      }),
    );
    expect(
      await screen.findByText(
        'Could not load people from the catalog: catalog unavailable',
      ),
    ).toBeInTheDocument();
  });
});
