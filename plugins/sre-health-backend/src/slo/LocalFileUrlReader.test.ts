import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import request from 'supertest';
import { sreHealthPlugin } from '../plugin';
import { LocalFileUrlReader } from './LocalFileUrlReader';
import { sloYaml } from '../__testUtils__/openslo';

jest.setTimeout(60_000);

const slo = (name: string) => sloYaml(name);

/**
 * Issue #15, item 5: the reader checked `path.resolve` of the URL, so a symbolic link under
 * an allowed folder led out of it. A temp folder with:
 *   allowed/slos/good.yaml        a file
 *   allowed/slos/inner-link.yaml  -> allowed/slos/good.yaml   (a link that stays inside)
 *   allowed/escape.yaml           -> outside/secret.yaml      (a link out)
 *   allowed/outside-dir           -> outside/                 (a folder link out)
 *   alias                         -> allowed                  (the allowed folder by a link)
 *   outside/secret.yaml
 */
describe('LocalFileUrlReader: real-path containment', () => {
  let dir: string;
  let allowed: string;
  let outside: string;
  const url = (...parts: string[]) => pathToFileURL(path.join(...parts)).href;
  const read = async (reader: LocalFileUrlReader, u: string) =>
    (await (await reader.readUrl(u)).buffer()).toString('utf8');

  beforeAll(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'sre-health-local-'));
    allowed = path.join(dir, 'allowed');
    outside = path.join(dir, 'outside');
    await fs.mkdir(path.join(allowed, 'slos'), { recursive: true });
    await fs.mkdir(outside);
    await fs.writeFile(path.join(allowed, 'slos', 'good.yaml'), slo('good'));
    await fs.writeFile(path.join(outside, 'secret.yaml'), slo('secret'));
    await fs.symlink(
      path.join(allowed, 'slos', 'good.yaml'),
      path.join(allowed, 'slos', 'inner-link.yaml'),
    );
    await fs.symlink(
      path.join(outside, 'secret.yaml'),
      path.join(allowed, 'escape.yaml'),
    );
    await fs.symlink(outside, path.join(allowed, 'outside-dir'));
    await fs.symlink(allowed, path.join(dir, 'alias'));
  });

  afterAll(async () => fs.rm(dir, { recursive: true, force: true }));

  it('refuses a link to a file outside the allowed folder, without naming its target', async () => {
    const reader = new LocalFileUrlReader([allowed]);
    const refusal = reader.readUrl(url(allowed, 'escape.yaml'));
    await expect(refusal).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: `${path.join(
        allowed,
        'escape.yaml',
      )} is outside the folders SRE Health may read (sreHealth.localFiles.allow)`,
    });
  });

  it('refuses a file under a folder link that leads out', async () => {
    const reader = new LocalFileUrlReader([allowed]);
    await expect(
      reader.readUrl(url(allowed, 'outside-dir', 'secret.yaml')),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('reads files and links that stay inside, also when the folder is allowed by a link', async () => {
    const reader = new LocalFileUrlReader([allowed]);
    expect(await read(reader, url(allowed, 'slos', 'good.yaml'))).toBe(
      slo('good'),
    );
    expect(await read(reader, url(allowed, 'slos', 'inner-link.yaml'))).toBe(
      slo('good'),
    );
    const byAlias = new LocalFileUrlReader([path.join(dir, 'alias')]);
    expect(await read(byAlias, url(dir, 'alias', 'slos', 'good.yaml'))).toBe(
      slo('good'),
    );
    expect(await read(byAlias, url(allowed, 'slos', 'good.yaml'))).toBe(
      slo('good'),
    );
    await expect(
      byAlias.readUrl(url(dir, 'alias', 'escape.yaml')),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
  });

  it('still refuses plain paths outside, and says a missing file inside is missing', async () => {
    const reader = new LocalFileUrlReader([allowed]);
    await expect(
      reader.readUrl(url(outside, 'secret.yaml')),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(
      reader.readUrl(url(outside, 'missing.yaml')),
    ).rejects.toMatchObject({ name: 'NotAllowedError' });
    await expect(
      reader.readUrl(url(allowed, 'slos', 'missing.yaml')),
    ).rejects.toMatchObject({ name: 'NotFoundError' });
  });

  it('through the health route: an SLO file linked from outside is a problem, not an SLO', async () => {
    const entity: Entity = {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: {
        name: 'checkout',
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location': `file:${path.join(
            allowed,
            'catalog-info.yaml',
          )}`,
          'sre-health.dev/openslo':
            './slos/inner-link.yaml, ./escape.yaml, ./outside-dir/secret.yaml',
        },
      },
      spec: { type: 'service', lifecycle: 'production', owner: 'team' },
    };
    const { server } = await startTestBackend({
      features: [
        sreHealthPlugin,
        catalogServiceMock.factory({ entities: [entity] }),
        mockServices.rootConfig.factory({ data: {} }),
        createServiceFactory({
          service: coreServices.urlReader,
          deps: {},
          factory: () => new LocalFileUrlReader([allowed]),
        }),
      ],
    });
    const res = await request(server)
      .get('/api/sre-health/entities/component/default/checkout/health')
      .set({ Authorization: mockCredentials.user.header() })
      .expect(200);
    expect(res.body.slos.map((s: any) => s.name)).toEqual(['good']);
    expect(res.body.sloProblems.map((p: any) => p.message)).toEqual([
      expect.stringContaining('is outside the folders SRE Health may read'),
      expect.stringContaining('is outside the folders SRE Health may read'),
    ]);
    expect(res.text).not.toContain(outside);
  });
});
