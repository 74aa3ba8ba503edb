import type { OpsLoadSample, OpsLoadSummary } from './types';

/** An SRE team keeps operational work at or below half of its time. @public */
export const OPS_LOAD_CAP = 0.5;

/** Share of a week spent on operational work, or null for an empty week. @public */
export function opsShare(
  sample: Pick<OpsLoadSample, 'opsHours' | 'projectHours'>,
): number | null {
  const total = sample.opsHours + sample.projectHours;
  return total > 0 ? sample.opsHours / total : null;
}

/** Summarises a team's weekly samples; `samples` may come in any order. @public */
export function summarizeOpsLoad(
  teamRef: string,
  samples: ReadonlyArray<OpsLoadSample>,
): OpsLoadSummary {
  const sorted = [...samples].sort((a, b) =>
    a.weekStart.localeCompare(b.weekStart),
  );
  const latest = sorted[sorted.length - 1];
  const latestOpsShare = latest ? opsShare(latest) : null;
  return {
    teamRef,
    latestOpsShare,
    overloaded: latestOpsShare !== null && latestOpsShare > OPS_LOAD_CAP,
    samples: sorted,
  };
}
