import { renderInTestApp } from '@backstage/frontend-test-utils';
import { screen } from '@testing-library/react';
import { makeFlag } from '../../testUtils/fixtures';
import { TopStressors, topStressorsSummary } from './TopStressors';

const flags = [
  makeFlag({ id: 'a', stressorKey: 'naive-capacity-plan', stressLevel: 2 }),
  makeFlag({
    id: 'b',
    stressorKey: 'knowledge-gap',
    stressLevel: 4,
    createdAt: '2026-01-01T00:00:00.000Z',
  }),
  // The detector said 2; the SRE's override of 5 counts.
  makeFlag({
    id: 'c',
    stressorKey: 'undiagnosed-alerts',
    stressLevel: 2,
    levelOverride: 5,
    source: 'both',
    status: 'mitigating',
  }),
  // Same level as knowledge-gap but open for less time.
  makeFlag({
    id: 'd',
    stressorKey: 'rollback-only-postmortems',
    stressLevel: 4,
    createdAt: '2026-01-09T00:00:00.000Z',
  }),
  // Closed flags are not stressors any more, whatever their level.
  makeFlag({
    id: 'e',
    stressorKey: 'devs-own-it',
    stressLevel: 5,
    status: 'resolved',
  }),
  makeFlag({
    id: 'f',
    stressorKey: 'complaints-without-slo',
    stressLevel: 5,
    status: 'dismissed',
    dismissedReason: 'internal tool',
  }),
];

describe('topStressorsSummary', () => {
  it('names the three largest open or mitigating stressors by effective level, then age', () => {
    expect(topStressorsSummary(flags)).toBe(
      'Top stressors: Undiagnosed common alerts (5), Knowledge gaps (4), Rollback-only postmortems (4)',
    );
    expect(topStressorsSummary(flags, 1)).toBe(
      'Top stressors: Undiagnosed common alerts (5)',
    );
  });

  it('says so when nothing is open', () => {
    expect(topStressorsSummary([])).toBe('No open stressor is flagged.');
    expect(topStressorsSummary(flags.slice(4))).toBe(
      'No open stressor is flagged.',
    );
  });
});

describe('TopStressors', () => {
  it('renders the summary as one line of plain text', async () => {
    await renderInTestApp(
      <TopStressors
        flags={[
          makeFlag({ stressorKey: 'custom:<b>deploys</b>', stressLevel: 3 }),
        ]}
      />,
    );
    expect(
      screen.getByText('Top stressors: <b>deploys</b> (3)'),
    ).toBeInTheDocument();
    expect(document.body.querySelector('b')).toBeNull();
  });
});
