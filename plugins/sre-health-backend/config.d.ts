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
  };
}
