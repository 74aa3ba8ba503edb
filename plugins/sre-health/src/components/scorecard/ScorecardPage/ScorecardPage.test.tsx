import {
  createExtensionTester,
  mockApis,
  registerMswTestHooks,
  renderTestApp,
} from '@backstage/frontend-test-utils';
import { coreExtensionData } from '@backstage/frontend-plugin-api';
import { screen, waitFor } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import sreHealthPlugin, { sreHealthScorecardPage } from '../../../alpha';
import { makePage, paymentsApi } from './scorecardFixtures';

jest.setTimeout(30_000);

describe('SRE Scorecard page (new frontend system)', () => {
  const server = setupServer();
  registerMswTestHooks(server);

  it('is a page at /sre-scorecard with a title and an icon for the sidebar', () => {
    expect(
      sreHealthPlugin.getExtension('page:sre-health/scorecard'),
    ).toBeDefined();
    const tester = createExtensionTester(sreHealthScorecardPage);
    expect(tester.get(coreExtensionData.routePath)).toBe('/sre-scorecard');
    expect(tester.get(coreExtensionData.title)).toBe('SRE Scorecard');
    expect(tester.get(coreExtensionData.icon)).toBeDefined();
  });

  it('loads the scorecard through the plugin API client', async () => {
    const requested: string[] = [];
    const json = (body: unknown) => HttpResponse.json(body as any);
    server.use(
      http.get(
        'http://backstage.test/api/sre-health/scorecard',
        ({ request }) => {
          requested.push(new URL(request.url).search);
          return json(makePage([paymentsApi]));
        },
      ),
      http.get('http://backstage.test/api/sre-health/scorecard/facets', () =>
        json({ owners: [], systems: [], lifecycles: [] }),
      ),
      http.get('http://backstage.test/api/sre-health/scorecard/teams', () =>
        json({ teams: [] }),
      ),
      http.get('http://backstage.test/api/sre-health/scorecard/trends', () =>
        json({ days: [], teams: [], stressors: [], total: [], changes: {} }),
      ),
    );
    renderTestApp({
      features: [sreHealthPlugin],
      initialRouteEntries: ['/sre-scorecard'],
      apis: [mockApis.discovery({ baseUrl: 'http://backstage.test' })],
    });
    expect(
      await screen.findByText('1 service match', {}, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(requested[0]).toBe('?sort=stress&order=desc&offset=0&limit=50');
    // one header, the page's own, with its title and verdict
    expect(
      screen.getAllByRole('heading', { name: 'SRE Scorecard' }),
    ).toHaveLength(1);
    expect(
      screen.getByText(
        '1 of 1 service has a stressor open that the team rated 4 or 5',
      ),
    ).toBeInTheDocument();
  });

  it('opens the view a link names', async () => {
    const requested: string[] = [];
    server.use(
      http.get(
        'http://backstage.test/api/sre-health/scorecard',
        ({ request }) => {
          requested.push(new URL(request.url).search);
          return HttpResponse.json(makePage([paymentsApi]) as any);
        },
      ),
      http.get('http://backstage.test/api/sre-health/scorecard/facets', () =>
        HttpResponse.json({ owners: [], systems: [], lifecycles: [] }),
      ),
      http.get('http://backstage.test/api/sre-health/scorecard/teams', () =>
        HttpResponse.json({ teams: [], customStressors: [] }),
      ),
      http.get('http://backstage.test/api/sre-health/scorecard/trends', () =>
        HttpResponse.json({ days: [], teams: [], stressors: [], total: [] }),
      ),
    );
    renderTestApp({
      features: [sreHealthPlugin],
      initialRouteEntries: ['/sre-scorecard?system=payments&tab=teams'],
      apis: [mockApis.discovery({ baseUrl: 'http://backstage.test' })],
    });
    expect(
      await screen.findByRole('tab', { name: 'Teams' }, { timeout: 10_000 }),
    ).toHaveAttribute('aria-selected', 'true');
    await waitFor(() =>
      expect(requested[0]).toBe(
        '?system=system%3Adefault%2Fpayments&sort=stress&order=desc&offset=0&limit=50',
      ),
    );
  });
});
