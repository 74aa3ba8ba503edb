import type { Entity } from '@backstage/catalog-model';
import { EntityHealthCache } from './EntityHealthCache';

const SERVICE = 'component:default/payments-api';
const TEAM = 'group:default/payments-team';

const entity = (annotations: Record<string, string> = {}): Entity =>
  Object.freeze({
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'payments-api', namespace: 'default', annotations },
    spec: { owner: 'payments-team' },
  });

function setup(ttlMs = 10_000, maxEntries?: number) {
  let t = 1_000_000;
  const revisions = new Map<string, number>();
  const asked: string[][] = [];
  const cache = new EntityHealthCache(
    async refs => {
      asked.push([...refs]);
      return new Map(refs.map(r => [r, revisions.get(r) ?? 0]));
    },
    { ttlMs, maxEntries, now: () => t },
  );
  let computed = 0;
  const compute = jest.fn(async () => ({ computed: ++computed }));
  return {
    cache,
    compute,
    asked,
    bump: (ref: string) => revisions.set(ref, (revisions.get(ref) ?? 0) + 1),
    advance: (ms: number) => (t += ms),
    read: async (e: Entity = entity(), fresh = false) =>
      JSON.parse(await cache.get(e, compute, { fresh })),
  };
}

describe('EntityHealthCache', () => {
  it('computes once while nothing changed, checking the revisions of the entity and its owner each read', async () => {
    const s = setup();
    const e = entity();
    expect(await s.read(e)).toEqual({ computed: 1 });
    expect(await s.read(e)).toEqual({ computed: 1 });
    expect(s.compute).toHaveBeenCalledTimes(1);
    expect(s.asked).toEqual([
      [SERVICE, TEAM],
      [SERVICE, TEAM],
    ]);
  });

  it('recomputes after a write to the entity or to its owning team', async () => {
    const s = setup();
    await s.read();
    s.bump(SERVICE);
    expect(await s.read()).toEqual({ computed: 2 });
    s.bump(TEAM);
    expect(await s.read()).toEqual({ computed: 3 });
    s.bump('component:default/ledger');
    expect(await s.read()).toEqual({ computed: 3 });
  });

  it('recomputes when the catalog entity changed', async () => {
    const s = setup();
    await s.read(entity());
    expect(await s.read(entity())).toEqual({ computed: 1 });
    expect(
      await s.read(entity({ 'sre-health.dev/operators': 'alice' })),
    ).toEqual({ computed: 2 });
  });

  it('recomputes after the TTL, and every time with a TTL of 0', async () => {
    const s = setup(10_000);
    await s.read();
    s.advance(9_999);
    expect(await s.read()).toEqual({ computed: 1 });
    s.advance(1);
    expect(await s.read()).toEqual({ computed: 2 });

    const off = setup(0);
    await off.read();
    await off.read();
    expect(off.compute).toHaveBeenCalledTimes(2);
    expect(off.asked).toEqual([]);
  });

  it('computes a fresh answer when asked, and keeps it for the next reads', async () => {
    const s = setup();
    await s.read();
    expect(await s.read(entity(), true)).toEqual({ computed: 2 });
    expect(await s.read()).toEqual({ computed: 2 });
  });

  it('shares one computation between concurrent reads', async () => {
    const s = setup();
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => s.read()),
    );
    expect(answers).toEqual(Array(10).fill({ computed: 1 }));
    expect(s.compute).toHaveBeenCalledTimes(1);
  });

  it('does not keep a failure', async () => {
    const s = setup();
    s.compute.mockRejectedValueOnce(new Error('database unavailable'));
    await expect(s.read()).rejects.toThrow('database unavailable');
    expect(s.cache.size).toBe(0);
    expect(await s.read()).toEqual({ computed: 1 });
  });

  it('holds at most maxEntries entities, dropping the least recently computed', async () => {
    const s = setup(10_000, 2);
    const named = (name: string): Entity =>
      Object.freeze({ ...entity(), metadata: { name, namespace: 'default' } });
    await s.read(named('a'));
    await s.read(named('b'));
    await s.read(named('c'));
    expect(s.cache.size).toBe(2);
    expect(s.compute).toHaveBeenCalledTimes(3);
    await s.read(named('c'));
    expect(s.compute).toHaveBeenCalledTimes(3);
    await s.read(named('a'));
    expect(s.compute).toHaveBeenCalledTimes(4);
  });
});
