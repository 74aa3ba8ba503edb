import { EngagementPhase, PHASES, phaseIndex } from '../phases';
import { checklistItem } from './checklist';

/** Why a phase change is refused: the field to fix and whether it is a conflict. @public */
export interface TransitionProblem {
  /** 400 for a request to fix, 409 when the engagement's state forbids it. */
  status: 400 | 409;
  field: 'to' | 'reason';
  message: string;
}

const title = (phase: EngagementPhase) =>
  PHASES.find(p => p.phase === phase)?.title ?? phase;

/**
 * The rules of moving an engagement between phases through the engagement record:
 * - a closed engagement is frozen (closing twice is a conflict);
 * - moving back is allowed, with a reason;
 * - moving on while checklist items of the phases left behind are unticked needs a reason.
 * @public
 */
export function engagementTransitionProblem(options: {
  from: EngagementPhase;
  to: EngagementPhase;
  reason?: string | null;
  /** Unticked checklist items of the phases the move leaves behind. */
  openItems: ReadonlyArray<string>;
  endDate?: string | null;
}): TransitionProblem | undefined {
  const { from, to, openItems } = options;
  const reason = options.reason?.trim();
  if (from === 'closed') {
    return {
      status: 409,
      field: 'to',
      message: `the engagement is already closed${
        options.endDate ? ` (ended ${options.endDate})` : ''
      }; its record and after-action report are frozen`,
    };
  }
  if (from === to) {
    return {
      status: 400,
      field: 'to',
      message: `the engagement is already in ${title(from)}`,
    };
  }
  if (phaseIndex(to) < phaseIndex(from) && !reason) {
    return {
      status: 400,
      field: 'reason',
      message: `moving back from ${title(from)} to ${title(
        to,
      )} needs a reason, which is kept`,
    };
  }
  if (openItems.length > 0 && !reason) {
    const names = openItems.map(k => checklistItem(k)?.title ?? k);
    return {
      status: 400,
      field: 'reason',
      message: `${openItems.length} checklist ${
        openItems.length === 1 ? 'item is' : 'items are'
      } not ticked (${names.join('; ')}); moving on to ${title(
        to,
      )} needs a reason, which is kept`,
    };
  }
  return undefined;
}
