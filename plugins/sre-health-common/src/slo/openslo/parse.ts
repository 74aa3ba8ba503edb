import { z } from 'zod';
import { OpenSloKind, SPEC_OF_KIND, envelope } from './schema';
import { Resolver } from './resolver';
import type {
  Doc,
  OpenSloFile,
  ParsedOpenSlo,
  ParsedOpenSloFiles,
} from './types';

/*
 * OpenSLO v1 (https://github.com/OpenSLO/OpenSLO) → normalised SLO definitions, with three
 * verdicts kept apart: a document the spec rejects is a problem (document, field path,
 * message); a valid SLO SRE Health does not compute is "not computable" with the reason; the
 * rest are definitions. References (indicatorRef, metricSourceRef, service, alertPolicyRef,
 * conditionRef, targetRef) resolve across all the files given, and a bad document never
 * hides the valid SLOs beside it.
 */

function pathOf(prefix: string, path: ReadonlyArray<PropertyKey>): string {
  const tail = path
    .map(p => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
    .join('');
  return `${prefix}${tail}`.replace(/^\./, '');
}

/**
 * Parses the documents of one OpenSLO file, or several files given as one list.
 * @public
 */
export function parseOpenSlo(documents: ReadonlyArray<unknown>): ParsedOpenSlo {
  const parsed = parseOpenSloFiles([{ location: '', documents }]);
  return {
    slos: parsed.slos.map(s => s.definition),
    notComputable: parsed.notComputable.map(({ location: _, ...n }) => n),
    problems: parsed.problems.map(({ location: _, ...p }) => p),
  };
}

/**
 * Parses every file an entity names as one set of documents, so an SLO may name an SLI,
 * DataSource, Service or AlertPolicy defined in another of them.
 * @public
 */
export function parseOpenSloFiles(
  files: ReadonlyArray<OpenSloFile>,
): ParsedOpenSloFiles {
  const problems: ParsedOpenSloFiles['problems'] = [];
  const byKind = new Map<OpenSloKind, Map<string, Doc<unknown>>>(
    Object.keys(SPEC_OF_KIND).map(k => [k as OpenSloKind, new Map()]),
  );
  const invalid = new Map<OpenSloKind, Set<string>>(
    Object.keys(SPEC_OF_KIND).map(k => [k as OpenSloKind, new Set()]),
  );

  for (const file of files) {
    // a file may also hold a YAML list of documents (as the OpenSLO Go SDK's examples do)
    const documents = file.documents.flatMap(d => (Array.isArray(d) ? d : [d]));
    documents.forEach((raw, i) => {
      if (raw === null || raw === undefined) return; // an empty YAML document
      const index = i + 1;
      const rawKind = (raw as { kind?: unknown })?.kind;
      const rawName = (raw as { metadata?: { name?: unknown } })?.metadata
        ?.name;
      const label =
        typeof rawKind === 'string' && typeof rawName === 'string'
          ? `${rawKind} ${rawName}`
          : `document ${index}`;
      const report = (error: z.ZodError, prefix: string) =>
        problems.push(
          ...error.issues.map(issue => ({
            document: label,
            index,
            path: pathOf(prefix, issue.path),
            message: issue.message,
            location: file.location,
          })),
        );
      const env = envelope.safeParse(raw);
      const kind = env.success ? env.data.kind : undefined;
      const spec = kind
        ? SPEC_OF_KIND[kind].safeParse(env.data!.spec)
        : undefined;
      if (!env.success) report(env.error, '');
      if (spec && !spec.success) report(spec.error, 'spec');
      const knownKind =
        typeof rawKind === 'string' && byKind.has(rawKind as OpenSloKind)
          ? (rawKind as OpenSloKind)
          : undefined;
      if (!env.success || !spec?.success) {
        if (knownKind && typeof rawName === 'string') {
          invalid.get(knownKind)!.add(rawName);
        }
        return;
      }
      const docs = byKind.get(kind!)!;
      const name = env.data.metadata.name;
      const earlier = docs.get(name);
      if (earlier) {
        problems.push({
          document: label,
          index,
          path: 'metadata.name',
          message: `another ${kind} is named ${name} (${
            earlier.location || 'this file'
          }, document ${earlier.index}); this one is ignored`,
          location: file.location,
        });
        return;
      }
      docs.set(name, {
        name,
        displayName: env.data.metadata.displayName,
        label,
        index,
        location: file.location,
        spec: spec.data,
      });
    });
  }
  return new Resolver(byKind, invalid, problems).run();
}
