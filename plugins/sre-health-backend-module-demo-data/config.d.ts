export interface Config {
  sreHealth?: {
    /**
     * Seed the demo organisation's data (examples/org.yaml, entities.yaml) on every start.
     * Idempotent. Read only by the demo-data module, which only a demo portal installs;
     * default false.
     */
    demoData?: boolean;
  };
}
