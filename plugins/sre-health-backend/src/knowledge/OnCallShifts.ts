import {
  ON_CALL_LOOKBACK_DAYS,
  type OnCallShift,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { KnowledgeStore } from './KnowledgeStore';

const DAY_MS = 86_400_000;

/** A shift as a pusher sends it. @internal */
export interface PushedShift {
  userRef: string;
  startsAt: string;
  endsAt: string;
}

/**
 * On-call shifts of components, pushed by people or services (a paging tool's sync). Those
 * of the last `ON_CALL_LOOKBACK_DAYS` make their people operators of the component.
 * @internal
 */
export class OnCallShifts {
  constructor(
    private readonly deps: { store: KnowledgeStore; now: () => Date },
  ) {}

  /** Stores the shifts of one component, idempotently; returns how many it took. */
  async push(
    entityRef: string,
    shifts: ReadonlyArray<PushedShift>,
    source: string,
  ): Promise<number> {
    return this.deps.store.upsertShifts(
      entityRef,
      shifts,
      source,
      this.deps.now(),
    );
  }

  /** The shifts of one component ending at or after `since`, newest first (at most 1000). */
  async list(entityRef: string, since?: Date): Promise<OnCallShift[]> {
    return this.deps.store.listShifts([entityRef], { since, limit: 1000 });
  }

  /** The shifts of components within the look-back window: who counts as on call. */
  async recent(entityRefs: readonly string[]): Promise<OnCallShift[]> {
    return this.deps.store.listShifts(entityRefs, {
      since: this.lookbackStart(),
    });
  }

  private lookbackStart(): Date {
    return new Date(this.deps.now().getTime() - ON_CALL_LOOKBACK_DAYS * DAY_MS);
  }
}
