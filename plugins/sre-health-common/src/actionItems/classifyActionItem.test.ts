import {
  ACTION_ITEM_CLASSES,
  ACTION_ITEM_CLASS_INFO,
  ACTION_ITEM_RULES,
  ActionItemClass,
  BETTER_ACTION_ITEM_EXAMPLE,
  classifyActionItem,
  explainActionItem,
  isActionItemClass,
  normalizeActionItem,
} from './index';
import {
  LABELLED_ACTION_ITEMS,
  LabelledActionItem,
} from './__fixtures__/labelled-action-items';

const classOf = (text: string) => classifyActionItem(text).class;

describe('action item classes', () => {
  it('has a title and a one-line explanation for each class', () => {
    for (const c of ACTION_ITEM_CLASSES) {
      expect(ACTION_ITEM_CLASS_INFO[c].title).toBeTruthy();
      expect(ACTION_ITEM_CLASS_INFO[c].description).not.toMatch(/\n/);
    }
    expect(isActionItemClass('rollback')).toBe(true);
    expect(isActionItemClass('revert')).toBe(false);
    expect(isActionItemClass(undefined)).toBe(false);
  });

  it('keeps the rule table well-formed', () => {
    const ids = ACTION_ITEM_RULES.map(r => `${r.class}/${r.id}`);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of ACTION_ITEM_RULES) {
      expect(Boolean(r.phrase) !== Boolean(r.verb && r.object)).toBe(true);
      expect(r.weight).toBeGreaterThanOrEqual(1);
      expect(r.weight).toBeLessThanOrEqual(3);
    }
    for (const c of ACTION_ITEM_CLASSES) {
      expect(ACTION_ITEM_RULES.some(r => r.class === c)).toBe(true);
    }
  });

  it("classifies the book's example: the rollback and the better item", () => {
    expect(classOf(BETTER_ACTION_ITEM_EXAMPLE.insteadOf)).toBe('rollback');
    expect(classOf(BETTER_ACTION_ITEM_EXAMPLE.better)).toBe('investigation');
  });
});

