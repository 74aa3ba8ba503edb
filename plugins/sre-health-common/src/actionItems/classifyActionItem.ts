/*
 * Postmortem action-item classifier: a transparent, rule-based classifier (no model, no
 * network) that sorts an action item into one of six classes. It drives the
 * `rollback-only-postmortems` stressor of SRE book chapter 30: a postmortem whose only
 * action items roll back the change that caused the outage ("revert the streaming timeout
 * to 60 s") instead of finding out why it broke ("find out why the first 1 MB of the promo
 * video takes 60 s").
 *
 * How an item is classified (see ACTION_ITEM_RULES for the table):
 * 1. Normalise: lower case; strip bullets, checkboxes, ticket prefixes ("JIRA-123:"),
 *    tags ("AI:", "P1:"), @mentions and "file a ticket to"; expand abbreviations
 *    ("RB" -> roll back, "RCA" -> root cause analysis, "w/" -> with, "&" -> and).
 * 2. Match every rule. A rule is a phrase, or a verb followed within a few words by an
 *    object ("add ... alert"); the farther the object, the less it says (weight - 1 beyond
 *    two words in between). All patterns use word boundaries.
 * 3. Discard hits that are negated or merely mentioned:
 *    - a negation among the four words before the hit, in the same clause
 *      ("instead of rolling back", "don't just revert", "without a restart");
 *    - a context word before the hit, in the same clause ("if the revert ...", "after the
 *      rollback", "how to roll back", "why the restart ..."); it does not apply to
 *      investigation rules, for which "why" and "whether" are the point;
 *    - a judgement right after the hit ("roll back is not enough", "the revert alone");
 *    - the hit used as a modifier ("rollback procedure", "failover steps", "automated
 *      failover").
 * 4. Where hits overlap, the stronger (then longer) one keeps the words: one phrase has one
 *    meaning ("disable the feature flag" is a flag rollback, not also a generic "disable").
 * 5. A hit at the start of the item or of a clause (after ":", ";", ",", "and", "then",
 *    ignoring "please", "we should", ...) counts double: the leading verb says what the
 *    item is for. Per class, each rule counts once (its best hit); the class score is the
 *    sum.
 * 6. Decide: the highest score wins. Ties go to the class whose first hit comes first
 *    (first verb wins), then to the order of ACTION_ITEM_CLASSES. One exception, because
 *    the stressor is about items that do nothing but undo: when rollback would win but the
 *    item also states a real non-rollback intent (an action rule scoring at least 3, e.g.
 *    "Revert config AND add alert on config drift"), the best non-rollback class wins.
 *    No hit at all: `other` with confidence 0.
 *
 * Disabling the feature flag that shipped the change is classed as `rollback`: it returns
 * the system to its previous behaviour without learning why the change broke it, which is
 * exactly what the stressor is about; only the mechanism differs from a redeploy.
 * Disabling anything else (a cron job, a consumer) is `mitigation`.
 */

/** @public */
export const ACTION_ITEM_CLASSES = [
  'rollback',
  'mitigation',
  'investigation',
  'prevention',
  'process',
  'other',
] as const;

/** @public */
export type ActionItemClass = (typeof ACTION_ITEM_CLASSES)[number];

/** @public */
export interface ActionItemClassInfo {
  title: string;
  /** One line: what belongs in the class. */
  description: string;
}

/** @public */
export const ACTION_ITEM_CLASS_INFO: Readonly<
  Record<ActionItemClass, ActionItemClassInfo>
> = {
  rollback: {
    title: 'Rollback',
    description:
      'Returns the system to its previous state (revert, roll back, downgrade, restore the previous version, switch the feature flag back off) without learning why the change broke it.',
  },
  mitigation: {
    title: 'Mitigation',
    description:
      'Reduces the impact now without undoing the change or removing the cause: restart, scale out, add capacity, fail over, drain or shift traffic, flush, temporary limits.',
  },
  investigation: {
    title: 'Investigation',
    description:
      'Finds out why it happened: investigate, root-cause, reproduce, profile, analyse, understand.',
  },
  prevention: {
    title: 'Prevention',
    description:
      'Stops it from happening again or catches it sooner: fix the bug, add alerts, monitoring, tests, validation, limits, canaries, circuit breakers, automation.',
  },
  process: {
    title: 'Process',
    description:
      'Changes how people work: runbooks, docs, training, reviews, policies, checklists, ownership, drills and game days.',
  },
  other: {
    title: 'Other',
    description:
      'Changes neither the system nor how the team works: customer communication, credits, vendors, admin, thanks, placeholders.',
  },
};

/** The book's example of a better action item than the rollback. @public */
export const BETTER_ACTION_ITEM_EXAMPLE = {
  insteadOf: 'Revert the streaming timeout to 60 s',
  better: 'Find out why the first 1 MB of the promo video takes 60 s',
} as const;

/** @public */
export function isActionItemClass(value: unknown): value is ActionItemClass {
  return (
    typeof value === 'string' &&
    (ACTION_ITEM_CLASSES as ReadonlyArray<string>).includes(value)
  );
}

/**
 * One row of the rule table. A rule is either a `phrase`, or a `verb` followed within
 * `maxGap` words by an `object`. Patterns are lower-case regular-expression sources;
 * word boundaries are added around them.
 * @public
 */
export interface ActionItemRule {
  id: string;
  class: ActionItemClass;
  /**
   * `action`: states what the item will do (a verb phrase); only actions can outvote a
   * rollback. `cue`: supporting context ("temporarily", "canary", "why").
   */
  kind: 'action' | 'cue';
  /** 1 weak, 2 medium, 3 strong; doubled when the hit leads the item or a clause. */
  weight: number;
  phrase?: string;
  verb?: string;
  object?: string;
  /** Words allowed between verb and object (default 5). */
  maxGap?: number;
  /** Only matches at the very start of the (normalised) item. */
  atStart?: boolean;
}

// ------------------------------------------------------------------ word lists
const PREVIOUS =
  "previous|prior|old|older|original|earlier|last[\\s-]known[\\s-]good|known[\\s-]good|last[\\s-]good|pre-incident|pre-change|pre-release|yesterday's|last\\s+week's";
