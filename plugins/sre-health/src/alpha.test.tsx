import {
  createExtensionTester,
  mockApis,
  registerMswTestHooks,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { entityRouteRef } from '@backstage/plugin-catalog-react';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import { createTestEntityPage } from '@backstage/plugin-catalog-react/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import sreHealthPlugin, {
  sreHealthEntityCard,
  sreHealthEntityContent,
} from './alpha';
import {
  makeFlag,
  makeHealth,
  serviceEntity,
  websiteEntity,
} from './testUtils/fixtures';

jest.setTimeout(20_000);

describe('sre-health plugin (new frontend system)', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('contributes the API and the entity content', () => {
    expect(sreHealthPlugin.pluginId).toBe('sre-health');
    expect(sreHealthPlugin.getExtension('api:sre-health')).toBeDefined();
    expect(
      sreHealthPlugin.getExtension('entity-content:sre-health'),
    ).toBeDefined();
    expect(
      sreHealthPlugin.getExtension('entity-card:sre-health/summary'),
    ).toBeDefined();
  });

  it('puts the summary card on the Overview of the entities that have the tab', () => {
    const tester = createExtensionTester(sreHealthEntityCard);
    const filter = tester.get(EntityCardBlueprint.dataRefs.filterFunction);
    expect(filter?.(serviceEntity)).toBe(true);
    expect(filter?.(websiteEntity)).toBe(false);
  });

  it('is an "SRE Health" tab at sre-health, shown for services only', () => {
    const tester = createExtensionTester(sreHealthEntityContent);
    expect(tester.get(EntityContentBlueprint.dataRefs.title)).toBe(
      'SRE Health',
    );
    expect(tester.get(coreExtensionData.routePath)).toBe('/sre-health');
    const filter = tester.get(EntityContentBlueprint.dataRefs.filterFunction);
    expect(filter?.(serviceEntity)).toBe(true);
    expect(filter?.(websiteEntity)).toBe(false);
  });

  it('renders the tab content of a service with the plugin API client', async () => {
    let requested = '';
    server.use(
      http.get(
        'http://backstage.test/api/sre-health/entities/:kind/:namespace/:name/health',
        ({ params }) => {
          requested = `${params.kind}:${params.namespace}/${params.name}`;
          return HttpResponse.json(
            makeHealth({
              stressors: [
                makeFlag({ stressorKey: 'undiagnosed-alerts', stressLevel: 4 }),
              ],
            }),
          );
        },
      ),
    );
    renderTestApp({
      features: [sreHealthPlugin],
      extensions: [createTestEntityPage({ entity: serviceEntity })],
      apis: [
        mockApis.discovery({ baseUrl: 'http://backstage.test' }),
        mockApis.permission({ authorize: AuthorizeResult.DENY }),
      ],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    });

    expect(
      await screen.findByRole(
        'link',
        {
          name: 'Diagnose the alerts of checkout that fire without a runbook or owner',
        },
        { timeout: 10_000 },
      ),
    ).toHaveAttribute('href', '#stressor-undiagnosed-alerts');
    expect(screen.getByText('Knowledge silo')).toBeInTheDocument();
    expect(requested).toBe('component:default/checkout');
  });

  it('is not shown on a website', async () => {
    renderTestApp({
      features: [sreHealthPlugin],
      extensions: [createTestEntityPage({ entity: websiteEntity })],
      apis: [mockApis.permission()],
    });
    expect(await screen.findByTestId('empty-entity-page')).toBeInTheDocument();
    expect(screen.queryByText('Service level objectives')).toBeNull();
  });
});
