import { opsShare, summarizeOpsLoad } from './opsLoad';
import type { OpsLoadSample } from './types';

const sample = (
  weekStart: string,
  opsHours: number,
  projectHours: number,
): OpsLoadSample => ({
  id: weekStart,
  version: 1,
  createdAt: '',
  updatedAt: '',
  teamRef: 'group:default/t',
  weekStart,
  opsHours,
  projectHours,
  author: 'user:default/a',
});

describe('ops load', () => {
  it('computes the ops share of a week', () => {
    expect(opsShare({ opsHours: 60, projectHours: 40 })).toBe(0.6);
    expect(opsShare({ opsHours: 0, projectHours: 0 })).toBeNull();
  });

  it('flags operational overload when the latest week is above the 50% cap', () => {
    const s = summarizeOpsLoad('group:default/t', [
      sample('2026-11-16', 120, 80),
      sample('2026-11-02', 40, 160),
    ]);
    expect(s.samples.map(x => x.weekStart)).toEqual([
      '2026-11-02',
      '2026-11-16',
    ]);
    expect(s.latestOpsShare).toBe(0.6);
    expect(s.overloaded).toBe(true);
    expect(
      summarizeOpsLoad('group:default/t', [sample('2026-11-16', 100, 100)])
        .overloaded,
    ).toBe(false);
  });
});