const FLAG = '(?:feature[\\s-]?)?(?:flags?|toggles?)';
const CAPACITY_OBJECTS =
  'capacity|replicas?|nodes?|servers?|instances?|hosts?|machines?|vms?|memory|ram|heap|cpus?|cores?|disk(?:\\s+space)?|storage|brokers?|shards?|partitions?|workers?|pods?|headroom|iops|throughput|connections?|pool(?:\\s+size)?|threads?|containers?|tasks?';
const SAFEGUARDS =
  'caps?|alerts?|alerting|alarms?|paging|monitors?|monitoring|dashboards?|tests?|testing|coverage|checks?|probes?|health[\\s-]?checks?|validations?|validators?|limits?|limiters?|quotas?|guards?|guardrails?|canar(?:y|ies)|circuit[\\s-]?breakers?|timeouts?|deadlines?|retr(?:y|ies)|backoff|rate[\\s-]?limit\\w*|lint\\w*|assertions?|slos?|slis?|error\\s+budgets?|metrics?|tracing|traces|logging|log\\s+lines?|safeguards?|kill[\\s-]?switch\\w*|feature[\\s-]?flags?|protections?|throttl\\w*|pre-?checks?|pre-?flight|dry[\\s-]?runs?|staged\\s+rollouts?|load[\\s-]?shedding|bulkheads?|fallbacks?|redundan\\w*|idempoten\\w*|synthetics?|chaos|fuzz\\w*|constraints?|thresholds?|backups?|autoscal\\w*|hpa|pdbs?|pod\\s?disruption\\s?budgets?|anti-?affinity|readiness|liveness|admission\\s+\\w+|schema\\s+checks?';
const SAFEGUARD_VERBS =
  'add(?:s|ed|ing)?|creat(?:e|es|ed|ing)|set(?:ting)?\\s+up|setup|configur\\w*|implement\\w*|introduc\\w*|writ(?:e|es|ing)|wrote|build(?:s|ing)?|built|put\\s+in\\s+place|wir(?:e|ing)\\s+up|instrument\\w*|enabl(?:e|es|ed|ing)|install\\w*|adopt\\w*|extend\\w*|improv\\w*|tighten\\w*|harden\\w*|lower\\w*|reduc(?:e|es|ed|ing)|cap|put|set(?:s|ting)?';
const PROCESS_OBJECTS =
  'runbooks?|run-books?|playbooks?|docs?|documentation|wiki(?:\\s+pages?)?|readmes?|procedures?|process(?:es)?|checklists?|training|onboarding|polic(?:y|ies)|templates?|guidelines?|guides?|sops?|escalation(?:\\s+(?:polic(?:y|ies)|paths?))?|rotations?|on-?call|handbooks?|hand-?offs?|handovers?|comms\\s+plans?|communication\\s+plans?|change[\\s-]management|approvals?|sign-?offs?|ownership|raci|drills?|game\\s*days?|tabletops?|exercises?';
const PROCESS_VERBS =
  'updat(?:e|es|ed|ing)|writ(?:e|es|ing)(?:\\s+(?:down|up))?|wrote|document(?:s|ed|ing)?|creat(?:e|es|ed|ing)|add(?:s|ed|ing)?|review(?:s|ed|ing)?|improv\\w*|revis\\w*|fix(?:es|ed|ing)?|clarif\\w*|amend\\w*|extend\\w*|expand\\w*|rewrit\\w*|draft\\w*|refresh\\w*|chang(?:e|es|ed|ing)|formali[sz]\\w*|establish\\w*|introduc\\w*|defin(?:e|es|ed|ing)|adopt\\w*|put\\s+together|link\\w*';
const MEETINGS =
  'game\\s*days?|drills?|reviews?|retros?|retrospectives?|meetings?|sessions?|tabletops?|exercises?|workshops?|trainings?|post-?mortems?|dirt|syncs?|walkthroughs?|war\\s+games?|brown-?bags?';
const AUDIENCES =
  'reports?|timelines?|updates?|summar(?:y|ies)|post-?mortems?|notices?|statements?|apolog(?:y|ies)|emails?|customers?|clients?|partners?|users|stakeholders?|leadership|execs?|executives|account\\s+managers?|support\\s+team|sales|legal|finance|press|board|merchants?|regulators?|authorit(?:y|ies)';

/**
 * The rule table: every rule the classifier knows, in one place. Exported so that a UI
 * can show why an item got its class.
 * @public
 */
