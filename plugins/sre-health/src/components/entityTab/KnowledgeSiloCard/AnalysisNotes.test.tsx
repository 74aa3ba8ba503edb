import { renderInTestApp } from '@backstage/frontend-test-utils';
import type { TruckFactorSummary } from '@sre-health/backstage-plugin-sre-health-common';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { AnalysisNotes, exclusionLine } from './AnalysisNotes';

function summary(
  overrides: Partial<TruckFactorSummary> = {},
): TruckFactorSummary {
  return {
    status: 'ok',
    truckFactor: 2,
    activeTruckFactor: 2,
    activeTruckFactorAuthors: [],
    topAuthors: [],
    departedAuthors: [],
    lostFiles: { count: 0, paths: [] },
    fileCount: 40,
    analyzedAt: '2026-11-28T10:00:00.000Z',
    headSha: '0123456789abcdef0123456789abcdef01234567',
    ...overrides,
  };
}

const exclusions: TruckFactorSummary['exclusions'] = {
  count: 4,
  byRule: { config: 1, vendored: 2, documentation: 0, generated: 0, other: 1 },
  files: [
    { path: 'logo.png', rule: 'other' },
    { path: 'src/legacy/old.ts', rule: 'config' },
    { path: 'vendor/a.js', rule: 'vendored' },
  ],
};

describe('AnalysisNotes', () => {
  it('counts the files left out by rule, and lists them on demand', async () => {
    await renderInTestApp(<AnalysisNotes tf={summary({ exclusions })} />);
    expect(exclusionLine(summary({ exclusions }))).toBe(
      '4 files left out: 2 vendored, 1 not code, 1 configured',
    );
    expect(screen.queryByLabelText('files left out')).not.toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: /^4 files left out: 2 vendored/ }),
    );
    expect(screen.getByText('vendor/a.js — vendored')).toBeInTheDocument();
    expect(
      screen.getByText('src/legacy/old.ts — configured'),
    ).toBeInTheDocument();
    expect(screen.getByText('and 1 more')).toBeInTheDocument();
  });

  it('lists merged identities and says when objects were missing', async () => {
    await renderInTestApp(
      <AnalysisNotes
        tf={summary({
          mergedIdentities: [
            {
              person: 'user:default/pat',
              identities: ['Pat <pat@work.example>', 'PAT <pat@home.example>'],
              reasons: ['catalog-email', 'same-name'],
            },
          ],
          missingObjects: {
            count: 3,
            shown: ['aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa'],
          },
        })}
      />,
    );
    expect(screen.getByRole('alert')).toHaveTextContent(
      'The repository lacks 3 objects (a partial clone)',
    );
    expect(screen.getByRole('alert')).toHaveTextContent('aaaaaaaaaa, …');
    await userEvent.click(
      screen.getByRole('button', {
        name: '1 person with several git identities',
      }),
    );
    expect(
      screen.getByText(
        'user:default/pat: Pat <pat@work.example>, PAT <pat@home.example> (catalog-email, same-name)',
      ),
    ).toBeInTheDocument();
  });

  it('says nothing for an analysis stored before the rules were kept', async () => {
    await renderInTestApp(<AnalysisNotes tf={summary()} />);
    expect(screen.queryByRole('button')).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });
});
