import { Entity } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CallerEntityCache, callerScope } from './CallerEntityCache';

const REF = 'component:default/payments-api';
const entity = (name = 'payments-api'): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations: { a: 'b' } },
  spec: { owner: 'payments-team' },
});

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('CallerEntityCache', () => {
  it('asks the catalog once per token and entity within the TTL', async () => {
    const time = clock();
    const cache = new CallerEntityCache({ ttlMs: 5_000, now: time.now });
    const load = jest.fn(async () => entity());
    const first = await cache.get('token-a', REF, load);
    time.advance(4_999);
    const second = await cache.get('token-a', REF, load);
    expect(second).toBe(first);
    expect(load).toHaveBeenCalledTimes(1);

    time.advance(1);
    await cache.get('token-a', REF, load);
    expect(load).toHaveBeenCalledTimes(2);
  });

  it("never serves one token's entity to another token", async () => {
    const cache = new CallerEntityCache();
    await cache.get('token-of-alice', REF, async () => entity());
    // The catalog hides the entity from the other caller: that caller gets the catalog's answer.
    const hidden = jest.fn(async (): Promise<Entity> => {
      throw new NotFoundError(`entityRef: ${REF} is not in the catalog`);
    });
    await expect(
      cache.get('token-of-carol', REF, hidden),
    ).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    expect(hidden).toHaveBeenCalledTimes(1);
  });

  it('keys by entity too', async () => {
    const cache = new CallerEntityCache();
    const a = await cache.get('t', REF, async () => entity('payments-api'));
    const b = await cache.get('t', 'component:default/ledger', async () =>
      entity('ledger'),
    );
    expect(a.metadata.name).toBe('payments-api');
    expect(b.metadata.name).toBe('ledger');
  });

  it('does not keep failures: the next read asks the catalog again', async () => {
    const cache = new CallerEntityCache();
    const load = jest
      .fn<Promise<Entity>, []>()
      .mockRejectedValueOnce(new NotFoundError('not yet'))
      .mockResolvedValueOnce(entity());
    await expect(cache.get('t', REF, load)).rejects.toMatchObject({
      name: 'NotFoundError',
    });
    await expect(cache.get('t', REF, load)).resolves.toMatchObject({
      metadata: { name: 'payments-api' },
    });
    expect(load).toHaveBeenCalledTimes(2);
  });

  it('shares one catalog call between concurrent reads', async () => {
    const cache = new CallerEntityCache();
    let release!: (e: Entity) => void;
    const load = jest.fn(
      () => new Promise<Entity>(resolve => (release = resolve)),
    );
    const reads = Array.from({ length: 10 }, () => cache.get('t', REF, load));
    release(entity());
    const results = await Promise.all(reads);
    expect(load).toHaveBeenCalledTimes(1);
    expect(new Set(results).size).toBe(1);
  });

  it('always asks the catalog without a token, or with a TTL of 0', async () => {
    const load = jest.fn(async () => entity());
    await new CallerEntityCache().get(undefined, REF, load);
    await new CallerEntityCache().get(undefined, REF, load);
    const off = new CallerEntityCache({ ttlMs: 0 });
    await off.get('t', REF, load);
    await off.get('t', REF, load);
    expect(load).toHaveBeenCalledTimes(4);
  });

  it('hands out frozen entities, since every hit shares the object', async () => {
    const cache = new CallerEntityCache();
    const shared = await cache.get('t', REF, async () => entity());
    expect(() => {
      (shared.metadata.annotations as Record<string, string>).a = 'changed';
    }).toThrow(TypeError);
    expect(shared.metadata.annotations?.a).toBe('b');
  });

  it('stays within its bound, dropping the oldest', async () => {
    const cache = new CallerEntityCache({ maxEntries: 2 });
    const load = jest.fn(async () => entity());
    for (const token of ['t1', 't2', 't3']) await cache.get(token, REF, load);
    expect(cache.size).toBe(2);
    await cache.get('t1', REF, load); // dropped: asks again
    await cache.get('t3', REF, load); // kept
    expect(load).toHaveBeenCalledTimes(4);
  });
});

describe('callerScope', () => {
  it('is the bearer token, unless the caller asks for a fresh answer', () => {
    expect(callerScope({ authorization: 'Bearer abc.def' })).toBe('abc.def');
    expect(callerScope({ authorization: 'bearer abc' })).toBe('abc');
    expect(callerScope({ authorization: 'Basic abc' })).toBeUndefined();
    expect(callerScope({})).toBeUndefined();
    expect(
      callerScope({ authorization: 'Bearer abc', 'cache-control': 'no-cache' }),
    ).toBeUndefined();
    expect(
      callerScope({
        authorization: 'Bearer abc',
        'cache-control': 'max-age=0, no-store',
      }),
    ).toBeUndefined();
  });
});