export const ACTION_ITEM_RULES: ReadonlyArray<ActionItemRule> = [
  // ------------------------------------------------------------------ rollback
  {
    id: 'revert',
    class: 'rollback',
    kind: 'action',
    weight: 3,
    phrase: 'revert(?:s|ed|ing)?',
  },
  {
    id: 'roll back',
    class: 'rollback',
    kind: 'action',
    weight: 3,
    phrase: 'roll(?:s|ed|ing)?[\\s-]?backs?',
  },
  {
    id: 'roll ... back',
    class: 'rollback',
    kind: 'action',
    weight: 3,
    phrase: 'roll(?:s|ed|ing)?(?:\\s+[^\\s;:!?,]+){1,5}?\\s+back',
  },
  {
    id: 'downgrade',
    class: 'rollback',
    kind: 'action',
    weight: 3,
    phrase: 'downgrad(?:e|es|ed|ing)',
  },
  {
    id: 'undo',
    class: 'rollback',
    kind: 'action',
    weight: 3,
    phrase: 'undo(?:es|ne|ing)?',
  },
  {
    id: 'back out',
    class: 'rollback',
    kind: 'action',
    weight: 3,
    phrase:
      'back(?:s|ed|ing)?[\\s-]?outs?|back(?:s|ed|ing)?(?:\\s+[^\\s;:!?,]+){1,5}?\\s+out\\s+of',
  },
  {
    id: 'pin back',
    class: 'rollback',
    kind: 'action',
    weight: 3,
    phrase: 'pin(?:s|ned|ning)?(?:\\s+[^\\s;:!?,]+){0,3}?\\s+back',
  },
  {
    id: 'put ... back',
    class: 'rollback',
    kind: 'action',
    weight: 3,
    phrase: '(?:put|set)(?:s|ting)?(?:\\s+[^\\s;:!?,]+){1,5}?\\s+back',
  },
  {
    id: 'go back to',
    class: 'rollback',
    kind: 'action',
    weight: 3,
    phrase:
      '(?:go|goes|went|going|switch(?:es|ed|ing)?|mov(?:e|es|ed|ing)|return(?:s|ed|ing)?|put|chang(?:e|es|ed|ing)|flip(?:s|ped|ping)?)(?:\\s+[^\\s;:!?,]+){0,4}?\\s+back\\s+to',
  },
  {
    id: 'restore the previous version',
    class: 'rollback',
    kind: 'action',
    weight: 3,
    verb: 'restor(?:e|es|ed|ing)|re-?deploy(?:s|ed|ing)?|reinstat\\w*|re-?apply|reset(?:s|ting)?|return(?:s|ed|ing)?|deploy(?:s|ed|ing)?|pin(?:s|ned|ning)?',
    object: PREVIOUS,
    maxGap: 3,
  },
  {
    id: 'previous version',
    class: 'rollback',
    kind: 'cue',
    weight: 2,
    phrase: `(?:${PREVIOUS})(?:\\s+[^\\s;:!?,]+){0,2}?\\s+(?:versions?|builds?|releases?|config(?:uration)?s?|images?|tags?|commits?|values?|settings?|behaviou?r|state|manifests?|binar(?:y|ies)|packages?)`,
  },
  {
    id: 'feature flag off',
    class: 'rollback',
    kind: 'action',
    weight: 3,
    verb: 'disabl(?:e|es|ed|ing)|turn(?:s|ed|ing)?\\s+off|switch(?:es|ed|ing)?\\s+off|flip(?:s|ped|ping)?\\s+off|kill(?:s|ed|ing)?|deactivat\\w*|unset',
    object: FLAG,
    maxGap: 4,
  },
  {
    id: 'flag back off',
    class: 'rollback',
    kind: 'action',
    weight: 3,
    phrase: `(?:turn|switch|flip|set)(?:s|es|ed|ing|ped|ping)?(?:\\s+[^\\s;:!?,]+){0,5}?\\s+${FLAG}\\s+(?:back\\s+)?off`,
  },

  // ---------------------------------------------------------------- mitigation
  {
    id: 'restart',
    class: 'mitigation',
    kind: 'action',
    weight: 3,
    phrase:
      '(?:re-?start|reboot|bounce|recycle|power[\\s-]?cycle|re-?spin)(?:s|ed|ing)?',
  },
  {
    id: 'fail over',
    class: 'mitigation',
    kind: 'action',
    weight: 3,
    phrase: 'fail(?:s|ed|ing)?[\\s-]?over',
  },
  {
    id: 'scale',
    class: 'mitigation',
    kind: 'action',
    weight: 2,
    phrase: '(?<!\\bat\\s)scal(?:e|es|ed|ing)(?:\\s+(?:up|out))?',
  },
  {
    id: 'add capacity',
    class: 'mitigation',
    kind: 'action',
    weight: 3,
    verb: 'increas(?:e|es|ed|ing)|rais(?:e|es|ed|ing)|bump(?:s|ed|ing)?|doubl(?:e|es|ed|ing)|tripl(?:e|es|ed|ing)|grow(?:s|n|ing)?|expand(?:s|ed|ing)?|provision(?:s|ed|ing)?|allocat\\w*|spin(?:s|ning)?\\s+up|spun\\s+up|launch(?:es|ed|ing)?|scal(?:e|es|ed|ing)(?:\\s+(?:up|out))?|add(?:s|ed|ing)?\\s+(?:\\d+|more|extra|additional|another|a\\s+few|several|two|three|four|five|ten)',
    object: CAPACITY_OBJECTS,
  },
  {
    id: 'shift traffic',
    class: 'mitigation',
    kind: 'action',
    weight: 3,
    verb: 'drain(?:s|ed|ing)?|shed(?:s|ding)?|shift(?:s|ed|ing)?|(?:re-?)?rout(?:e|es|ed|ing)|redirect(?:s|ed|ing)?|divert(?:s|ed|ing)?|mov(?:e|es|ed|ing)|steer(?:s|ed|ing)?|send|point',
    object: 'traffic|requests|users|load|dns|queries',
    maxGap: 4,
  },
  {
    id: 'drain / evacuate',
    class: 'mitigation',
    kind: 'action',
    weight: 2,
    phrase:
      'drain(?:s|ed|ing)?|evacuat(?:e|es|ed|ing)|re-?schedul(?:e|es|ed|ing)',
  },
  {
    id: 'shed load',
    class: 'mitigation',
    kind: 'cue',
    weight: 2,
    phrase: 'shed(?:s|ding)?\\s+(?:\\w+\\s+)?load|load[\\s-]?shed\\w*',
  },
  {
    id: 'flush / clean up',
    class: 'mitigation',
    kind: 'action',
    weight: 3,
    verb: 'flush\\w*|clear(?:s|ed|ing)?|purg(?:e|es|ed|ing)|evict(?:s|ed|ing)?|invalidat(?:e|es|ed|ing)|wip(?:e|es|ed|ing)|drop(?:s|ped|ping)?|delet(?:e|es|ed|ing)|truncat(?:e|es|ed|ing)|prun(?:e|es|ed|ing)|clean(?:s|ed|ing)?(?:\\s+up)?|rotat(?:e|es|ed|ing)|compact(?:s|ed|ing)?|vacuum\\w*|renew(?:s|ed|ing)?|replac(?:e|es|ed|ing)',
    object:
      'caches?|cached|queues?|dlq|entries|keys?|backlog|sessions?|locks?|logs?|files?|snapshots?|disks?|space|tmp|ind(?:ex|exes|ices)|tables?|certs?|certificates?|credentials?|secrets?|tokens?|volumes?',
    maxGap: 4,
  },
  {
    id: 'free up',
    class: 'mitigation',
    kind: 'action',
    weight: 3,
    phrase: 'free(?:s|d|ing)?\\s+up',
  },
  {
    id: 'kill / stop / disable',
    class: 'mitigation',
    kind: 'action',
    weight: 2,
    phrase:
      'kill(?:s|ed|ing)?|terminat(?:e|es|ed|ing)|stop(?:s|ped|ping)?|paus(?:e|es|ed|ing)|suspend(?:s|ed|ing)?|halt(?:s|ed|ing)?|disabl(?:e|es|ed|ing)|turn(?:s|ed|ing)?\\s+off|shut(?:s|ting)?\\s+(?:down|off)|throttl(?:e|es|ed|ing)|cordon(?:s|ed|ing)?|quarantin(?:e|es|ed|ing)|isolat(?:e|es|ed|ing)',
  },
  {
    id: 'block abusive traffic',
    class: 'mitigation',
    kind: 'action',
    weight: 3,
    verb: 'block(?:s|ed|ing)?|ban(?:s|ned|ning)?|deny|denylist\\w*|blacklist\\w*|blocklist\\w*|null-?rout\\w*',
    object:
      'ips?|ip\\s+ranges?|ranges?|addresses|cidrs?|asns?|tenants?|users?|clients?|bots?|crawlers?|scrapers?|requests|traffic|abusers?|attackers?|countr(?:y|ies)|user[\\s-]agents?|accounts?',
    maxGap: 4,
  },
  {
    id: 'move workload',
    class: 'mitigation',
    kind: 'action',
    weight: 2,
    verb: 'mov(?:e|es|ed|ing)|migrat(?:e|es|ed|ing)|isolat(?:e|es|ed|ing)|re-?shard\\w*|rebalanc(?:e|es|ed|ing)|pin(?:s|ned|ning)?',
    object:
      'tenants?|customers?|workloads?|shards?|partitions?|leaders?|primar(?:y|ies)|jobs?',
    maxGap: 4,
  },
  {
    id: 'replay / backfill',
    class: 'mitigation',
    kind: 'action',
    weight: 2,
    phrase:
      'replay(?:s|ed|ing)?|backfill(?:s|ed|ing)?|re-?run(?:s|ning)?|re-?process(?:es|ed|ing)?|re-?drive|re-?queue(?:s|d)?|re-?send',
  },
  {
    id: 'temporarily',
    class: 'mitigation',
    kind: 'cue',
    weight: 2,
    phrase:
      'temporar(?:y|ily)|for\\s+now|stop-?gap|work-?arounds?|band-?aids?|short[\\s-]term|interim|quick\\s+fix|while\\s+(?:[^\\s;:!?,]+\\s+){0,3}?(?:is|are)\\s+(?:degraded|down|unhealthy|recovering|broken)|until\\s+(?:[^\\s;:!?,]+\\s+){0,3}?(?:recover\\w*|stabili[sz]\\w*|is\\s+fixed|lands|ships|monday|tomorrow|further\\s+notice)',
  },
  {
    id: 'manually',
    class: 'mitigation',
    kind: 'cue',
    weight: 1,
    phrase: 'manual(?:ly)?|by\\s+hand',
  },
  {
    id: 'monitor / watch',
    class: 'mitigation',
    kind: 'cue',
    weight: 1,
    phrase:
      '(?:monitor|watch|observe|babysit)(?:s|ed)?|keep\\s+an\\s+eye\\s+on',
  },

  // ------------------------------------------------------------- investigation
  {
    id: 'investigate',
    class: 'investigation',
    kind: 'action',
    weight: 3,
    phrase: 'investigat\\w*',
  },
  {
    id: 'find out',
    class: 'investigation',
    kind: 'action',
    weight: 3,
    phrase:
      '(?:find|finds|found|finding)\\s+out|figur(?:e|es|ed|ing)\\s+out|work(?:s|ed|ing)?\\s+out\\s+(?:why|how|what|whether|which|where|when)|learn\\s+(?:why|how|what)',
  },
  {
    id: 'understand / diagnose',
    class: 'investigation',
    kind: 'action',
    weight: 3,
    phrase:
      'understand(?:s|ing)?|diagnos(?:e|es|ed|is|ing)|determin(?:e|es|ed|ing)|establish\\s+(?:why|how|what|whether)|explain\\s+(?:why|how)',
  },
  {
    id: 'root cause',
    class: 'investigation',
    kind: 'action',
    weight: 3,
    phrase: 'root[\\s-]?caus\\w*',
  },
  {
    id: 'analyse',
    class: 'investigation',
    kind: 'action',
    weight: 3,
    phrase: 'analy[sz](?:e|es|ed|ing|is)',
  },
  {
    id: 'reproduce',
    class: 'investigation',
    kind: 'action',
    weight: 3,
    phrase: 'reproduc\\w*|repro(?:s|ed)?',
  },
  {
    id: 'identify / measure',
    class: 'investigation',
    kind: 'action',
    weight: 2,
    phrase:
      'identif\\w*|pinpoint\\w*|narrow\\s+down|bisect\\w*|correlat\\w*|measur(?:e|es|ed|ing)|quantif\\w*|characteri[sz]\\w*|benchmark\\w*|profil(?:e|es|ed|ing)',
  },
  {
    id: 'dig into',
    class: 'investigation',
    kind: 'action',
    weight: 2,
    phrase:
      'dig(?:s|ging)?\\s+into|look(?:s|ed|ing)?\\s+(?:into|at)|deep[\\s-]?div\\w*|research\\w*|explor(?:e|es|ed|ing)|study|studies|audit\\w*|evaluat\\w*|assess\\w*|(?:review|check|verify|confirm)\\s+(?:why|how|what|whether|if)',
  },
  {
    id: 'gather evidence',
    class: 'investigation',
    kind: 'action',
    weight: 2,
    verb: 'get|take|grab|collect(?:s|ed|ing)?|captur(?:e|es|ed|ing)|gather(?:s|ed|ing)?|pull(?:s|ed|ing)?|record(?:s|ed|ing)?',
    object:
      'packet\\s+captures?|pcaps?|tcpdumps?|(?:heap|core|thread)\\s+dumps?|flame\\s*graphs?|profiles?|traces|evidence|samples|logs\\s+(?:from|of)',
    maxGap: 3,
  },
  {
    id: 'to see who / what',
    class: 'investigation',
    kind: 'cue',
    weight: 2,
    phrase:
      'to\\s+(?:see|learn|check|know)\\s+(?:who|what|why|where|how|whether|if|which)',
  },
  {
    id: 'why',
    class: 'investigation',
    kind: 'cue',
    weight: 2,
    phrase: 'why|whether|what\\s+caused|how\\s+come|what\\s+happened',
  },
  {
    id: 'spike:',
    class: 'investigation',
    kind: 'cue',
    weight: 2,
    phrase: 'spike',
    atStart: true,
  },

  // ---------------------------------------------------------------- prevention
  {
    id: 'add alert / test / limit',
    class: 'prevention',
    kind: 'action',
    weight: 3,
    verb: SAFEGUARD_VERBS,
    object: SAFEGUARDS,
  },
  {
    id: 'alert on',
    class: 'prevention',
    kind: 'action',
    weight: 3,
    phrase: '(?:alert|alarm|page)(?:s|ing)?\\s+(?:on|when|if|for|before|at)',
  },
  {
    id: 'fix',
    class: 'prevention',
    kind: 'action',
    weight: 2,
    phrase:
      'fix(?:es|ed|ing)?|patch(?:es|ed|ing)?|correct(?:s|ed|ing)?|repair(?:s|ed|ing)?|resolv(?:e|es|ed|ing)|address(?:es|ed|ing)?|handl(?:e|es|ed|ing)',
  },
  {
    id: 'automate',
    class: 'prevention',
    kind: 'action',
    weight: 3,
    phrase: 'automat\\w*',
  },
  {
    id: 'enforce / validate',
    class: 'prevention',
    kind: 'action',
    weight: 3,
    phrase:
      'enforc(?:e|es|ed|ing)|prevent(?:s|ed|ing)?|forbid\\w*|disallow\\w*|reject(?:s|ed|ing)?|guard(?:s|ed|ing)?\\s+against|validat\\w*|sanitiz\\w*|de-?duplicat\\w*',
  },
  {
    id: 'block bad changes',
    class: 'prevention',
    kind: 'action',
    weight: 3,
    verb: 'block(?:s|ed|ing)?|gat(?:e|es|ed|ing)|halt(?:s|ed|ing)?|stop(?:s|ped|ping)?|fail(?:s|ed|ing)?|abort(?:s|ed|ing)?',
    object:
      'deploys?|deployments?|merges?|releases?|rollouts?|pushes|builds?|pipelines?|changes|prs?|pull\\s+requests?',
    maxGap: 3,
  },
  {
    id: 'make it safe',
    class: 'prevention',
    kind: 'action',
    weight: 3,
    verb: 'mak(?:e|es|ing)|render',
    object:
      'configurable|idempotent|resilient|robust|safe|safer|atomic|bounded|fail(?:s|ing)?|fail[\\s-]?(?:fast|safe|closed|open)|tolerant|retryable|retriable|reversible|block|reject|refuse|abort|alert|page|degrade\\w*|redundant|stateless|observable|visible|paginated|async|asynchronous|backward[\\s-]compatible',
  },
  {
    id: 'ensure',
    class: 'prevention',
    kind: 'action',
    weight: 2,
    phrase: 'ensur(?:e|es|ed|ing)|make\\s+sure|guarantee(?:s|d)?',
  },
  {
    id: 'single point of failure',
    class: 'prevention',
    kind: 'action',
    weight: 3,
    phrase: 'single\\s+points?\\s+of\\s+failure|spofs?',
  },
  {
    id: 'safeguard words',
    class: 'prevention',
    kind: 'cue',
    weight: 2,
    phrase:
      'canar(?:y|ies)|circuit[\\s-]?breakers?|backoff|jitter|rate[\\s-]?limit\\w*|quotas?|redundan\\w*|chaos|load[\\s-]?tests?|lint(?:er|ers|ing)?|(?:regression|integration|unit|e2e|end-to-end|contract)\\s+tests?|idempoten\\w*|guardrails?|safeguards?|kill[\\s-]?switch\\w*',
  },
  {
    id: 'observability words',
    class: 'prevention',
    kind: 'cue',
    weight: 1,
    phrase: 'alert(?:s|ing)?|monitoring|dashboards?|observability|slos?',
  },

  // ------------------------------------------------------------------- process
  {
    id: 'update runbook / docs',
    class: 'process',
    kind: 'action',
    weight: 3,
    verb: PROCESS_VERBS,
    object: PROCESS_OBJECTS,
    maxGap: 6,
  },
  {
    id: 'document',
    class: 'process',
    kind: 'action',
    weight: 3,
    phrase: 'document(?:s|ed|ing)?',
  },
  {
    id: 'train',
    class: 'process',
    kind: 'action',
    weight: 3,
    phrase:
      'train(?:s|ed|ing)?|teach(?:es|ing)?|educat\\w*|mentor\\w*|coach(?:es|ed|ing)?|shadow(?:s|ed|ing)?|onboard(?:s|ed|ing)?|upskill\\w*',
  },
  {
    id: 'hold a review / drill',
    class: 'process',
    kind: 'action',
    weight: 3,
    verb: 'schedul(?:e|es|ed|ing)|hold(?:s|ing)?|held|run(?:s|ning)?|organi[sz](?:e|es|ed|ing)|plan(?:s|ned|ning)?|book(?:s|ed|ing)?|set\\s+up|host(?:s|ed|ing)?|conduct(?:s|ed|ing)?|facilitat\\w*',
    object: MEETINGS,
  },
  {
    id: 'assign ownership',
    class: 'process',
    kind: 'action',
    weight: 3,
    verb: 'clarif\\w*|assign(?:s|ed|ing)?|defin(?:e|es|ed|ing)|agree(?:s|d|ing)?|decid(?:e|es|ed|ing)|nominat\\w*|appoint\\w*|designat\\w*|find|identif\\w*',
    object:
      'owners?|ownership|dris?|roles?|responsibilit(?:y|ies)|raci|on-?call|escalation\\s+paths?|points?\\s+of\\s+contact|pocs?',
  },
  {
    id: 'require approval',
    class: 'process',
    kind: 'action',
    weight: 2,
    phrase:
      'requir(?:e|es|ed|ing)|mandat(?:e|es|ed|ing)|must\\s+be\\s+approved',
  },
  {
    id: 'review',
    class: 'process',
    kind: 'action',
    weight: 2,
    phrase: 'review(?:s|ed|ing)?',
  },
  {
    id: 'process words',
    class: 'process',
    kind: 'cue',
    weight: 2,
    phrase:
      'runbooks?|playbooks?|wiki|documentation|docs|checklists?|polic(?:y|ies)|procedures?|post-?mortems?|game\\s*days?|drills?|tabletops?|retros?|retrospectives?|rotations?|escalations?|on-?boarding|training|change[\\s-]management|(?:change|deploy|code|release)\\s+freezes?|freeze|approvals?|approvers?|reviewers?|sign[\\s-]?offs?|two-person\\s+rules?|four-eyes|handbooks?|hand-?offs?|process(?:es)?|comms|communication\\s+plans?|templates?',
  },

  // --------------------------------------------------------------------- other
  {
    id: 'placeholder',
    class: 'other',
    kind: 'action',
    weight: 3,
    phrase:
      'n\\/?a|none|nil|tbd|tba|tbc|todo|nothing|no\\s+(?:further\\s+)?actions?(?:\\s+items?)?(?:\\s+(?:needed|required))?',
    atStart: true,
  },
  {
    id: 'credits / refunds',
    class: 'other',
    kind: 'cue',
    weight: 3,
    phrase:
      'credits?|refunds?|apolog\\w*|compensat\\w*|goodwill|reimburs\\w*|invoic\\w*',
  },
  {
    id: 'thanks',
    class: 'other',
    kind: 'action',
    weight: 3,
    phrase:
      'thank\\w*|kudos|celebrat\\w*|shout-?outs?|lunch|dinner|pizza|beers?|cake|congratulat\\w*',
  },
  {
    id: 'communicate',
    class: 'other',
    kind: 'action',
    weight: 3,
    verb: 'publish(?:es|ed|ing)?|shar(?:e|es|ed|ing)|send(?:s|ing)?|sent|email(?:s|ed|ing)?|post(?:s|ed|ing)?|announc(?:e|es|ed|ing)|circulat\\w*|present(?:s|ed|ing)?|notif(?:y|ies|ied|ying)|inform(?:s|ed|ing)?|tell|forward(?:s|ed|ing)?|communicat\\w*|ask(?:s|ed|ing)?',
    object: AUDIENCES,
    maxGap: 4,
  },
  {
    id: 'follow up with',
    class: 'other',
    kind: 'action',
    weight: 2,
    phrase:
      'follow(?:s|ed|ing)?[\\s-]?up\\s+with|repl(?:y|ies|ied|ying)\\s+to|respond(?:s|ed|ing)?\\s+to|sync\\s+with|reach\\s+out\\s+to|talk\\s+to|contact(?:s|ed|ing)?|chas(?:e|es|ed|ing)|ping',
  },
  {
    id: 'vendor / contract',
    class: 'other',
    kind: 'cue',
    weight: 2,
    phrase:
      're-?negotiat\\w*|negotiat\\w*|contracts?|vendors?|procurement|licen[cs]\\w*|budget\\w*|purchas\\w*|buy|bought',
  },
  {
    id: 'close ticket',
    class: 'other',
    kind: 'action',
    weight: 3,
    verb: 'clos(?:e|es|ed|ing)|archiv(?:e|es|ed|ing)|mark(?:s|ed|ing)?',
    object: 'tickets?|incidents?|issues?|jiras?|cases?',
    maxGap: 3,
  },
];

