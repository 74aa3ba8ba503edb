import type {
  KnowledgeSiloSummary,
  OnCallOperator,
  Operator,
} from '@sre-health/backstage-plugin-sre-health-common';
import { formatDate, personLabel } from '../../../utils/format';

/** People a what-if can take away: catalog authors and operators, once each. */
export function whatIfCandidates(silo: KnowledgeSiloSummary): string[] {
  const people = new Set<string>();
  for (const author of silo.truckFactor?.topAuthors ?? []) {
    if (author.userRef && !author.departed) people.add(author.userRef);
  }
  for (const op of silo.operators) people.add(op.userRef);
  return [...people].sort((a, b) =>
    personLabel(a).localeCompare(personLabel(b)),
  );
}

export const SOURCE_LABELS: Record<Operator['source'], string> = {
  recorded: 'recorded by an SRE',
  annotation: 'catalog-info annotation',
  'on-call': 'on call (last 90 days)',
};

/** The short words of a source, for a table cell; the long ones are its title. */
export const SOURCE_SHORT_LABELS: Record<Operator['source'], string> = {
  recorded: 'SRE record',
  annotation: 'annotation',
  'on-call': 'on call',
};

/**
 * One source of an operator: short words that must not break (and, for on-call, when the
 * last shift ended), and the full sentence.
 */
export interface SourcePart {
  short: string;
  detail?: string;
  full: string;
}

/** Where we know an operator from, each source with its on-call shifts if any. */
export function operatorSources(
  op: Operator,
  onCall: ReadonlyArray<OnCallOperator>,
): SourcePart[] {
  return (op.sources ?? [op.source]).map(source => {
    const shifts =
      source === 'on-call'
        ? onCall.find(o => o.userRef === op.userRef)
        : undefined;
    if (!shifts) {
      return {
        short: SOURCE_SHORT_LABELS[source],
        full: SOURCE_LABELS[source],
      };
    }
    const count = `${shifts.shifts} ${
      shifts.shifts === 1 ? 'shift' : 'shifts'
    }`;
    const last = formatDate(shifts.lastShiftEndedAt);
    return {
      short: `on call ×${shifts.shifts}`,
      detail: `last ${last}`,
      full: `${SOURCE_LABELS[source]}: ${count}, last ended ${last}`,
    };
  });
}
