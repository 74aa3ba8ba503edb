import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { urlReaderFactoriesServiceRef } from '@backstage/backend-defaults/urlReader';
import {
  LocalFileUrlReader,
  readSreHealthConfig,
} from '@sre-health/backstage-plugin-sre-health-backend';

/**
 * Lets the UrlReader read `file:` URLs under `sreHealth.localFiles.allow`, so the demo
 * org's OpenSLO files (registered from disk) load the way SCM-hosted ones do.
 */
export const localFileUrlReaderFactory = createServiceFactory({
  service: urlReaderFactoriesServiceRef,
  deps: { config: coreServices.rootConfig },
  async factory({ config }) {
    const { allow } = readSreHealthConfig(config).localFiles;
    return () => [
      {
        reader: new LocalFileUrlReader(allow),
        predicate: LocalFileUrlReader.predicate,
      },
    ];
  },
});
