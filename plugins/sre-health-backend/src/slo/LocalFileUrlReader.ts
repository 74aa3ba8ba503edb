import {
  UrlReaderService,
  UrlReaderServiceReadUrlResponse,
} from '@backstage/backend-plugin-api';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import fs from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { fileURLToPath } from 'node:url';

/**
 * Reads `file:` URLs under a few allowed folders, so SLO files next to a catalog file that
 * was registered from disk resolve through the UrlReader like SCM URLs do. Backstage ships
 * no reader for local files; a portal registers this one through
 * `urlReaderFactoriesServiceRef` (see packages/backend/src/localFileUrlReader.ts).
 *
 * Containment is checked on real paths: a symbolic link (of the file or of a folder on the
 * way) is followed before the check, so a link under an allowed folder cannot lead out of it,
 * and an allowed folder reached through a link (e.g. /tmp on macOS) still works.
 * @public
 */
export class LocalFileUrlReader implements UrlReaderService {
  private readonly roots: string[];

  constructor(allowedRoots: string[]) {
    this.roots = allowedRoots.map(r => path.resolve(r));
  }

  static predicate(url: URL): boolean {
    return url.protocol === 'file:';
  }

  async readUrl(url: string): Promise<UrlReaderServiceReadUrlResponse> {
    const file = path.resolve(fileURLToPath(url));
    const outside = () =>
      new NotAllowedError(
        `${file} is outside the folders SRE Health may read (sreHealth.localFiles.allow)`,
      );
    const realRoots = await this.allowedRealRoots();
    // nothing outside the folders as written is even looked at (not even whether it exists)
    if (!isInsideAny(file, [...this.roots, ...realRoots])) throw outside();
    let real: string;
    try {
      real = await fs.realpath(file);
    } catch (error) {
      throw cannotRead(file, error);
    }
    if (!isInsideAny(real, realRoots)) throw outside();
    let buffer: Buffer;
    try {
      buffer = await fs.readFile(real);
    } catch (error) {
      throw cannotRead(file, error);
    }
    return {
      buffer: async () => buffer,
      stream: () => Readable.from(buffer),
    };
  }

  /** The allowed folders with their links resolved (a missing one allows nothing). */
  private async allowedRealRoots(): Promise<string[]> {
    const roots = await Promise.all(
      this.roots.map(root => fs.realpath(root).catch(() => undefined)),
    );
    return roots.filter((r): r is string => r !== undefined);
  }

  async readTree(): Promise<never> {
    throw new NotAllowedError('LocalFileUrlReader reads single files only');
  }

  async search(): Promise<never> {
    throw new NotAllowedError('LocalFileUrlReader reads single files only');
  }
}

/** Strictly inside one of `roots` (a root itself is a folder, not a file to read). */
function isInsideAny(file: string, roots: readonly string[]): boolean {
  return roots.some(root => {
    const rel = path.relative(root, file);
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  });
}

/** Names the file as asked for: the real path of a link is the server's business. */
function cannotRead(file: string, error: unknown): NotFoundError {
  return new NotFoundError(
    `${file} cannot be read: ${(error as NodeJS.ErrnoException).code ?? error}`,
  );
}
