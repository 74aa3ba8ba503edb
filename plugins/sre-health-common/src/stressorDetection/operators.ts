import { mergeOperators, withoutEmbeddedSre } from '../knowledge/rollup';
import {
  ON_CALL_LOOKBACK_DAYS,
  type OnCallOperator,
  type Operator,
} from '../knowledge/types';

/**
 * Who operates a component, as the knowledge-gap and devs-own-it detectors count it. The
 * operators are the recorded expertise, the declared operators and the people on call in
 * the last `ON_CALL_LOOKBACK_DAYS` days: holding the pager is operating the service. The
 * operating side is the on-call group, the SRE groups and those same people on call. The
 * embedded SRE of an engagement under way counts in neither: they leave when it ends.
 * @public
 */
export function operatingPicture(input: {
  recorded: ReadonlyArray<Operator>;
  declared: ReadonlyArray<Operator>;
  /** People with recorded on-call shifts in the look-back window. */
  onCall: ReadonlyArray<OnCallOperator>;
  /** Members of the on-call group and of the SRE groups. */
  groupMembers: ReadonlyArray<string>;
  /** User ref of the embedded SRE of the owning team's engagement under way. */
  embeddedSre: string | null;
}): { operators: Operator[]; operatingSide: string[] } {
  const { operators } = withoutEmbeddedSre(
    mergeOperators(input.recorded, input.declared, input.onCall),
    input.embeddedSre,
  );
  const side = new Set([
    ...input.groupMembers,
    ...input.onCall.map(o => o.userRef),
  ]);
  if (input.embeddedSre) side.delete(input.embeddedSre);
  return { operators, operatingSide: [...side].sort() };
}

/** What the operating side means, for a detector's evidence. @public */
export const OPERATING_SIDE_WORDS = `the on-call group, the SRE groups and whoever held the pager in the last ${ON_CALL_LOOKBACK_DAYS} days`;

/**
 * The sentence a knowledge detector adds while an SRE is embedded with the owning team,
 * saying they were left out of the count, or nothing.
 * @public
 */
export function embeddedSreNote(
  engagement: { sreRef: string } | null | undefined,
): string {
  return engagement
    ? ` The embedded SRE ${engagement.sreRef} is not counted: they leave when the engagement ends.`
    : '';
}
