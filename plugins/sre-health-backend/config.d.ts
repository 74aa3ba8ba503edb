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
     * Seed the demo organisation's engagement data on first start. Idempotent; keep it
     * off outside the demo portal.
     */
    demoData?: boolean;
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
    /** Pushed SLO events may arrive this late (out of order) before they are refused; default 60. */
    ingestion?: { lateToleranceMinutes?: number };
    /** Folders whose files may be read through `file:` URLs (LocalFileUrlReader). */
    localFiles?: { allow?: string[] };
  };
}
