/**
 * The hostile-input suite's knobs, one place for every property file:
 * `SRE_HEALTH_FUZZ_RUNS` raises the runs per property for a longer hunt, and
 * `SRE_HEALTH_FUZZ_SEED` replays a failure fast-check reported.
 */
export function fuzzRuns(byDefault: number): number {
  return Number(process.env.SRE_HEALTH_FUZZ_RUNS ?? byDefault);
}

/** @see fuzzRuns */
export const FUZZ_SEED: number | undefined = process.env.SRE_HEALTH_FUZZ_SEED
  ? Number(process.env.SRE_HEALTH_FUZZ_SEED)
  : undefined;