describe('classifyActionItem rules', () => {
  it.each([
    'Revert the streaming timeout to 60 s',
    'Roll back the release',
    'Rollback of release 55',
    'rolled back v41',
    'Roll the CDN change back',
    'Downgrade libcurl to 7.79',
    'Restore previous version of nginx.conf',
    'Undo the change to the pool size',
    'Pin back to node-fetch@2.6.7',
    'Back out the Friday deploy',
    'Go back to the old LB config',
    'RB release 2024.06.3',
    'Disable the new_checkout feature flag',
    'Turn the ranking flag back off',
  ])('rollback: %s', text => expect(classOf(text)).toBe('rollback'));

  it.each([
    'Increase capacity in eu-west-1',
    'Add 4 more nodes to the redis cluster',
    'Scale the API to 40 replicas',
    'Restart the stuck consumers',
    'Fail over to the standby region',
    'Drain traffic from the bad AZ',
    'Flush the poisoned cache entries',
    'Disable the nightly reindex cron',
    'Temporarily rate-limit the partner API',
  ])('mitigation: %s', text => expect(classOf(text)).toBe('mitigation'));

  it.each([
    'Investigate elevated 502s',
    'Find out why the first 1 MB takes 60 s',
    'Root cause the OOMs',
    'RCA for the DNS outage',
    'Reproduce the deadlock in staging',
    'Profile the serializer',
    'Understand why the canary missed it',
  ])('investigation: %s', text => expect(classOf(text)).toBe('investigation'));

  it.each([
    'Add an alert on consumer lag',
    'Add monitoring for queue depth',
    'Add a test for the timeout',
    'Add a max body size limit to uploads',
    'Add validation to the order API',
    'Alert on cert expiry < 14 days',
    'Fix the off-by-one in the cursor',
    'Automate cert renewal',
    'Implement a circuit breaker',
  ])('prevention: %s', text => expect(classOf(text)).toBe('prevention'));

  it.each([
    'Update the runbook with the failover steps',
    'Update the docs for the cache warm-up',
    'Update the process for deploy approvals',
    'Add the failover drill to the on-call training',
    'Review the change-management process',
    'Document the rollback procedure',
    'Schedule a game day for regional failover',
  ])('process: %s', text => expect(classOf(text)).toBe('process'));

  it.each([
    'Send service credits to affected customers',
    'Thank the on-call team',
    'N/A',
    'TBD',
    'Close the incident ticket',
  ])('other: %s', text => expect(classOf(text)).toBe('other'));

  it('treats negated or merely mentioned rollbacks as not rollbacks', () => {
    expect(
      classOf(
        'Instead of rolling back again, figure out what breaks TLS resumption',
      ),
    ).toBe('investigation');
    expect(
      classOf('Roll back is not enough: find out why the pool exhausts'),
    ).toBe('investigation');
    expect(classOf("Don't just revert: add a regression test")).toBe(
      'prevention',
    );
    expect(
      classOf('Add a test that fails if the revert of the timeout is lost'),
    ).toBe('prevention');
    expect(classOf('Update onboarding docs: how to RB a release')).toBe(
      'process',
    );
    expect(classOf('Rather than restarting, find out why memory grows')).toBe(
      'investigation',
    );
    const e = explainActionItem('Before reverting, diagnose the leak');
    expect(e.class).toBe('investigation');
    expect(e.hits.find(h => h.ruleId === 'revert')?.status).toBe('context');
  });

  it('treats a verb used as a modifier as a noun ("rollback procedure")', () => {
    const e = explainActionItem('Write down the rollback procedure');
    expect(e.class).toBe('process');
    expect(e.hits.find(h => h.class === 'rollback')?.status).toBe('modifier');
    expect(classOf('Implement automated failover for the primary')).toBe(
      'prevention',
    );
  });

  it('lets a stated non-rollback intent win over a rollback', () => {
    const e = explainActionItem('Revert config AND add alert on config drift');
    expect(e.class).toBe('prevention');
    expect(e.decidedBy).toBe('non-rollback-intent');
    expect(e.scores.rollback).toBe(e.scores.prevention);
    expect(classOf('Automate the rollback when canary error rate > 2%')).toBe(
      'prevention',
    );
    expect(classOf('Roll back v2 and restart the consumers')).toBe(
      'mitigation',
    );
  });

  it('does not let mere context (a cue) outvote a rollback', () => {
    expect(classOf('Roll back the release and monitor error rates')).toBe(
      'rollback',
    );
    expect(classOf('Go back to the single-region setup for now')).toBe(
      'rollback',
    );
    expect(classOf('Downgrade libcurl until the upstream fix lands')).toBe(
      'rollback',
    );
  });

  it('weighs the leading verb double, and breaks ties by the first verb', () => {
    expect(explainActionItem('Reboot db-1').scores.mitigation).toBe(6);
    expect(explainActionItem('We should reboot db-1').scores.mitigation).toBe(
      6,
    );
    expect(explainActionItem('db-1 needs a reboot').scores.mitigation).toBe(3);
    expect(classOf('Restart the pods and investigate the leak')).toBe(
      'mitigation',
    );
    expect(classOf('Investigate the leak and restart the pods')).toBe(
      'investigation',
    );
  });

  it('normalises ticket prefixes, tags, mentions and abbreviations', () => {
    expect(normalizeActionItem('- [ ] JIRA-123: P1: @alice RB v2!')).toBe(
      'roll back v2!',
    );
    expect(normalizeActionItem('[SRE-1020] RCA w/ storage & net')).toBe(
      'root cause analysis with storage and net',
    );
    expect(normalizeActionItem('db-1 needs a reboot')).toBe(
      'db-1 needs a reboot',
    );
    expect(normalizeActionItem('File a ticket to revert PR #12')).toBe(
      'revert pr #12',
    );
  });

  it('reports confidence in 0..1 and the words that matched', () => {
    const none = classifyActionItem('Pair new hires with a senior engineer');
    expect(none).toEqual({ class: 'other', confidence: 0, matched: [] });
    const clear = classifyActionItem('Revert the streaming timeout to 60 s');
    expect(clear.matched).toEqual(['revert']);
    const mixed = classifyActionItem('Revert config and add alert on drift');
    expect(clear.confidence).toBeGreaterThan(mixed.confidence);
    for (const item of LABELLED_ACTION_ITEMS) {
      const { confidence } = classifyActionItem(item.text);
      expect(confidence).toBeGreaterThanOrEqual(0);
      expect(confidence).toBeLessThanOrEqual(1);
    }
  });
});

