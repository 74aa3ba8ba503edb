import {
  EntityProvider,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import {
  mockApis,
  renderInTestApp,
  TestApiProvider,
} from '@backstage/test-utils';
import { screen } from '@testing-library/react';
import { sreHealthApiRef, SreHealthClient } from './api';
import {
  EntitySreHealthCard,
  EntitySreHealthContent,
  isSreHealthAvailable,
  sreHealthPlugin,
} from '.';
import { Route, Routes } from 'react-router-dom';
import {
  fakeSreHealthApi,
  makeFlag,
  makeHealth,
  serviceEntity,
  websiteEntity,
} from './testUtils/fixtures';

jest.setTimeout(20_000);

describe('sreHealthPlugin (classic frontend system)', () => {
  it('provides the API client through discovery and fetch', () => {
    const factories = [...sreHealthPlugin.getApis()];
    const factory = factories.find(f => f.api.id === sreHealthApiRef.id);
    expect(factory).toBeDefined();
    expect(Object.keys(factory!.deps).sort()).toEqual([
      'discoveryApi',
      'fetchApi',
    ]);
    expect(
      factory!.factory({
        discoveryApi: mockApis.discovery(),
        fetchApi: { fetch: jest.fn() },
      }),
    ).toBeInstanceOf(SreHealthClient);
  });

  it('re-exports the tab predicate: services yes, websites no', () => {
    expect(isSreHealthAvailable(serviceEntity)).toBe(true);
    expect(isSreHealthAvailable(websiteEntity)).toBe(false);
  });

  it('renders EntitySreHealthContent on an entity page of a classic app', async () => {
    const api = fakeSreHealthApi({
      getEntityHealth: async () =>
        makeHealth({
          stressors: [
            makeFlag({ stressorKey: 'knowledge-gap', stressLevel: 5 }),
          ],
        }),
    });
    await renderInTestApp(
      <TestApiProvider
        apis={[
          [sreHealthApiRef, api],
          [
            permissionApiRef,
            mockApis.permission({ authorize: AuthorizeResult.DENY }),
          ],
        ]}
      >
        <EntityProvider entity={serviceEntity}>
          {/* What EntityLayout.Route path="/sre-health" sets up in a classic app. */}
          <Routes>
            <Route path="/sre-health" element={<EntitySreHealthContent />} />
          </Routes>
        </EntityProvider>
      </TestApiProvider>,
      {
        routeEntries: ['/sre-health'],
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );

    expect(
      await screen.findByRole(
        'link',
        { name: 'Pair a second operator on checkout' },
        { timeout: 10_000 },
      ),
    ).toHaveAttribute('href', '#stressor-knowledge-gap');
    expect(screen.getByText('Service level objectives')).toBeInTheDocument();
    expect(api.getEntityHealth).toHaveBeenCalledTimes(1);
  });

  it('renders EntitySreHealthCard on an Overview tab, linking to the tab', async () => {
    const api = fakeSreHealthApi({
      getEntityHealth: async () =>
        makeHealth({
          stressors: [
            makeFlag({ stressorKey: 'knowledge-gap', stressLevel: 5 }),
          ],
        }),
    });
    await renderInTestApp(
      <TestApiProvider apis={[[sreHealthApiRef, api]]}>
        <EntityProvider entity={serviceEntity}>
          <EntitySreHealthCard />
        </EntityProvider>
      </TestApiProvider>,
      {
        mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
      },
    );
    expect(
      await screen.findByText('Pair a second operator on checkout', undefined, {
        timeout: 10_000,
      }),
    ).toBeInTheDocument();
    expect(screen.getByText('At risk')).toBeInTheDocument();
    expect(
      screen.getByRole('group', { name: 'Top stressor' }),
    ).toHaveTextContent('5 / 5');
    expect(
      screen.getByRole('link', { name: /Open the SRE Health tab/ }),
    ).toHaveAttribute('href', '/catalog/default/component/checkout/sre-health');
    expect(api.getEntityHealth).toHaveBeenCalledTimes(1);
  });
});
