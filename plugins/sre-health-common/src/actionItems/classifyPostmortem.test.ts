import {
  ActionItemClass,
  ActionItemInput,
  BETTER_ACTION_ITEM_EXAMPLE,
  classifyPostmortem,
  describePostmortemPattern,
  isActionItemOverdue,
  postmortemPattern,
  recentPostmortems,
  RECENT_POSTMORTEMS,
} from './index';

const now = new Date('2026-12-07T12:00:00Z');
const noCause = (items: Array<string | ActionItemInput>) =>
  classifyPostmortem(
    items.map(i => (typeof i === 'string' ? { text: i } : i)),
    { now },
  ).noItemAimedAtCause;

describe('classifyPostmortem: no action item aimed at the cause', () => {
  it('flags rollbacks however they are dressed up (#16)', () => {
    // Each of these escaped "every item is a rollback": none goes near the cause.
    for (const second of [
      'Restart the pods',
      'Add 4 more servers',
      'Email affected customers',
      'Update the runbook with the revert steps',
    ]) {
      expect(noCause(['Revert the timeout to 60 s', second])).toBe(true);
    }
    expect(
      noCause([
        'Revert the payment gateway client upgrade to 3.2',
        'Roll back the streaming timeout to 60 s',
      ]),
    ).toBe(true);
    expect(noCause(['RB release 55'])).toBe(true);
  });

  it('does not flag a postmortem with one item that investigates or prevents', () => {
    expect(
      noCause([
        BETTER_ACTION_ITEM_EXAMPLE.insteadOf,
        BETTER_ACTION_ITEM_EXAMPLE.better,
      ]),
    ).toBe(false);
    expect(noCause(['Revert config and add alert on drift'])).toBe(false);
    expect(
      noCause([
        'Restart the pods',
        'Fix the retry loop that amplifies timeouts',
      ]),
    ).toBe(false);
  });

  it('finds no item aimed at the cause in a postmortem without items', () => {
    expect(noCause([])).toBe(true);
    const blank = classifyPostmortem([{ text: '' }, { text: '  ' }], { now });
    expect(blank.noItemAimedAtCause).toBe(true);
    expect(blank.classes).toHaveLength(2);
    expect(blank.counts.other).toBe(0);
  });

  it('marks each item aimed at the cause or not', () => {
    const r = classifyPostmortem(
      [
        { text: 'Revert PR #12' },
        { text: 'Find out why the first 1 MB takes 60 s' },
        { text: 'Add an alert on video start time' },
      ],
      { now },
    );
    expect(r.classes.map(c => [c.class, c.aimedAtCause])).toEqual([
      ['rollback', false],
      ['investigation', true],
      ['prevention', true],
    ]);
    expect(r.causeItems).toBe(2);
    expect(r.counts).toMatchObject({
      rollback: 1,
      investigation: 1,
      prevention: 1,
    });
  });

  it('does not count an item aimed at the cause that is left open past its due date', () => {
    const investigate = 'Find out why the first 1 MB takes 60 s';
    const items = (state: 'open' | 'done', dueDate?: string) => [
      { text: 'Revert the streaming timeout to 60 s' },
      { text: investigate, state, dueDate },
    ];
    // open, due tomorrow or today: still counts
    expect(noCause(items('open', '2026-12-08'))).toBe(false);
    expect(noCause(items('open', '2026-12-07'))).toBe(false);
    // done: counts, whenever it was due
    expect(noCause(items('done', '2026-11-01'))).toBe(false);
    // open a day past its due date: no longer counts
    const overdue = classifyPostmortem(items('open', '2026-12-06'), { now });
    expect(overdue.noItemAimedAtCause).toBe(true);
    expect(overdue).toMatchObject({
      causeItems: 0,
      overdueItems: 1,
      overdueCauseItems: 1,
    });
    expect(overdue.classes[1]).toMatchObject({
      class: 'investigation',
      aimedAtCause: true,
      overdue: true,
    });
  });

  it('judges due dates by UTC day, and never an item without one', () => {
    expect(isActionItemOverdue({ dueDate: '2026-12-06' }, now)).toBe(true);
    expect(
      isActionItemOverdue({ state: 'done', dueDate: '2026-12-06' }, now),
    ).toBe(false);
    expect(isActionItemOverdue({ dueDate: '2026-12-07' }, now)).toBe(false);
    expect(isActionItemOverdue({}, now)).toBe(false);
    expect(isActionItemOverdue({ dueDate: null, state: null }, now)).toBe(
      false,
    );
  });

  it('keeps SRE corrections winning over the rules', () => {
    const corrected = classifyPostmortem(
      [
        { text: 'Revert the streaming timeout to 60 s' },
        { text: 'Pin openssl to 3.0.13 again', correctedClass: 'rollback' },
      ],
      { now },
    );
    expect(corrected.noItemAimedAtCause).toBe(true);
    expect(corrected.classes[1]).toMatchObject({
      class: 'rollback',
      ruleClass: 'other',
      source: 'correction',
      confidence: 1,
    });

    const overruled = classifyPostmortem(
      [
        { text: 'Revert the streaming timeout to 60 s' },
        { text: 'Revert the CDN TTL', correctedClass: 'investigation' },
      ],
      { now },
    );
    expect(overruled.noItemAimedAtCause).toBe(false);
    expect(overruled.counts).toMatchObject({ rollback: 1, investigation: 1 });

    // an SRE can also say an item the rules read as prevention goes nowhere near the cause
    const demoted = classifyPostmortem(
      [{ text: 'Add an alert on 5xx', correctedClass: 'mitigation' }],
      { now },
    );
    expect(demoted.noItemAimedAtCause).toBe(true);

    const invalid = classifyPostmortem(
      [
        {
          text: 'Revert the streaming timeout to 60 s',
          correctedClass: 'oops' as ActionItemClass,
        },
        { text: 'Roll back the CDN TTL', correctedClass: null },
      ],
      { now },
    );
    expect(invalid.classes.map(c => c.source)).toEqual(['rules', 'rules']);
    expect(invalid.noItemAimedAtCause).toBe(true);
  });
});