// ---------------------------------------------------------------------- accuracy
interface Evaluation {
  n: number;
  accuracy: number;
  perClass: Record<
    ActionItemClass,
    { support: number; precision: number; recall: number }
  >;
  misses: Array<{ text: string; label: ActionItemClass; got: ActionItemClass }>;
}

function evaluate(items: ReadonlyArray<LabelledActionItem>): Evaluation {
  const tp = new Map<ActionItemClass, number>();
  const predicted = new Map<ActionItemClass, number>();
  const support = new Map<ActionItemClass, number>();
  const misses: Evaluation['misses'] = [];
  for (const item of items) {
    const got = classOf(item.text);
    predicted.set(got, (predicted.get(got) ?? 0) + 1);
    support.set(item.label, (support.get(item.label) ?? 0) + 1);
    if (got === item.label) tp.set(got, (tp.get(got) ?? 0) + 1);
    else misses.push({ text: item.text, label: item.label, got });
  }
  const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
  const perClass = {} as Evaluation['perClass'];
  for (const c of ACTION_ITEM_CLASSES) {
    perClass[c] = {
      support: support.get(c) ?? 0,
      precision: ratio(tp.get(c) ?? 0, predicted.get(c) ?? 0),
      recall: ratio(tp.get(c) ?? 0, support.get(c) ?? 0),
    };
  }
  return {
    n: items.length,
    accuracy: ratio(items.length - misses.length, items.length),
    perClass,
    misses,
  };
}

function report(title: string, e: Evaluation): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  const rows = ACTION_ITEM_CLASSES.map(c => {
    const p = e.perClass[c];
    return `| ${c} | ${p.support} | ${pct(p.precision)} | ${pct(p.recall)} |`;
  });
  const misses = e.misses.map(m => `- [${m.label} -> ${m.got}] ${m.text}`);
  return [
    `### ${title}: accuracy ${pct(e.accuracy)} (${e.n - e.misses.length}/${
      e.n
    })`,
    '',
    '| class | items | precision | recall |',
    '|---|---:|---:|---:|',
    ...rows,
    ...(misses.length ? ['', 'Misses:', ...misses] : []),
  ].join('\n');
}

describe('accuracy over the labelled set', () => {
  it('has at least 60 unique items and at least 6 per class', () => {
    expect(LABELLED_ACTION_ITEMS.length).toBeGreaterThanOrEqual(60);
    const texts = LABELLED_ACTION_ITEMS.map(i => i.text.toLowerCase());
    expect(new Set(texts).size).toBe(texts.length);
    for (const c of ACTION_ITEM_CLASSES) {
      expect(
        LABELLED_ACTION_ITEMS.filter(i => i.label === c).length,
      ).toBeGreaterThanOrEqual(6);
    }
  });

  it('classifies at least 85% of the labelled items correctly', () => {
    const all = evaluate(LABELLED_ACTION_ITEMS);
    const holdout = evaluate(
      LABELLED_ACTION_ITEMS.filter(i => i.split === 'holdout'),
    );
    // eslint-disable-next-line no-console
    console.log(
      `${report('All labelled items', all)}\n\n${report(
        'Holdout (never used to tune the rules)',
        holdout,
      )}`,
    );
    expect(all.accuracy).toBeGreaterThanOrEqual(0.85);
    // Rules that only fit the sentences they were tuned on would fail here.
    expect(holdout.n).toBeGreaterThanOrEqual(30);
    expect(holdout.accuracy).toBeGreaterThanOrEqual(0.7);
  });
});
