import type { TruckFactorSummary } from '@sre-health/backstage-plugin-sre-health-common';
import type { AuthorSummary } from '../truckFactor';
import type {
  StoredTruckFactorResult,
  TruckFactorAnalysisRecord,
} from './KnowledgeStore';
import type { RepositoryLocation } from './repositories';

/** Authors the card lists; the stored result keeps more. */
const TOP_AUTHORS = 10;

/**
 * The card's view of a stored analysis, or of why there is none. Without `authorship`
 * (the reader may not see who wrote what), the author lists are left out and counted.
 * @internal
 */
export function toTruckFactorSummary(
  location: RepositoryLocation,
  record: TruckFactorAnalysisRecord | undefined,
  options: { authorship: boolean } = { authorship: true },
): TruckFactorSummary {
  const empty = {
    truckFactor: null,
    activeTruckFactor: null,
    activeTruckFactorAuthors: [],
    topAuthors: [],
    departedAuthors: [],
    lostFiles: { count: 0, paths: [] },
    fileCount: 0,
    analyzedAt: null,
    headSha: null,
  };
  if (location.kind === 'none') {
    return { status: 'none', reason: location.reason, ...empty };
  }
  if (location.kind === 'unavailable') {
    return {
      status: 'unavailable',
      reason: location.reason,
      repository: location.location,
      ...empty,
    };
  }
  if (!record || record.repository !== location.path) {
    return {
      status: 'pending',
      reason:
        'Not analysed yet: the scheduled analysis runs every 30 minutes, or an SRE can analyse it now.',
      repository: location.name,
      ...empty,
    };
  }
  const figures = record.result
    ? fromStoredResult(record.result, options.authorship)
    : empty;
  return {
    status: record.status,
    ...(record.status === 'unavailable'
      ? {
          reason: withoutServerPaths(
            record.reason ?? 'the repository could not be read',
            location,
          ),
        }
      : {}),
    repository: location.name,
    ...figures,
  };
}

/** Absolute paths in a message (git's and the file system's), up to a quote or space. */
const ABSOLUTE_PATH = /(^|[\s'"`(=])(\/[^\s'"`()]*)/g;

/**
 * A stored reason as a reader may see it: the repository named as in the catalog (or its
 * configured name), and no other path of the server (git quotes real paths, e.g. of a
 * symbolic link's target). Stored reasons keep the paths: the logs and SREs need them.
 */
function withoutServerPaths(
  reason: string,
  location: Extract<RepositoryLocation, { kind: 'local' }>,
): string {
  return reason
    .split(location.path)
    .join(location.name)
    .replace(
      ABSOLUTE_PATH,
      (_, before: string) => `${before}(a server folder)`,
    );
}

function fromStoredResult(
  result: StoredTruckFactorResult,
  authorship: boolean,
) {
  const author = (a: AuthorSummary) => ({
    author: a.author,
    ...(a.author.startsWith('user:') ? { userRef: a.author } : {}),
    files: a.files,
    share: a.share,
    departed: a.departed,
  });
  const people = authorship
    ? {
        activeTruckFactorAuthors: result.activeTruckFactorAuthors,
        ...(result.mergedIdentities
          ? { mergedIdentities: result.mergedIdentities }
          : {}),
        topAuthors: result.topAuthors.slice(0, TOP_AUTHORS).map(author),
        departedAuthors: result.departedAuthors
          .slice(0, TOP_AUTHORS)
          .map(author),
      }
    : {
        activeTruckFactorAuthors: [],
        topAuthors: [],
        departedAuthors: [],
        authorshipWithheld: {
          authors: result.topAuthors.length,
          departed: result.departedAuthors.length,
        },
      };
  return {
    truckFactor: result.truckFactor,
    activeTruckFactor: result.activeTruckFactor,
    ...people,
    lostFiles: result.lostFiles,
    fileCount: result.fileCount,
    ...(result.exclusions ? { exclusions: result.exclusions } : {}),
    ...(result.run.missingObjects
      ? { missingObjects: result.run.missingObjects }
      : {}),
    analyzedAt: result.analyzedAt,
    headSha: result.headSha,
  };
}
