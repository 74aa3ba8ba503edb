import { parseEntityRef } from '@backstage/catalog-model';
import { isExemptionExpired, utcToday } from '../flags';
import { OPS_LOAD_CAP, overloadWindowWords } from '../opsLoad';
import { ACTIVE_FLAG_STATUSES } from '../scorecard/types';
import { stressorTitle } from '../stressors';
import type {
  EntityHealth,
  OpsLoadSummary,
  SloSummary,
  StressorFlag,
} from '../types';
import { VERDICT_STRESS_LEVEL } from '../verdict';

/*
 * The conditions worth telling a team about, once per episode (issue #18 part 4): each is a
 * state that starts and ends; the backend records the episodes and sends one notification
 * when one starts. These functions only say what holds now.
 */

/** The kinds of notification, each configurable (`sreHealth.notifications.<kind>`). @public */
export const NOTIFICATION_KINDS = [
  'stressor-high',
  'slo-page',
  'ops-cap',
  'exemption-expiring',
] as const;

/** @public */
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** `sreHealth.notifications`, defaults filled in. @public */
export interface NotificationSettings {
  'stressor-high': { enabled: boolean; minLevel: number };
  'slo-page': { enabled: boolean };
  'ops-cap': { enabled: boolean };
  'exemption-expiring': { enabled: boolean; daysBefore: number };
}

/**
 * Every kind on; a stressor counts from the level that puts a service at risk in the
 * verdict; an exemption is announced 3 days before its last day. @public
 */
export const DEFAULT_NOTIFICATION_SETTINGS: NotificationSettings = {
  'stressor-high': { enabled: true, minLevel: VERDICT_STRESS_LEVEL },
  'slo-page': { enabled: true },
  'ops-cap': { enabled: true },
  'exemption-expiring': { enabled: true, daysBefore: 3 },
};

/** A condition that holds now, with the notification its episode's start sends. @public */
export interface NotificationCondition {
  kind: NotificationKind;
  /** What it is about: the service, or the team for `ops-cap`. */
  subjectRef: string;
  /** Which of the subject's conditions: stressor key, SLO name, flag id, or the team ref. */
  key: string;
  /** Who is told: the owning team (the team itself for `ops-cap`); null when there is none. */
  recipientRef: string | null;
  /** The entity whose page the notification links to. */
  entityRef: string;
  /** The page (and tab) the notification links to. */
  tab?: 'sre-health';
  severity: 'critical' | 'high' | 'normal';
  title: string;
  description: string;
}

/**
 * One look at a subject's conditions of one kind: those that hold, and the keys this look
 * cannot tell about (an SLO whose source failed): their episodes stay as they are. Every
 * other episode of the subject and kind has ended, unless the look is `partial`.
 * @public
 */
export interface NotificationObservation {
  kind: NotificationKind;
  subjectRef: string;
  holding: NotificationCondition[];
  unknown?: string[];
  /** The look missed keys it cannot name (an SLO file that could not be read): nothing ends. */
  partial?: boolean;
}

const nameOf = (ref: string) => parseEntityRef(ref).name;
const percent = (share: number) => `${Math.round(share * 100)}%`;

/** Active flags (open or mitigating) at `minLevel` or above: the team's rating, else the proposal. @public */
export function stressorHighObservation(
  entityRef: string,
  ownerRef: string | null,
  flags: ReadonlyArray<StressorFlag>,
  minLevel: number,
): NotificationObservation {
  const name = nameOf(entityRef);
  const high = flags.filter(
    f =>
      (ACTIVE_FLAG_STATUSES as ReadonlyArray<string>).includes(f.status) &&
      f.stressLevel >= minLevel,
  );
  return {
    kind: 'stressor-high',
    subjectRef: entityRef,
    holding: high.map(f => {
      const title = stressorTitle(f.stressorKey);
      const whose =
        f.ratedLevel === null
          ? 'proposed by the evidence'
          : "the team's rating";
      return {
        kind: 'stressor-high',
        subjectRef: entityRef,
        key: f.stressorKey,
        recipientRef: ownerRef,
        entityRef,
        tab: 'sre-health',
        severity: 'high',
        title: `${name}: ${title} at stress level ${f.stressLevel}`,
        description: `The stressor "${title}" of ${name} is at stress level ${f.stressLevel} of 5 (${whose}). Next: the team and its SRE confirm the level on the SRE Health tab and pick one piece of work that removes the cause.`,
      };
    }),
  };
}

/**
 * SLOs whose page-tier burn-rate alert fires; an SLO whose source failed is unknown, and
 * so is any SLO missing from `slos` unless they are `complete` (every definition read).
 * @public
 */