// ------------------------------------------------------------- negation & context
/** Negations: discard a hit of any class when among the four words before it. */
const NEGATION =
  /\b(?:not|no|never|don'?t|do\s+not|doesn'?t|didn'?t|won'?t|cannot|can'?t|instead\s+of|rather\s+than|without|other\s+than|beyond|besides|apart\s+from|except|nor|no\s+longer|no\s+more)\b/;
/** Context: the hit is mentioned, not done. Not applied to investigation rules. */
const CONTEXT =
  /\b(?:why|whether|if|when|after|since|before|until|how|once|caused\s+by|due\s+to|because|during|following)\b/;
/** A judgement right after the hit: "roll back is not enough", "the revert alone". */
const JUDGED_AFTER =
  /^\W{0,3}(?:\S+\s+){0,2}?(?:(?:is|was|are|were|isn'?t|wasn'?t)\s+)?(?:not\s+|n'?t\s+)?(?:enough|sufficient|insufficient|alone|only\s+hides|won'?t\s+fix|doesn'?t\s+fix|didn'?t\s+(?:help|work|fix)|did\s+not\s+(?:help|work|fix)|took)\b/;
/** The hit modifies a noun: "rollback procedure", "failover steps". */
const MODIFIES_NOUN =
  /^[\s-]+(?:procedures?|plans?|playbooks?|runbooks?|scripts?|buttons?|tool(?:s|ing)?|mechanisms?|paths?|steps?|automation|capabilit(?:y|ies)|process(?:es)?|strateg(?:y|ies)|windows?|speed|drills?|commands?|safety|support|docs?|documentation|instructions|guides?|polic(?:y|ies)|criteria|decisions?|testing|exercises?|tests?|latency)\b/;
/** Modified by a word that makes it a capability, not an action: "automated failover". */
const MODIFIED_BY =
  /\b(?:automatic|automated|auto|one-click|faster|quicker|safer|easier|reliable|tested|progressive|partial|self-service)[\s-]*$/;
/** Words that may precede the leading verb without taking the lead from it. */
const LEAD_FILLER =
  /^(?:(?:please|pls|also|then|and|first|we|i|you|team|should|must|need|needs|to|will|shall|let'?s|lets|can|could|would|just|immediately|asap|quickly|eventually|later|permanently|properly|finally|again|so|ideally|actually|maybe)\s+)*$/;
/** Clause boundaries: sentence punctuation followed by a space, dashes, and/then/but/or. */
const CLAUSE_BOUNDARY =
  /[.;:!?,](?=\s|$)|[()[\]]|\s[-–—>]+\s|\b(?:and|then|but|or|also|so\s+that)\b/g;
const LEAD_MULTIPLIER = 2;
/** A non-rollback action scoring at least this outvotes a rollback. */
const INTENT_THRESHOLD = 3;

// ----------------------------------------------------------------- normalisation
/** Prefixes stripped from the start of an item (before lower-casing: ticket keys are upper case). */
const PREFIXES: ReadonlyArray<RegExp> = [
  /^\s*[-*•·>]+\s*/,
  /^\s*\d{1,2}[.)]\s+/,
  /^\s*\[[ xX]?\]\s*/,
  /^\s*[[(]?[A-Z][A-Z0-9]*-\d+[\])]?\s*(?:[:–—-]\s*)?/,
  /^\s*#\d+\s*(?:[:–—-]\s*)?/,
  /^\s*(?:ai|ar|todo|action(?:\s+item)?|p[0-4]|sev-?[0-4])\s*[:–—)-]\s*/i,
  /^\s*\((?:owner|p[0-4]|sev)[^)]*\)\s*/i,
  /^\s*owner\s*:\s*@?[\w.-]+\s*[,;:–—-]?\s*/i,
  /^\s*(?:create|file|open|raise)\s+(?:a\s+|an\s+)?(?:ticket|jira|bug|issue|task|story|epic)\s+(?:to|for)\s+/i,
];
const ABBREVIATIONS: ReadonlyArray<[RegExp, string]> = [
  [/\brb(?:'?d|ed)\b/g, 'rolled back'],
  [/\brb\b/g, 'roll back'],
  [/\brca\b/g, 'root cause analysis'],
  [/\bpir\b/g, 'post-incident review'],
  [/\bw\/o\b/g, 'without'],
  [/\bw\//g, 'with '],
  [/\bb\/c\b/g, 'because'],
  [/\s&\s|\s\+\s/g, ' and '],
];

/**
 * The text the rules see: lower case, prefixes stripped, abbreviations expanded.
 * @public
 */
export function normalizeActionItem(text: string): string {
  let s = text
    .replace(/[‘’`]/g, "'")
    .replace(/[“”"]/g, ' ')
    .replace(/(^|\s)'|'(?=\s|$)/g, '$1 ')
    .replace(/(^|\s)@[\w.-]+/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  for (let changed = true; changed; ) {
    changed = false;
    for (const prefix of PREFIXES) {
      const next = s.replace(prefix, '');
      if (next !== s) {
        s = next;
        changed = true;
      }
    }
  }
  s = s.toLowerCase();
  for (const [pattern, replacement] of ABBREVIATIONS) {
    s = s.replace(pattern, replacement);
  }
  return s.replace(/\s+/g, ' ').trim();
}

// ------------------------------------------------------------------- matching
interface CompiledRule {
  rule: ActionItemRule;
  regex: RegExp;
  verbObject: boolean;
}

const GAP_WORD = '[^\\s;:!?,]*[^\\s;:!?,.]';

function compile(rule: ActionItemRule): CompiledRule {
  const start = rule.atStart ? '^' : '\\b';
  if (rule.verb && rule.object) {
    const gap = `((?:\\s+${GAP_WORD}){0,${rule.maxGap ?? 5}}?)`;
    return {
      rule,
      regex: new RegExp(
        `${start}(?:${rule.verb})\\b${gap}\\s+[(["']?(?:${rule.object})\\b`,
        'g',
      ),
      verbObject: true,
    };
  }
  return {
    rule,
    regex: new RegExp(`${start}(?:${rule.phrase})\\b`, 'g'),
    verbObject: false,
  };
}

const COMPILED: ReadonlyArray<CompiledRule> = ACTION_ITEM_RULES.map(compile);

/** Why a hit did or did not count. @public */
export type ActionItemHitStatus =
  | 'counted'
  | 'negated'
  | 'context'
  | 'judged'
  | 'modifier'
  | 'overlapped';

/** One rule matching one place of an item. @public */
export interface ActionItemHit {
  ruleId: string;
  class: ActionItemClass;
  kind: ActionItemRule['kind'];
  /** The matched words of the normalised text. */
  text: string;
  index: number;
  /** Weight after the verb-object distance penalty, before the lead bonus. */
  weight: number;
  /** Leads the item or a clause (counts double). */
  lead: boolean;
  status: ActionItemHitStatus;
}

/** @public */
export interface ActionItemClassification {
  class: ActionItemClass;
  /** 0..1: the winner's share of all evidence, damped when the evidence is thin. */
  confidence: number;
  /** The matched words that voted for the class, in text order. */
  matched: string[];
}

/** @public */
export interface ActionItemExplanation extends ActionItemClassification {
  normalized: string;
  scores: Record<ActionItemClass, number>;
  hits: ActionItemHit[];
  decidedBy: 'highest-score' | 'non-rollback-intent' | 'no-rule';
}

function clauseStart(text: string, index: number): number {
  let start = 0;
  for (const m of text.matchAll(CLAUSE_BOUNDARY)) {
    const end = (m.index ?? 0) + m[0].length;
    if (end > index) break;
    start = end;
  }
  return start;
}

function lastWords(s: string, n: number): string {
  return s.trim().split(/\s+/).slice(-n).join(' ');
}

function statusOf(
  text: string,
  rule: ActionItemRule,
  index: number,
  end: number,
  clause: string,
  verbObject: boolean,
): ActionItemHitStatus {
  const before = lastWords(clause, 4);
  if (NEGATION.test(before)) return 'negated';
  if (rule.class !== 'investigation' && CONTEXT.test(before)) return 'context';
  const after = text.slice(end);
  if (JUDGED_AFTER.test(after)) return 'judged';
  // Only a verb can be used as a modifier ("rollback procedure"); a verb-object hit
  // already names its object ("update onboarding docs"), and a cue is a noun anyway.
  const modifier =
    (!verbObject && rule.kind === 'action' && MODIFIES_NOUN.test(after)) ||
    MODIFIED_BY.test(text.slice(0, index));
  if (modifier) return 'modifier';
  return 'counted';
}

function findHits(text: string): ActionItemHit[] {
  const hits: ActionItemHit[] = [];
  for (const { rule, regex, verbObject } of COMPILED) {
    for (const m of text.matchAll(regex)) {
      const index = m.index ?? 0;
      const end = index + m[0].length;
      let weight = rule.weight;
      if (verbObject) {
        const gapWords = (m[1] ?? '').trim().split(/\s+/).filter(Boolean);
        if (gapWords.length > 2) weight = Math.max(1, weight - 1);
      }
      const clause = text.slice(clauseStart(text, index), index);
      hits.push({
        ruleId: rule.id,
        class: rule.class,
        kind: rule.kind,
        text: m[0],
        index,
        weight,
        lead: LEAD_FILLER.test(clause.trim() ? `${clause.trim()} ` : ''),
        status: statusOf(text, rule, index, end, clause, verbObject),
      });
    }
  }
  // One phrase, one meaning: where counted hits overlap, the stronger (then longer, then
  // earlier) one keeps the words.
  const counted = hits
    .filter(h => h.status === 'counted')
    .sort(
      (a, b) =>
        b.weight - a.weight ||
        b.text.length - a.text.length ||
        a.index - b.index,
    );
  const kept: ActionItemHit[] = [];
  for (const h of counted) {
    const overlaps = kept.some(
      k =>
        h.index < k.index + k.text.length && k.index < h.index + h.text.length,
    );
    if (overlaps) h.status = 'overlapped';
    else kept.push(h);
  }
  return hits.sort((a, b) => a.index - b.index || b.weight - a.weight);
}

function emptyScores(): Record<ActionItemClass, number> {
  return {
    rollback: 0,
    mitigation: 0,
    investigation: 0,
    prevention: 0,
    process: 0,
    other: 0,
  };
}

function score(
  hits: ReadonlyArray<ActionItemHit>,
  onlyActions: boolean,
): Record<ActionItemClass, number> {
  const bestPerRule = new Map<string, ActionItemHit & { points: number }>();
  for (const h of hits) {
    if (h.status !== 'counted' || (onlyActions && h.kind !== 'action'))
      continue;
    const points = h.lead ? h.weight * LEAD_MULTIPLIER : h.weight;
    const prev = bestPerRule.get(h.ruleId);
    if (!prev || points > prev.points)
      bestPerRule.set(h.ruleId, { ...h, points });
  }
  const scores = emptyScores();
  for (const h of bestPerRule.values()) scores[h.class] += h.points;
  return scores;
}

function pickBest(
  candidates: ReadonlyArray<ActionItemClass>,
  scores: Record<ActionItemClass, number>,
  firstIndex: Map<ActionItemClass, number>,
): ActionItemClass {
  return [...candidates].sort(
    (a, b) =>
      scores[b] - scores[a] ||
      (firstIndex.get(a) ?? Infinity) - (firstIndex.get(b) ?? Infinity) ||
      ACTION_ITEM_CLASSES.indexOf(a) - ACTION_ITEM_CLASSES.indexOf(b),
  )[0];
}

/**
 * Classifies an action item and says why: the normalised text, every rule hit (counted or
 * not, and why not), the per-class scores and the deciding rule.
 * @public
 */
export function explainActionItem(text: string): ActionItemExplanation {
  const normalized = normalizeActionItem(text);
  const hits = findHits(normalized);
  const scores = score(hits, false);
  const actionScores = score(hits, true);
  const scored = ACTION_ITEM_CLASSES.filter(c => scores[c] > 0);
  if (scored.length === 0) {
    return {
      class: 'other',
      confidence: 0,
      matched: [],
      normalized,
      scores,
      hits,
      decidedBy: 'no-rule',
    };
  }
  const firstIndex = new Map<ActionItemClass, number>();
  for (const h of hits) {
    if (h.status === 'counted' && !firstIndex.has(h.class)) {
      firstIndex.set(h.class, h.index);
    }
  }
  let winner = pickBest(scored, scores, firstIndex);
  let decidedBy: ActionItemExplanation['decidedBy'] = 'highest-score';
  if (winner === 'rollback') {
    const intents = scored.filter(
      c => c !== 'rollback' && actionScores[c] >= INTENT_THRESHOLD,
    );
    if (intents.length > 0) {
      winner = pickBest(intents, scores, firstIndex);
      decidedBy = 'non-rollback-intent';
    }
  }
  const total = scored.reduce((sum, c) => sum + scores[c], 0);
  const s = scores[winner];
  const confidence = Math.round((s / total) * (s / (s + 2)) * 100) / 100;
  const matched = [
    ...new Set(
      hits
        .filter(h => h.status === 'counted' && h.class === winner)
        .map(h => h.text),
    ),
  ];
  return {
    class: winner,
    confidence,
    matched,
    normalized,
    scores,
    hits,
    decidedBy,
  };
}

/**
 * Classifies one postmortem action item with the rule table.
 * @public
 */
export function classifyActionItem(text: string): ActionItemClassification {
  const { class: cls, confidence, matched } = explainActionItem(text);
  return { class: cls, confidence, matched };
}

// ------------------------------------------------------------------ postmortems
/** An action item, optionally with the class an SRE corrected it to. @public */
export interface ActionItemInput {
  text: string;
  /** Set by an SRE; wins over the rules. */
  correctedClass?: ActionItemClass | null;
}

/** @public */
export interface ClassifiedActionItem extends ActionItemClassification {
  text: string;
  /** `correction`: an SRE set the class; `rules`: the rule table did. */
  source: 'rules' | 'correction';
  /** What the rules said, also when a correction overrides it. */
  ruleClass: ActionItemClass;
}

/** @public */
export interface PostmortemClassification {
  /** One entry per action item, in input order. */
  classes: ClassifiedActionItem[];
  /** Items per class (blank items not counted). */
  counts: Record<ActionItemClass, number>;
  /**
   * The `rollback-only-postmortems` signal: at least one (non-blank) item, and every
   * (non-blank) item is a rollback.
   */
  rollbackOnly: boolean;
}

/**
 * Classifies every action item of a postmortem; SRE corrections win over the rules.
 * Blank items are listed but ignored for `counts` and `rollbackOnly`.
 * @public
 */
export function classifyPostmortem(
  items: ReadonlyArray<ActionItemInput>,
): PostmortemClassification {
  const classes = items.map((item): ClassifiedActionItem => {
    const byRules = classifyActionItem(item.text);
    if (isActionItemClass(item.correctedClass)) {
      return {
        text: item.text,
        class: item.correctedClass,
        confidence: 1,
        matched: [],
        source: 'correction',
        ruleClass: byRules.class,
      };
    }
    return {
      ...byRules,
      text: item.text,
      source: 'rules',
      ruleClass: byRules.class,
    };
  });
  const considered = classes.filter(
    c => c.source === 'correction' || c.text.trim() !== '',
  );
  const counts = emptyScores();
  for (const c of considered) counts[c.class] += 1;
  return {
    classes,
    counts,
    rollbackOnly:
      considered.length > 0 && considered.every(c => c.class === 'rollback'),
  };
}
