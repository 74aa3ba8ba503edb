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
    const allowed = this.roots.some(root => {
      const rel = path.relative(root, file);
      return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
    });
    if (!allowed) {
      throw new NotAllowedError(
        `${file} is outside the folders SRE Health may read (sreHealth.localFiles.allow)`,
      );
    }
    let buffer: Buffer;
    try {
      buffer = await fs.readFile(file);
    } catch (error) {
      throw new NotFoundError(
        `${file} cannot be read: ${
          (error as NodeJS.ErrnoException).code ?? error
        }`,
      );
    }
    return {
      buffer: async () => buffer,
      stream: () => Readable.from(buffer),
    };
  }

  async readTree(): Promise<never> {
    throw new NotAllowedError('LocalFileUrlReader reads single files only');
  }

  async search(): Promise<never> {
    throw new NotAllowedError('LocalFileUrlReader reads single files only');
  }
}
