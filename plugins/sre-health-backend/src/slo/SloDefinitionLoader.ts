import { AuthService, UrlReaderService } from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_LOCATION,
  Entity,
  parseLocationRef,
} from '@backstage/catalog-model';
import { ScmIntegrations } from '@backstage/integration';
import {
  ANNOTATION_OPENSLO,
  ANNOTATION_SLO_TARGET,
  ANNOTATION_SLO_WINDOW,
  SloDefinition,
  SloDefinitionProblem,
  SloNotComputable,
  SloOrigin,
  annotationSlo,
  OpenSloFile,
  parseOpenSloFiles,
} from '@sre-health/backstage-plugin-sre-health-common';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { SreHealthStore } from '../store';
import { CatalogOpenSloIndex } from './CatalogOpenSloIndex';
import { parseYamlDocumentsSafely } from './sloDocument';

/** An SLO definition with where it came from. @internal */
export interface LocatedSlo {
  definition: SloDefinition;
  origin: SloOrigin;
  location: string;
}

/** How long a read OpenSLO file (and the catalog's index of shared definitions) is reused. */
const FILE_CACHE_MS = 60_000;
/** A reference resolved nowhere is checked against the catalog's index this fresh. */
const SHARED_RECHECK_MS = 5_000;

/**
 * Collects an entity's SLOs: the slo-target shorthand, OpenSLO files named by the openslo
 * annotation (read with the UrlReader, relative to the entity's catalog file), and SLOs
 * created through the API. All the files and API documents are parsed as one set, so a
 * reference (indicatorRef, metricSourceRef, service, alertPolicyRef…) resolves in any of
 * them, and then in the definitions other catalog entities share (`shared`). A bad file or document becomes a problem; a valid SLO SRE Health does not compute
 * is "not computable" with its reason; the rest still work.
 * @internal
 */
export class SloDefinitionLoader {
  private readonly shared?: CatalogOpenSloIndex;
  private readonly fileCache = new Map<
    string,
    { at: number; documents: unknown[] | Error }
  >();

  constructor(
    private readonly deps: {
      store: SreHealthStore;
      urlReader: UrlReaderService;
      integrations: ScmIntegrations;
      /**
       * The catalog, for the definitions other entities share (references the entity's own
       * files miss); without it, references resolve in the entity's own documents only.
       */
      catalog?: { service: CatalogService; auth: AuthService };
      now?: () => number;
    },
  ) {
    const { catalog } = deps;
    this.shared = catalog
      ? new CatalogOpenSloIndex({
          catalog: catalog.service,
          auth: catalog.auth,
          // the shared files are read through this loader's cache, and kept as long
          filesOf: entity => this.filesOf(entity),
          ttlMs: FILE_CACHE_MS,
          now: deps.now,
        })
      : undefined;
  }

  async load(
    entity: Entity,
    entityRef: string,
  ): Promise<{
    slos: LocatedSlo[];
    problems: SloDefinitionProblem[];
    notComputable: SloNotComputable[];
  }> {
    const slos: LocatedSlo[] = [];
    const problems: SloDefinitionProblem[] = [];
    const annotations = entity.metadata.annotations ?? {};

    const shorthand = annotationSlo(
      annotations[ANNOTATION_SLO_TARGET],
      annotations[ANNOTATION_SLO_WINDOW],
    );
    if (shorthand) {
      slos.push({
        definition: shorthand,
        origin: 'annotation',
        location: ANNOTATION_SLO_TARGET,
      });
    }

    const read = await this.filesOf(entity);
    problems.push(...read.problems);
    const sources: OpenSloFile[] = [...read.files];
    for (const record of await this.deps.store.sloDefinitions.list(entityRef)) {
      sources.push({
        location: `api:${record.id}`,
        documents: [record.document],
      });
    }

    const parsed = await this.parse(sources, entityRef);
    slos.push(
      ...parsed.slos.map(({ definition, location }) => ({
        definition,
        origin: location.startsWith('api:')
          ? ('api' as const)
          : ('file' as const),
        location,
      })),
    );
    problems.push(...parsed.problems);

    // Names key pushed events and the last known status, so they must be unique.
    const seen = new Set<string>();
    const unique = slos.filter(s => {
      if (seen.has(s.definition.name)) {
        problems.push({
          location: s.location,
          document: `SLO ${s.definition.name}`,
          path: 'metadata.name',
          message:
            'another SLO of this entity already has this name; this one is ignored',
        });
        return false;
      }
      seen.add(s.definition.name);
      return true;
    });
    return { slos: unique, problems, notComputable: parsed.notComputable };
  }

