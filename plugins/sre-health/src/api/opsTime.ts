import type {
  CreateInterruptCauseRequest,
  InterruptCause,
  InterruptLedger,
  TeamOpsTime,
} from '@sre-health/backstage-plugin-sre-health-common';
import { SreHealthEntityRef, toRefString } from './refs';
import { collection, SreHealthRequest } from './request';

/** A team's computed ops time and its interrupt ledger. @public */
export interface OpsTimeApi {
  /** The team's weeks: typed and computed shares side by side, with the computed terms. */
  getOpsTime(teamRef: SreHealthEntityRef): Promise<TeamOpsTime>;
  /** The team's pages, fires and interrupts by cause, with the SRE's sorting. */
  getInterruptLedger(teamRef: SreHealthEntityRef): Promise<InterruptLedger>;
  /** Sorts a cause, once per team (409 when it is sorted already: update it). */
  createInterruptCause(
    request: CreateInterruptCauseRequest,
  ): Promise<InterruptCause>;
  updateInterruptCause(
    id: string,
    request: {
      version: number;
      causeClass?: 'toil' | 'overhead';
      kindlingItemId?: string | null;
    },
  ): Promise<InterruptCause>;
}

export function createOpsTimeClient(request: SreHealthRequest): OpsTimeApi {
  const causes = collection<InterruptCause>(request, 'interrupt-causes');
  const team = (teamRef: SreHealthEntityRef) =>
    new URLSearchParams({ teamRef: toRefString(teamRef) });
  return {
    getOpsTime: teamRef => request.json(`/ops-time?${team(teamRef)}`),
    getInterruptLedger: teamRef =>
      request.json(`/interrupt-ledger?${team(teamRef)}`),
    createInterruptCause: causes.create,
    updateInterruptCause: causes.update,
  };
}
