export interface Config {
  /** Configuration of the SRE Health plugins. */
  sreHealth?: {
    /**
     * Groups whose members are SREs: they may annotate entities and run engagements
     * (enforced by the portal's permission policy), and only they can be embedded.
     * Entity refs, e.g. `group:default/sre`.
     */
    sreGroups?: string[];
    /**
     * Prometheus servers that OpenSLO files name as `metricSourceRef`. Only these are
     * queried: a catalog file can never point the backend at another URL.
     */
    dataSources?: Array<{
      name: string;
      type: 'prometheus';
      url: string;
      /** @visibility secret */
      bearerToken?: string;
      /** @visibility secret */
      headers?: { [name: string]: string };
      /** Per-request timeout; default 5000. */
      timeoutMs?: number;
    }>;
    /** The entity tab's read (`GET /entities/:kind/:namespace/:name/health`). */
    tab?: {
      /**
       * Seconds an entity's answer is reused while no write through SRE Health changed the
       * entity or its team (writes show at once, on every replica). What is not written
       * through the API (SLO status over time, Prometheus, knowledge analyses, on-call
       * shifts) may lag this much. 0 computes every read. Default 10.
       */
      cacheSeconds?: number;
    };
    /** Pushed SLO events may arrive this late (out of order) before they are refused; default 60. */
    ingestion?: { lateToleranceMinutes?: number };
    /** Stressor detection: how often it runs, and the thresholds of the detectors. */
    detection?: {
      /** Minutes between scheduled runs (one replica at a time); default 60. */
      intervalMinutes?: number;
      /**
       * Operational overload is the ops share over this many weeks (ending with the latest
       * sampled week) above the 50% cap, with at least half of them sampled; default 4.
       */
      overloadWeeks?: number;
      /** Tiers that make a component serving-critical; default [critical]. */
      servingCriticalTiers?: string[];
      /** Lifecycles that also make a component serving-critical; default []. */
      servingCriticalLifecycles?: string[];
      /** SRE-owned service: flagged at this many dependents (default 2)... */
      sreServiceDependents?: number;
      /** ...or when dependents grew by this much since the last snapshot (default 1). */
      sreServiceGrowth?: number;
      /** Deferred problems without a due date: flagged after this many days (default 90). */
      deferredMaxAgeDays?: number;
      /** Alerts firing at least this often in the window without diagnosis (default 10 in 30 days). */
      alertFiringsMin?: number;
      alertWindowDays?: number;
      /** Complaints in this window count (default 90 days). */
      complaintWindowDays?: number;
      /** Capacity plans older than this are flagged (default 180 days). */
      capacityPlanMaxAgeDays?: number;
      /** Capacity strategies that amount to "add servers" (default add-servers-on-demand, add-servers). */
      naiveCapacityStrategies?: string[];
    };
    /** A team's computed ops time (fires, pages, interrupts) against its capacity. */
    opsLoad?: {
      /**
       * Work hours each member of a team's Group gives a week: capacity = members × this;
       * default 40.
       */
      hoursPerPersonWeek?: number;
      /** Per-team overrides, e.g. a team on a 32-hour week. */
      teams?: Array<{
        /** The team's Group ref, e.g. `group:default/payments-team`. */
        teamRef: string;
        hoursPerPersonWeek: number;
      }>;
    };
    /** Alertmanager to read alert firings from (GET /api/v2/alerts) before each detection run. */
    alertmanager?: {
      url: string;
      /** The alert label naming the catalog component; default `service`. */
      entityLabel?: string;
      /** Catalog namespace of those components; default `default`. */
      namespace?: string;
      timeoutMs?: number;
    };
    /** Org-wide scorecard: catalog sync and daily snapshots. */
    scorecard?: {
      /** Minutes between catalog syncs (one replica at a time); default 15. */
      intervalMinutes?: number;
      /** Days of daily snapshots kept for trends; default 400. */
      retentionDays?: number;
    };
    /** Knowledge-silo analysis: which local git clones to read for each component. */
    knowledge?: {
      /**
       * Components and the local path (relative to the backend's working directory) of their
       * clone, with extra exclusion patterns for that repository (same syntax as below).
       */
      repositories?: Array<{
        entityRef: string;
        path: string;
        excludePatterns?: string[];
      }>;
      /** Folders a `dir:`/`file:` source-location annotation may point into. */
      localRoots?: string[];
      /**
       * Paths left out of authorship (globs, `!` keeps a file), on top of GitHub Linguist's
       * rules (vendored, documentation, generated, no programming or markup language) and the
       * repositories' `.gitattributes` (`linguist-vendored`, `-linguist-generated`, …).
       */
      excludePatterns?: string[];
      /**
       * Authorship rules of the truck factor: 'paper' (Avelino et al. as published, default)
       * or 'reference-tool' (aserg-ufmg/Truck-Factor's code: a file's creation is not a
       * delivery, its creator needs only the normalised threshold).
       */
      authorshipRules?: 'paper' | 'reference-tool';
      /** Seconds an analysis started from the portal may take before it is marked failed; default 120. */
      onDemandTimeoutSeconds?: number;
    };
    /** SLOs beyond their definitions. */
    slo?: {
      /**
       * The error-budget policy: the steps an SLO enters as its budget runs out. The tab
       * shows the action of the step an SLO is in; when a service enters a step (seen by
       * the scorecard sync), its owning team is notified once. Default: no steps.
       */
      budgetPolicy?: {
        steps?: Array<{
          /** The step applies when the share of budget left is below this fraction (0, 1]. */
          below?: number;
          /** The step applies when the budget is spent (exactly one of below/exhausted). */
          exhausted?: boolean;
          /** The recommended action, e.g. 'freeze feature releases'. */
          action: string;
          /** Stable kebab-case key; default `exhausted` or `below-<percent>`. */
          name?: string;
        }>;
      };
    };
    /**
     * Backstage notifications to the owning team, once per episode (from when the condition
     * starts to when it ends; a new episode notifies again). Each kind can be switched off.
     */
    notifications?: {
      /** A stressor flag of a service at a high stress level (the team's rating, else the proposal). */
      'stressor-high'?: {
        /** Default true. */
        enabled?: boolean;
        /** The level from which a stressor counts, 1-5; default 4 (the verdict's "at risk"). */
        minLevel?: number;
      };
      /** An SLO entering the page state (a page-tier burn-rate alert fires; seen by the scorecard sync). */
      'slo-page'?: {
        /** Default true. */
        enabled?: boolean;
      };
      /** A team crossing the ops cap (operational overload over `detection.overloadWeeks`). */
      'ops-cap'?: {
        /** Default true. */
        enabled?: boolean;
      };
      /** A stressor exemption about to end. */
      'exemption-expiring'?: {
        /** Default true. */
        enabled?: boolean;
        /** Days before the exemption's last day the team is told, 0 (on the last day) to 365; default 3. */
        daysBefore?: number;
      };
    };
    /** Folders whose files may be read through `file:` URLs (LocalFileUrlReader). */
    localFiles?: { allow?: string[] };
    /** Rules of request bodies. */
    validation?: {
      /**
       * Days ahead a future-facing date may lie: a deferred problem's due date, the end of
       * an on-call shift under way. Past-facing facts (occurredAt, receivedAt, weekStart,
       * shift starts, event buckets, engagement start dates) may never be in the future
       * beyond a 5-minute clock skew. Default 1826 (five years).
       */
      maxFutureDays?: number;
    };
  };
}