  /**
   * Parses the entity's documents with the catalog's shared definitions (only when there
   * are documents to resolve). A name resolved nowhere may be newly shared: it is tried
   * once more against an index at most SHARED_RECHECK_MS old.
   */
  private async parse(sources: OpenSloFile[], entityRef: string) {
    const { shared } = this;
    if (!shared || sources.length === 0) return parseOpenSloFiles(sources);
    const index = await shared.get();
    const parsed = parseOpenSloFiles(sources, {
      shared: index,
      self: entityRef,
    });
    if (!parsed.unresolved?.length) return parsed;
    const fresher = await shared.get({ maxAgeMs: SHARED_RECHECK_MS });
    return fresher === index
      ? parsed
      : parseOpenSloFiles(sources, { shared: fresher, self: entityRef });
  }

  /**
   * The OpenSLO files the entity's openslo annotation names, read (through the cache); one
   * that cannot be resolved or read is a problem.
   */
  async filesOf(
    entity: Entity,
  ): Promise<{ files: OpenSloFile[]; problems: SloDefinitionProblem[] }> {
    const problems: SloDefinitionProblem[] = [];
    const files: OpenSloFile[] = [];
    const names = (entity.metadata.annotations?.[ANNOTATION_OPENSLO] ?? '')
      .split(',')
      .map(f => f.trim())
      .filter(Boolean);
    for (const file of names) {
      let url: string;
      try {
        url = this.resolve(entity, file);
      } catch (error) {
        problems.push({
          location: file,
          document: file,
          path: ANNOTATION_OPENSLO,
          message: (error as Error).message,
        });
        continue;
      }
      const documents = await this.read(url);
      if (documents instanceof Error) {
        problems.push({
          location: url,
          document: file,
          path: '',
          message: documents.message,
        });
        continue;
      }
      files.push({ location: url, documents });
    }
    return { files, problems };
  }

  /** Resolves a path relative to the catalog file that defines the entity. */
  private resolve(entity: Entity, file: string): string {
    if (/^[a-z]+:\/\//i.test(file)) return file;
    const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
    if (!location)
      throw new Error(
        `cannot resolve ${file}: the entity has no ${ANNOTATION_LOCATION}`,
      );
    const { type, target } = parseLocationRef(location);
    if (type === 'file') {
      return pathToFileURL(path.resolve(path.dirname(target), file)).href;
    }
    if (type === 'url') {
      return this.deps.integrations.resolveUrl({ url: file, base: target });
    }
    throw new Error(`cannot resolve ${file} against a ${type} location`);
  }

  private async read(url: string): Promise<unknown[] | Error> {
    const now = (this.deps.now ?? Date.now)();
    const cached = this.fileCache.get(url);
    if (cached && now - cached.at < FILE_CACHE_MS) return cached.documents;
    let documents: unknown[] | Error;
    try {
      const response = await this.deps.urlReader.readUrl(url);
      const text = (await response.buffer()).toString('utf8');
      // syntax, aliases, depth and size: a problem of this file, never a throw
      const read = parseYamlDocumentsSafely(text);
      documents =
        read.problem !== undefined ? new Error(read.problem) : read.documents;
    } catch (error) {
      documents = new Error(`cannot read ${url}: ${(error as Error).message}`);
    }
    this.fileCache.set(url, { at: now, documents });
    return documents;
  }
}