export function sloPageObservation(
  entityRef: string,
  ownerRef: string | null,
  slos: ReadonlyArray<SloSummary>,
  complete = true,
): NotificationObservation {
  const name = nameOf(entityRef);
  const known = slos.filter(s => !s.unavailable);
  return {
    kind: 'slo-page',
    subjectRef: entityRef,
    unknown: slos.filter(s => s.unavailable).map(s => s.name),
    partial: !complete,
    holding: known
      .filter(s => s.alert.state === 'page')
      .map(s => {
        const slo = s.displayName || s.name;
        const rule = s.alert.rules.find(r => r.firing && r.severity === 'page');
        const burn = s.burnRates.find(b => b.window === rule?.long)?.rate;
        const facts = [
          rule && typeof burn === 'number'
            ? `${burn.toFixed(1)}× over ${rule.long}`
            : undefined,
          s.budgetRemaining === null
            ? undefined
            : `${percent(
                Math.max(0, s.budgetRemaining),
              )} of the error budget left`,
        ].filter(Boolean);
        const how = facts.length ? ` (${facts.join('; ')})` : '';
        return {
          kind: 'slo-page',
          subjectRef: entityRef,
          key: s.name,
          recipientRef: ownerRef,
          entityRef,
          tab: 'sre-health',
          severity: 'critical',
          title: `${name}: SLO ${slo} is paging`,
          description: `The SLO ${slo} of ${name} burns its error budget fast enough to page${how}. Next: whoever is on call for ${name} investigates now; the SRE Health tab shows the burn rates and the budget left.`,
        };
      }),
  };
}

/** The team above the ops cap, as its ops-load summary judges it. @public */
export function opsCapObservation(
  opsLoad: OpsLoadSummary,
): NotificationObservation {
  const team = opsLoad.teamRef;
  const name = nameOf(team);
  const share =
    opsLoad.windowOpsShare === null
      ? ''
      : ` ${percent(opsLoad.windowOpsShare)}`;
  return {
    kind: 'ops-cap',
    subjectRef: team,
    holding: opsLoad.overloaded
      ? [
          {
            kind: 'ops-cap',
            subjectRef: team,
            key: team,
            recipientRef: team,
            entityRef: team,
            severity: 'high',
            title: `${name}: operational work above the ${percent(
              OPS_LOAD_CAP,
            )} cap`,
            description: `${name} spent${share} of its time on operational work over ${overloadWindowWords(
              opsLoad.windowWeeks,
            )}, above the ${percent(
              OPS_LOAD_CAP,
            )} cap: operational overload. Next: embed one SRE with the team to find and remove the sources of stress; more people for more tickets is not the fix.`,
          },
        ]
      : [],
  };
}

/** `day` (YYYY-MM-DD) plus `days`. */
function addDays(day: string, days: number): string {
  const t = Date.parse(`${day}T00:00:00Z`) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * Exempt flags whose last exempt day is within `daysBefore` days of `today` (UTC), and not
 * over yet (after it, detection re-opens or resolves the flag, which ends the episode).
 * @public
 */
export function exemptionExpiringObservation(
  entityRef: string,
  ownerRef: string | null,
  flags: ReadonlyArray<StressorFlag>,
  today: string,
  daysBefore: number,
): NotificationObservation {
  const name = nameOf(entityRef);
  const horizon = addDays(today, daysBefore);
  const ending = flags.filter(
    f =>
      f.status === 'exempt' &&
      f.exemptUntil !== null &&
      f.exemptUntil <= horizon &&
      !isExemptionExpired(f, today),
  );
  return {
    kind: 'exemption-expiring',
    subjectRef: entityRef,
    holding: ending.map(f => {
      const title = stressorTitle(f.stressorKey);
      const why = f.exemptReason ? ` (granted because: ${f.exemptReason})` : '';
      return {
        kind: 'exemption-expiring',
        subjectRef: entityRef,
        key: f.id,
        recipientRef: ownerRef,
        entityRef,
        tab: 'sre-health',
        severity: 'normal',
        title: `${name}: the exemption of ${title} ends ${f.exemptUntil}`,
        description: `The exemption of the stressor "${title}" of ${name} ends on ${f.exemptUntil}, its last day${why}. Next: an SRE extends it with a reason, or the team plans the work; after that day the next detection re-opens the flag if the stressor is still there.`,
      };
    }),
  };
}

/**
 * What the tab's read of a service shows, for the enabled kinds the detection run looks
 * at: its high stressors, its exemptions ending, and its team above the ops cap. SLOs
 * paging are the scorecard sync's to observe (it computes them more often).
 * @public
 */
export function serviceObservations(
  health: EntityHealth,
  settings: NotificationSettings,
  now: Date,
): NotificationObservation[] {
  const { entityRef, ownerRef, stressors } = health;
  const observations: NotificationObservation[] = [];
  if (settings['stressor-high'].enabled) {
    observations.push(
      stressorHighObservation(
        entityRef,
        ownerRef,
        stressors,
        settings['stressor-high'].minLevel,
      ),
    );
  }
  if (settings['exemption-expiring'].enabled) {
    observations.push(
      exemptionExpiringObservation(
        entityRef,
        ownerRef,
        stressors,
        utcToday(now),
        settings['exemption-expiring'].daysBefore,
      ),
    );
  }
  if (settings['ops-cap'].enabled && health.opsLoad) {
    observations.push(opsCapObservation(health.opsLoad));
  }
  return observations;
}
