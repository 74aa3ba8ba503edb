import { mockApis, renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import {
  EntityHealth,
  SreHealthApi,
  sreHealthApiRef,
} from '@sre-health/backstage-plugin-sre-health';
import sreHealthPlugin from '@sre-health/backstage-plugin-sre-health/alpha';
import { screen } from '@testing-library/react';

jest.setTimeout(30_000);

const service = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: {
    type: 'service',
    owner: 'group:default/payments',
    lifecycle: 'production',
  },
};

const website = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'marketing-site', namespace: 'default' },
  spec: {
    type: 'website',
    owner: 'group:default/web',
    lifecycle: 'production',
  },
};

const health: EntityHealth = {
  entityRef: 'component:default/checkout',
  ownerRef: 'group:default/payments',
  slos: [],
  sloProblems: [],
  stressors: [],
  knowledgeSilo: {
    tier: 'standard',
    servingCritical: false,
    busFactor: 2,
    risk: 'low',
    operators: [],
  },
  engagement: null,
  opsLoad: null,
  fires: [],
  fireCounts: { toil: 0, overhead: 0, unsorted: 0 },
  postmortems: [],
  postmortemCount: 0,
};

function renderEntityPage(path: string) {
  const sreHealthApi: Pick<SreHealthApi, 'getEntityHealth'> = {
    getEntityHealth: jest.fn(async () => health),
  };
  return renderTestApp({
    features: [catalogPlugin, sreHealthPlugin],
    initialRouteEntries: [path],
    apis: [
      [catalogApiRef, catalogApiMock({ entities: [service, website] })],
      [sreHealthApiRef, sreHealthApi],
      mockApis.permission(),
    ],
  });
}

describe('SRE Health tab in the app', () => {
  it('is a tab of service entity pages and renders the plugin content', async () => {
    renderEntityPage('/catalog/default/component/checkout/sre-health');
    // The entity page's tabs are links in the page header.
    const tab = await screen.findByRole(
      'link',
      { name: 'SRE Health' },
      { timeout: 10_000 },
    );
    expect(tab).toHaveAttribute(
      'href',
      '/catalog/default/component/checkout/sre-health',
    );
    // The verdict leads: nothing measures this service yet.
    expect(
      await screen.findByText(
        'Nothing measures this service yet: it has no SLO.',
        undefined,
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/^No SLO yet: add the/)).toBeInTheDocument();
  });

  it('is not a tab of a website', async () => {
    renderEntityPage('/catalog/default/component/marketing-site');
    expect(
      await screen.findByRole(
        'link',
        { name: 'Overview' },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'SRE Health' })).toBeNull();
  });
});
