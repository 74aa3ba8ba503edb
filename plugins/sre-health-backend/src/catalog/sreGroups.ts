import { InputError } from '@backstage/errors';
import { Entity, RELATION_MEMBER_OF } from '@backstage/catalog-model';

/**
 * The one rule for who may be embedded: a member of a configured SRE group
 * (`sreHealth.sreGroups`, canonical refs). With no groups configured, anyone may.
 * A 400 naming `field` otherwise.
 */
export function assertSreMember(
  user: Entity,
  /** The ref as the caller wrote it, for the message. */
  given: string,
  sreGroups: readonly string[],
  field = 'sreRef',
): void {
  if (sreGroups.length === 0) return;
  const memberOf = (user.relations ?? [])
    .filter(r => r.type === RELATION_MEMBER_OF)
    .map(r => r.targetRef.toLocaleLowerCase('en-US'));
  if (!memberOf.some(g => sreGroups.includes(g))) {
    throw new InputError(
      `${field}: ${given} is not a member of an SRE group (sreHealth.sreGroups: ${sreGroups.join(
        ', ',
      )})`,
    );
  }
}
