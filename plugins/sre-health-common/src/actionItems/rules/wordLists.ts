/** Alternations shared by several rules (lower-case regular-expression sources). */

export const PREVIOUS =
  "previous|prior|old|older|original|earlier|last[\\s-]known[\\s-]good|known[\\s-]good|last[\\s-]good|pre-incident|pre-change|pre-release|yesterday's|last\\s+week's";
export const FLAG = '(?:feature[\\s-]?)?(?:flags?|toggles?)';
export const CAPACITY_OBJECTS =
  'capacity|replicas?|nodes?|servers?|instances?|hosts?|machines?|vms?|memory|ram|heap|cpus?|cores?|disk(?:\\s+space)?|storage|brokers?|shards?|partitions?|workers?|pods?|headroom|iops|throughput|connections?|pool(?:\\s+size)?|threads?|containers?|tasks?';
export const SAFEGUARDS =
  'caps?|alerts?|alerting|alarms?|paging|monitors?|monitoring|dashboards?|tests?|testing|coverage|checks?|probes?|health[\\s-]?checks?|validations?|validators?|limits?|limiters?|quotas?|guards?|guardrails?|canar(?:y|ies)|circuit[\\s-]?breakers?|timeouts?|deadlines?|retr(?:y|ies)|backoff|rate[\\s-]?limit\\w*|lint\\w*|assertions?|slos?|slis?|error\\s+budgets?|metrics?|tracing|traces|logging|log\\s+lines?|safeguards?|kill[\\s-]?switch\\w*|feature[\\s-]?flags?|protections?|throttl\\w*|pre-?checks?|pre-?flight|dry[\\s-]?runs?|staged\\s+rollouts?|load[\\s-]?shedding|bulkheads?|fallbacks?|redundan\\w*|idempoten\\w*|synthetics?|chaos|fuzz\\w*|constraints?|thresholds?|backups?|autoscal\\w*|hpa|pdbs?|pod\\s?disruption\\s?budgets?|anti-?affinity|readiness|liveness|admission\\s+\\w+|schema\\s+checks?';
export const SAFEGUARD_VERBS =
  'add(?:s|ed|ing)?|creat(?:e|es|ed|ing)|set(?:ting)?\\s+up|setup|configur\\w*|implement\\w*|introduc\\w*|writ(?:e|es|ing)|wrote|build(?:s|ing)?|built|put\\s+in\\s+place|wir(?:e|ing)\\s+up|instrument\\w*|enabl(?:e|es|ed|ing)|install\\w*|adopt\\w*|extend\\w*|improv\\w*|tighten\\w*|harden\\w*|lower\\w*|reduc(?:e|es|ed|ing)|cap|put|set(?:s|ting)?';
export const PROCESS_OBJECTS =
  'runbooks?|run-books?|playbooks?|docs?|documentation|wiki(?:\\s+pages?)?|readmes?|procedures?|process(?:es)?|checklists?|training|onboarding|polic(?:y|ies)|templates?|guidelines?|guides?|sops?|escalation(?:\\s+(?:polic(?:y|ies)|paths?))?|rotations?|on-?call|handbooks?|hand-?offs?|handovers?|comms\\s+plans?|communication\\s+plans?|change[\\s-]management|approvals?|sign-?offs?|ownership|raci|drills?|game\\s*days?|tabletops?|exercises?';
export const PROCESS_VERBS =
  'updat(?:e|es|ed|ing)|writ(?:e|es|ing)(?:\\s+(?:down|up))?|wrote|document(?:s|ed|ing)?|creat(?:e|es|ed|ing)|add(?:s|ed|ing)?|review(?:s|ed|ing)?|improv\\w*|revis\\w*|fix(?:es|ed|ing)?|clarif\\w*|amend\\w*|extend\\w*|expand\\w*|rewrit\\w*|draft\\w*|refresh\\w*|chang(?:e|es|ed|ing)|formali[sz]\\w*|establish\\w*|introduc\\w*|defin(?:e|es|ed|ing)|adopt\\w*|put\\s+together|link\\w*';
export const MEETINGS =
  'game\\s*days?|drills?|reviews?|retros?|retrospectives?|meetings?|sessions?|tabletops?|exercises?|workshops?|trainings?|post-?mortems?|dirt|syncs?|walkthroughs?|war\\s+games?|brown-?bags?';
export const AUDIENCES =
  'reports?|timelines?|updates?|summar(?:y|ies)|post-?mortems?|notices?|statements?|apolog(?:y|ies)|emails?|customers?|clients?|partners?|users|stakeholders?|leadership|execs?|executives|account\\s+managers?|support\\s+team|sales|legal|finance|press|board|merchants?|regulators?|authorit(?:y|ies)';
