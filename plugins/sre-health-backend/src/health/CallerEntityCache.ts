import { createHash } from 'node:crypto';
import type { Entity } from '@backstage/catalog-model';

/** Long enough to absorb a tab's bursts, short against the catalog's own refresh (minutes). */
const DEFAULT_TTL_MS = 5_000;
const DEFAULT_MAX_ENTRIES = 1_000;

interface Slot {
  expiresAt: number;
  entity: Promise<Entity>;
}

/**
 * The catalog entity behind the tab's read, kept for a few seconds per caller so a burst of
 * reads costs one catalog round trip (token exchange, permission check, query) instead of
 * one each.
 *
 * Scoped to the caller's exact token, never to the entity alone: what the catalog returned
 * for one token (its user, its ownership claims, the permission policy's decision for it) is
 * never served to another token, even one of the same user. The caller must have verified the
 * token before asking. Only entities are kept: a 404 or a failure is not, so the next read
 * asks the catalog again. Entities are frozen, since every hit shares the object.
 *
 * Holds catalog data only: SRE Health's own records are read fresh on every request, so an
 * acknowledged write shows on the next read.
 * @internal
 */
export class CallerEntityCache {
  private readonly slots = new Map<string, Slot>();
  private readonly ttlMs: number;
  private readonly maxEntries: number;
  private readonly now: () => number;

  constructor(
    options: { ttlMs?: number; maxEntries?: number; now?: () => number } = {},
  ) {
    this.ttlMs = options.ttlMs ?? DEFAULT_TTL_MS;
    this.maxEntries = options.maxEntries ?? DEFAULT_MAX_ENTRIES;
    this.now = options.now ?? Date.now;
  }

  /**
   * The entity `entityRef` as `token` sees it: from a read of the same token less than the
   * TTL ago (or one in flight), else from `load`. Without a token, always from `load`.
   */
  async get(
    token: string | undefined,
    entityRef: string,
    load: () => Promise<Entity>,
  ): Promise<Entity> {
    if (!token || this.ttlMs <= 0) return load();
    // A digest, so the cache holds no usable credential.
    const key = `${createHash('sha256')
      .update(token)
      .digest('base64')} ${entityRef}`;
    const now = this.now();
    const slot = this.slots.get(key);
    if (slot && slot.expiresAt > now) return slot.entity;
    if (slot) this.slots.delete(key);

    const entity = load().then(deepFreeze);
    const fresh = { expiresAt: now + this.ttlMs, entity };
    this.slots.set(key, fresh);
    this.evict(now);
    entity.catch(() => {
      if (this.slots.get(key) === fresh) this.slots.delete(key);
    });
    return entity;
  }

  /** Expired slots first, then the oldest, down to the bound. */
  private evict(now: number) {
    if (this.slots.size <= this.maxEntries) return;
    for (const [key, slot] of this.slots) {
      if (slot.expiresAt <= now) this.slots.delete(key);
    }
    for (const key of this.slots.keys()) {
      if (this.slots.size <= this.maxEntries) break;
      this.slots.delete(key);
    }
  }

  /** @internal for tests */
  get size(): number {
    return this.slots.size;
  }
}

/**
 * The cache scope of a request: the bearer token it authenticated with, or none (no caching)
 * when it came without one or asked for a fresh answer with `Cache-Control: no-cache`.
 * @internal
 */
export function callerScope(headers: {
  authorization?: string;
  'cache-control'?: string;
}): string | undefined {
  if (wantsFreshRead(headers)) return undefined;
  return headers.authorization?.match(/^Bearer[ ]+(\S+)$/i)?.[1];
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** `Cache-Control: no-cache` (or `no-store`): the caller asks for an answer computed now. */
export function wantsFreshRead(headers: { 'cache-control'?: string }): boolean {
  return /\bno-(cache|store)\b/i.test(headers['cache-control'] ?? '');
}
