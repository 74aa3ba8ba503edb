import { z } from 'zod';
import { OpenSloKind, SPEC_OF_KIND, envelope } from './schema';
import { Resolver } from './resolver';
import type {
  Doc,
  OpenSloFile,
  ParsedOpenSlo,
  ParsedOpenSloFiles,
  SharedDoc,
  SharedOpenSloFile,
  SharedOpenSloIndex,
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

/** Each file's valid documents by kind and name, and the names of its invalid ones. */
function collect(
  files: ReadonlyArray<OpenSloFile>,
  problems: ParsedOpenSloFiles['problems'],
): {
  byKind: Map<OpenSloKind, Map<string, Doc<unknown>>>;
  invalid: Map<OpenSloKind, Set<string>>;
} {
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
  return { byKind, invalid };
}

/**
 * Indexes the definitions other catalog entities share: every kind but SLO (their SLOs stay
 * theirs), valid ones by name with the entity defining them, invalid ones by name. Problems
 * of these files are their owners' and are not kept here.
 * @public
 */
export function indexSharedOpenSlo(
  files: ReadonlyArray<SharedOpenSloFile>,
): SharedOpenSloIndex {
  const definitions = new Map<string, Map<string, SharedDoc[]>>();
  const invalid = new Map<string, Map<string, string[]>>();
  const add = <T>(
    into: Map<string, Map<string, T[]>>,
    kind: string,
    name: string,
    item: T,
  ) => {
    const names = into.get(kind) ?? new Map<string, T[]>();
    into.set(kind, names);
    names.set(name, [...(names.get(name) ?? []), item]);
  };
  const byOwner = new Map<string, SharedOpenSloFile[]>();
  for (const file of files) {
    byOwner.set(file.owner, [...(byOwner.get(file.owner) ?? []), file]);
  }
  for (const [owner, owned] of byOwner) {
    const collected = collect(owned, []);
    for (const [kind, docs] of collected.byKind) {
      if (kind === 'SLO') continue;
      for (const doc of docs.values()) {
        add(definitions, kind, doc.name, { ...doc, owner });
      }
    }
    for (const [kind, names] of collected.invalid) {
      if (kind === 'SLO') continue;
      for (const name of names) add(invalid, kind, name, owner);
    }
  }
  return { definitions, invalid };
}

/**
 * Parses every file an entity names as one set of documents, so an SLO may name an SLI,
 * DataSource, Service or AlertPolicy defined in another of them. With `shared` (other
 * catalog entities' definitions, see indexSharedOpenSlo), a name the entity's own files do
 * not define resolves to the one entity defining it; own files win, and a name two other
 * entities define is ambiguous. `self` (the entity's ref) is left out of `shared`.
 * @public
 */
export function parseOpenSloFiles(
  files: ReadonlyArray<OpenSloFile>,
  options: { shared?: SharedOpenSloIndex; self?: string } = {},
): ParsedOpenSloFiles {
  const problems: ParsedOpenSloFiles['problems'] = [];
  const { byKind, invalid } = collect(files, problems);
  const elsewhere = new Map<OpenSloKind, Map<string, string>>(
    Object.keys(SPEC_OF_KIND).map(k => [k as OpenSloKind, new Map()]),
  );
  const { shared, self } = options;
  for (const [kind, names] of shared?.definitions ?? []) {
    const own = byKind.get(kind as OpenSloKind);
    if (!own || kind === 'SLO') continue;
    for (const [name, docs] of names) {
      if (own.has(name) || invalid.get(kind as OpenSloKind)!.has(name)) {
        continue; // the entity's own files win
      }
      const others = docs.filter(d => d.owner !== self);
      if (others.length === 1) own.set(name, others[0]);
      else if (others.length > 1) {
        elsewhere
          .get(kind as OpenSloKind)!
          .set(
            name,
            `${kind} ${name} is defined by ${others
              .map(d => d.owner)
              .join(
                ' and ',
              )}; define it in this entity's files, or keep one of them`,
          );
      }
    }
  }
  for (const [kind, names] of shared?.invalid ?? []) {
    for (const [name, owners] of names) {
      const others = owners.filter(o => o !== self);
      const known = elsewhere.get(kind as OpenSloKind);
      if (!known || others.length === 0 || known.has(name)) continue;
      if (byKind.get(kind as OpenSloKind)!.has(name)) continue;
      known.set(
        name,
        `${kind} ${name} of ${others.join(
          ' and ',
        )} is invalid (see its problems there)`,
      );
    }
  }
  return new Resolver(byKind, invalid, problems, elsewhere).run();
}
