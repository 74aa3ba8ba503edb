import type {
  KnowledgeSiloSummary,
  Operator,
} from '@internal/backstage-plugin-sre-health-common';
import { shortRef } from '../../utils/format';

/** A user ref as a short name; a git identity (`Name <email>`) as it is. */
export function personLabel(person: string): string {
  return person.startsWith('user:') ? shortRef(person) : person;
}

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
