import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen, within } from '@testing-library/react';
import { KnowledgeSiloCard } from './KnowledgeSiloCard';

describe('KnowledgeSiloCard', () => {
  it('shows tier, criticality, bus factor, risk and operators', async () => {
    renderInTestApp(
      <KnowledgeSiloCard
        silo={{
          tier: 'critical',
          servingCritical: true,
          busFactor: 1,
          risk: 'high',
          operators: [
            {
              userRef: 'user:default/jane',
              level: 'expert',
              source: 'recorded',
            },
            {
              userRef: 'user:ops/sam',
              level: 'learning',
              source: 'annotation',
            },
          ],
        }}
      />,
    );
    expect(await screen.findByLabelText('bus factor 1')).toHaveTextContent('1');
    expect(screen.getByText('high risk')).toBeInTheDocument();
    expect(screen.getByTestId('status-error')).toBeInTheDocument();
    expect(screen.getByText('critical')).toBeInTheDocument();
    expect(screen.getByText('yes')).toBeInTheDocument();

    const rows = screen.getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(within(rows[0]).getByText('jane')).toHaveAttribute(
      'title',
      'user:default/jane',
    );
    expect(rows[0]).toHaveTextContent('expert');
    expect(rows[0]).toHaveTextContent('recorded by an SRE');
    expect(rows[1]).toHaveTextContent('ops/sam');
    expect(rows[1]).toHaveTextContent('learning');
    expect(rows[1]).toHaveTextContent('catalog-info annotation');
  });

  it('explains how to declare operators when nobody is known', async () => {
    renderInTestApp(
      <KnowledgeSiloCard
        silo={{
          tier: 'standard',
          servingCritical: false,
          busFactor: 0,
          risk: 'high',
          operators: [],
        }}
      />,
    );
    expect(
      await screen.findByText(
        'Nobody is known to be able to operate this component.',
      ),
    ).toBeInTheDocument();
    expect(screen.getByText('sre-health.dev/operators')).toBeInTheDocument();
    expect(screen.queryByRole('table')).toBeNull();
    expect(screen.getByText('no')).toBeInTheDocument();
  });

  it.each([
    ['medium', 'status-warning'],
    ['low', 'status-ok'],
  ] as const)('shows %s risk with its status icon', async (risk, testId) => {
    renderInTestApp(
      <KnowledgeSiloCard
        silo={{
          tier: 'high',
          servingCritical: false,
          busFactor: 3,
          risk,
          operators: [],
        }}
      />,
    );
    expect(await screen.findByText(`${risk} risk`)).toBeInTheDocument();
    expect(screen.getByTestId(testId)).toBeInTheDocument();
  });
});