describe('postmortemPattern: across recent postmortems', () => {
  const pm = (daysAgo: number, texts: Array<string | ActionItemInput>) => ({
    occurredAt: new Date(now.getTime() - daysAgo * 86_400_000).toISOString(),
    actionItems: texts.map(t => (typeof t === 'string' ? { text: t } : t)),
  });

  it('counts the recent postmortems with no item aimed at the cause', () => {
    const pattern = postmortemPattern(
      [
        pm(3, ['Revert the timeout to 60 s', 'Restart the pods']),
        pm(40, ['Roll back the release', 'Add 4 more servers']),
        pm(90, ['Find out why the first 1 MB takes 60 s']),
      ],
      now,
    );
    expect(pattern).toEqual({
      recent: 3,
      withoutCauseItem: 2,
      overdueCauseItems: 0,
    });
    expect(describePostmortemPattern(pattern)).toBe(
      '2 of the 3 recent postmortems have no action item aimed at the cause: nothing in them investigates or prevents it, however much is rolled back, restarted or added.',
    );
  });

  it('reads only the newest postmortems of the last year', () => {
    const old = pm(RECENT_POSTMORTEMS.days + 1, ['Revert it']);
    const many = Array.from({ length: RECENT_POSTMORTEMS.count + 2 }, (_, i) =>
      pm(10 + i, [
        i < RECENT_POSTMORTEMS.count ? 'Investigate why' : 'Revert it',
      ]),
    );
    expect(recentPostmortems([old, ...many], now)).toHaveLength(
      RECENT_POSTMORTEMS.count,
    );
    // the two oldest rollbacks and the year-old one fall outside
    expect(postmortemPattern([old, ...many], now).withoutCauseItem).toBe(0);
    expect(postmortemPattern([old], now)).toEqual({
      recent: 0,
      withoutCauseItem: 0,
      overdueCauseItems: 0,
    });
  });

  it('says when items aimed at the cause are left open past their due date', () => {
    const pattern = postmortemPattern(
      [
        pm(20, [
          'Revert the timeout to 60 s',
          { text: 'Find out why the timeout fires', dueDate: '2026-11-30' },
        ]),
      ],
      now,
    );
    expect(pattern).toEqual({
      recent: 1,
      withoutCauseItem: 1,
      overdueCauseItems: 1,
    });
    expect(describePostmortemPattern(pattern)).toBe(
      '1 of the 1 recent postmortem has no action item aimed at the cause: nothing in it investigates or prevents it, however much is rolled back, restarted or added. 1 item aimed at the cause is left open past its due date.',
    );
    expect(
      describePostmortemPattern({
        recent: 2,
        withoutCauseItem: 0,
        overdueCauseItems: 0,
      }),
    ).toBe('');
  });
});
