import { parsePostmortemMarkdown } from './markdown';

describe('parsePostmortemMarkdown', () => {
  it('reads contributing factors, and a ticked box as an item done', () => {
    expect(
      parsePostmortemMarkdown(
        [
          '# Checkout payments failing',
          'Date: 2026-11-10',
          '',
          '## Impact',
          '4.1% of payments failed.',
          '',
          '## Contributing factors',
          '- The client lowered its timeout to 2 s',
          '1. No test exercises a slow gateway',
          '',
          '## Action items',
          '- [x] Revert the gateway client to 3.2',
          '- [X] Restart the payment pods',
          '- [ ] Find out why the client gives up after 2 s',
          '* Alert on gateway timeouts',
        ].join('\n'),
      ),
    ).toEqual({
      title: 'Checkout payments failing',
      occurredAt: '2026-11-10T00:00:00.000Z',
      impact: '4.1% of payments failed.',
      contributingFactors: [
        'The client lowered its timeout to 2 s',
        'No test exercises a slow gateway',
      ],
      actionItems: [
        { text: 'Revert the gateway client to 3.2', state: 'done' },
        { text: 'Restart the payment pods', state: 'done' },
        { text: 'Find out why the client gives up after 2 s' },
        { text: 'Alert on gateway timeouts' },
      ],
    });
  });

  it('has no contributing factors without the section', () => {
    const parsed = parsePostmortemMarkdown(
      '# Outage\nDate: 2026-11-10\n\n## Action items\n- Investigate why',
    );
    expect(parsed.contributingFactors).toEqual([]);
    expect(parsed.actionItems).toEqual([{ text: 'Investigate why' }]);
  });
});
