import { TestApiProvider } from '@backstage/frontend-test-utils';
import { act, renderHook, waitFor } from '@testing-library/react';
import { ReactNode } from 'react';
import { sreHealthApiRef } from '../api';
import { fakeSreHealthApi, makeFlag, makeHealth } from '../testUtils/fixtures';
import { useEntityHealth } from './useEntityHealth';

describe('useEntityHealth', () => {
  it('loads once per entity and reloads on retry, keeping the old value meanwhile', async () => {
    const first = makeHealth();
    const second = makeHealth({ stressors: [makeFlag()] });
    const api = fakeSreHealthApi({
      getEntityHealth: jest
        .fn()
        .mockResolvedValueOnce(first)
        .mockResolvedValueOnce(second),
    });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[sreHealthApiRef, api]]}>
        {children}
      </TestApiProvider>
    );

    const { result, rerender } = renderHook(
      () =>
        useEntityHealth({
          kind: 'Component',
          namespace: 'default',
          name: 'checkout',
        }),
      { wrapper },
    );
    expect(result.current.loading).toBe(true);
    await waitFor(() => expect(result.current.value).toBe(first));
    // A new compound-ref object for the same entity does not refetch.
    rerender();
    expect(api.getEntityHealth).toHaveBeenCalledTimes(1);
    expect(api.getEntityHealth).toHaveBeenCalledWith(
      'component:default/checkout',
    );

    act(() => result.current.retry());
    expect(result.current.value).toBe(first);
    await waitFor(() => expect(result.current.value).toBe(second));
    expect(api.getEntityHealth).toHaveBeenCalledTimes(2);
  });

  it('exposes the error', async () => {
    const api = fakeSreHealthApi({
      getEntityHealth: jest.fn().mockRejectedValue(new Error('boom')),
    });
    const wrapper = ({ children }: { children: ReactNode }) => (
      <TestApiProvider apis={[[sreHealthApiRef, api]]}>
        {children}
      </TestApiProvider>
    );
    const { result } = renderHook(
      () => useEntityHealth('component:default/checkout'),
      { wrapper },
    );
    await waitFor(() => expect(result.current.error?.message).toBe('boom'));
    expect(result.current.value).toBeUndefined();
  });
});
