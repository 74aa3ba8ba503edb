import {
  DEFAULT_DETECTION_THRESHOLDS,
  Postmortem,
  PostmortemActionItem,
} from '@sre-health/backstage-plugin-sre-health-common';
import { DetectionContext } from '@sre-health/backstage-plugin-sre-health-node';
import { rollbackOnlyPostmortemsDetector } from './rollbackOnlyPostmortems';

const now = new Date('2026-12-07T12:00:00Z');
const DAY = 86_400_000;

function context(postmortems: Postmortem[]): DetectionContext {
  return {
    entity: {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'payments-api' },
      spec: {
        type: 'service',
        lifecycle: 'production',
        owner: 'payments-team',
      },
    },
    entityRef: 'component:default/payments-api',
    ownerRef: 'group:default/payments-team',
    now,
    thresholds: DEFAULT_DETECTION_THRESHOLDS,
    servingCritical: true,
    sreGroups: ['group:default/sre'],
    dependents: [],
    previousDependents: null,
    operators: [],
    operatingSide: [],
    engagement: null,
    hasSlo: true,
    postmortems,
    deferredProblems: [],
    complaints: [],
    alerts: [],
    flags: [],
  } as unknown as DetectionContext;
}

let ids = 0;
function postmortem(
  title: string,
  daysAgo: number,
  items: Array<string | PostmortemActionItem>,
): Postmortem {
  ids += 1;
  return {
    id: `pm-${ids}`,
    version: 1,
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    entityRef: 'component:default/payments-api',
    title,
    occurredAt: new Date(now.getTime() - daysAgo * DAY).toISOString(),
    impact: '',
    contributingFactors: [],
    actionItems: items.map(i => (typeof i === 'string' ? { text: i } : i)),
    author: 'user:default/carol',
  };
}

const detect = (postmortems: Postmortem[]) =>
  rollbackOnlyPostmortemsDetector.detect(context(postmortems)) as
    | { stressLevel: number; evidence: string; facts: Record<string, number> }
    | undefined;

describe('rollback-only-postmortems: no action item aimed at the cause', () => {
  it('fires on revert + restart, which "every item is a rollback" let through (#16)', () => {
    for (const second of [
      'Restart the pods',
      'Add 4 more servers',
      'Email affected customers',
      'Update the runbook with the revert steps',
    ]) {
      const found = detect([
        postmortem('Checkout payments failing', 3, [
          'Revert the timeout to 60 s',
          second,
        ]),
      ]);
      expect(found).toMatchObject({
        facts: { withoutCauseItem: 1, recentPostmortems: 1 },
      });
    }
  });

  it('speaks of the pattern across recent postmortems and names none of them', () => {
    const found = detect([
      postmortem('Checkout payments failing', 3, [
        'Revert the payment gateway client upgrade to 3.2',
        'Restart the payment pods',
      ]),
      postmortem('Ledger batch stalled', 30, [
        'Roll back the release',
        'Add 4 more servers',
      ]),
      postmortem('Card authorisations slow', 60, [
        'Find out why card authorisations time out after a deploy',
      ]),
    ])!;
    expect(found.evidence).toBe(
      '2 of the 3 recent postmortems have no action item aimed at the cause: nothing in them investigates or prevents it, however much is rolled back, restarted or added. Lead the next postmortem to an action item aimed at the cause, e.g. "Find out why the first 1 MB of the promo video takes 60 s" rather than only "Revert the streaming timeout to 60 s".',
    );
    for (const title of ['Checkout payments failing', 'Ledger batch stalled']) {
      expect(found.evidence).not.toContain(title);
    }
    expect(found).toMatchObject({
      stressLevel: 4,
      facts: {
        withoutCauseItem: 2,
        recentPostmortems: 3,
        overdueCauseItems: 0,
      },
    });
  });

  it('counts an item aimed at the cause that is left open past its due date', () => {
    const investigate = 'Find out why the gateway client timed out';
    const pm = (state: 'open' | 'done', dueDate: string) =>
      postmortem('Checkout payments failing', 20, [
        'Revert the timeout to 60 s',
        { text: investigate, owner: 'user:default/carol', state, dueDate },
      ]);
    expect(detect([pm('open', '2026-12-20')])).toBeUndefined();
    expect(detect([pm('done', '2026-11-20')])).toBeUndefined();
    const overdue = detect([pm('open', '2026-11-20')])!;
    expect(overdue.facts).toEqual({
      withoutCauseItem: 1,
      recentPostmortems: 1,
      overdueCauseItems: 1,
    });
    expect(overdue.evidence).toContain(
      '1 item aimed at the cause is left open past its due date.',
    );
  });

  it('does not fire when each recent postmortem has an item aimed at the cause', () => {
    expect(
      detect([
        postmortem('Promo video stalls', 5, [
          'Revert the streaming timeout to 60 s',
          'Find out why the first 1 MB takes 60 s',
        ]),
        postmortem('Checkout errors', 9, [
          'Restart the pods',
          'Add an alert on gateway error rate',
        ]),
        // more than a year ago: not recent
        postmortem('Old outage', 400, ['Revert it']),
      ]),
    ).toBeUndefined();
    expect(detect([])).toBeUndefined();
  });

  it('keeps an SRE correction winning over the rules', () => {
    const corrected = postmortem('Search latency spike', 4, [
      { text: 'Roll back the index change', correctedClass: 'investigation' },
    ]);
    expect(detect([corrected])).toBeUndefined();
  });

  it('proposes a higher level as the pattern holds for more of them', () => {
    const rollback = (n: number) =>
      postmortem(`Outage ${n}`, n, ['Revert it', 'Restart the pods']);
    const cause = (n: number) =>
      postmortem(`Fine ${n}`, n, ['Investigate why it broke']);
    expect(
      detect([rollback(1), cause(2), cause(3), cause(4)])!.stressLevel,
    ).toBe(2);
    expect(detect([rollback(1)])!.stressLevel).toBe(3);
    expect(detect([rollback(1), rollback(2), cause(3)])!.stressLevel).toBe(4);
    expect(
      detect([rollback(1), rollback(2), rollback(3), rollback(4)])!.stressLevel,
    ).toBe(5);
  });
});
