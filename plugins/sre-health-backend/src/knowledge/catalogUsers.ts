import type { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { CatalogUserIdentity } from '../truckFactor';

const USERS_TTL_MS = 5 * 60_000;

/**
 * Catalog users with their e-mail addresses and display names, to match git authors to
 * people and tell who has left. Cached for a few minutes: on-demand analyses come in bursts.
 * @internal
 */
export class CatalogUsers {
  private cached?: { loadedAt: number; users: CatalogUserIdentity[] };

  constructor(
    private readonly deps: {
      catalog: CatalogService;
      auth: AuthService;
      logger: LoggerService;
    },
  ) {}

  /** Forgets the cached users: every scheduled run reads a fresh catalog. */
  reset(): void {
    this.cached = undefined;
  }

  /**
   * The users, or undefined when there are none (e.g. the catalog is still ingesting): then
   * nobody is called departed rather than everybody.
   */
  async get(): Promise<CatalogUserIdentity[] | undefined> {
    const cached = this.cached;
    if (cached && Date.now() - cached.loadedAt < USERS_TTL_MS) {
      return cached.users.length > 0 ? cached.users : undefined;
    }
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: { kind: 'User' },
        fields: ['kind', 'metadata.name', 'metadata.namespace', 'spec.profile'],
      },
      { credentials: await this.deps.auth.getOwnServiceCredentials() },
    );
    const users: CatalogUserIdentity[] = items.map(user => {
      const profile = (user.spec?.profile ?? {}) as {
        email?: unknown;
        displayName?: unknown;
      };
      return {
        userRef: stringifyEntityRef(user).toLocaleLowerCase('en-US'),
        emails: typeof profile.email === 'string' ? [profile.email] : [],
        names:
          typeof profile.displayName === 'string' ? [profile.displayName] : [],
      };
    });
    this.cached = { loadedAt: Date.now(), users };
    if (users.length === 0) {
      this.deps.logger.warn(
        'Truck factor: the catalog has no users yet; authors cannot be told departed',
      );
      return undefined;
    }
    return users;
  }
}
