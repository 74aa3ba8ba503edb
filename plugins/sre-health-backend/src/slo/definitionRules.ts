import { InputError } from '@backstage/errors';
import {
  parseOpenSlo,
  SloDefinitionRecord,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { RecordRules } from '../http/recordService';
import type { NewSloDefinition } from './mapping';
import { readSloDocument } from './sloDocument';

/** As the request schema parsed it: the document may still be the pasted text. */
type SentDocument = string | Record<string, unknown>;

/**
 * An SLO definition is one OpenSLO `SLO` document with an inline indicator, named by the
 * document; its name never changes (a new name is a new SLO).
 */
export const sloDefinitionRules: RecordRules<
  SloDefinitionRecord,
  NewSloDefinition,
  Partial<NewSloDefinition>
> = {
  beforeCreate(input) {
    const document = sloDocumentOf(input.document as SentDocument);
    return { ...input, document, name: validSloDocument(document) };
  },
  beforeUpdate(changes, current) {
    if (changes.document === undefined) return changes;
    const document = sloDocumentOf(changes.document as SentDocument);
    if (validSloDocument(document) !== current.name) {
      throw new InputError(
        'document.metadata.name: an SLO cannot be renamed; create a new one',
      );
    }
    return { ...changes, document };
  },
};

/**
 * An SLO document sent as an object, or as the YAML (or JSON) text an SRE pasted; a
 * malformed one (syntax, aliases, depth, size) is a 400 naming the problem.
 */
function sloDocumentOf(document: SentDocument): Record<string, unknown> {
  const read = readSloDocument(document);
  if (read.problem !== undefined) {
    throw new InputError(`Invalid body: document: ${read.problem}`);
  }
  return read.value;
}

/** The name of a valid OpenSLO SLO document with an inline indicator, or a 400 naming the fields. */
function validSloDocument(document: Record<string, unknown>): string {
  if (document.kind !== 'SLO') {
    throw new InputError(
      'document.kind: must be SLO (with an inline indicator)',
    );
  }
  // valid but not computable here (e.g. a Datadog source) is stored and shown as defined
  const { slos: parsed, notComputable, problems } = parseOpenSlo([document]);
  if (problems.length > 0 || parsed.length + notComputable.length === 0) {
    throw new InputError(
      `Invalid body: ${
        problems.map(p => `document.${p.path}: ${p.message}`).join('; ') ||
        'document: no SLO'
      }`,
    );
  }
  return (document.metadata as { name: string }).name;
}
