import { DEFAULT_OVERLOAD_WEEKS, opsShare, summarizeOpsLoad } from './opsLoad';
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

  it('judges overload over the rolling window, not the latest week', () => {
    // One bad week after three calm ones: 60% this week, 40% over four weeks.
    const s = summarizeOpsLoad('group:default/t', [
      sample('2026-11-16', 120, 80),
      sample('2026-11-02', 40, 160),
    ]);
    expect(s.samples.map(x => x.weekStart)).toEqual([
      '2026-11-02',
      '2026-11-16',
    ]);
    expect(s.latestOpsShare).toBe(0.6);
    expect(s.windowWeeks).toBe(DEFAULT_OVERLOAD_WEEKS);
    expect(s.windowOpsShare).toBe(0.4);
    expect(s.overloaded).toBe(false);
    expect(
      summarizeOpsLoad('group:default/t', [sample('2026-11-16', 100, 100)])
        .overloaded,
    ).toBe(false);
  });

  it('flags sustained overload: the share over the window above the 50% cap', () => {
    const s = summarizeOpsLoad('group:default/t', [
      sample('2026-10-19', 10, 190), // five weeks before the latest: outside
      sample('2026-10-26', 120, 80),
      sample('2026-11-02', 100, 100),
      sample('2026-11-09', 90, 110),
      sample('2026-11-16', 130, 70),
    ]);
    expect(s.window).toEqual([
      { weekStart: '2026-10-26', opsShare: 0.6, source: 'typed' },
      { weekStart: '2026-11-02', opsShare: 0.5, source: 'typed' },
      { weekStart: '2026-11-09', opsShare: 0.45, source: 'typed' },
      { weekStart: '2026-11-16', opsShare: 0.65, source: 'typed' },
    ]);
    expect(s.windowOpsShare).toBe(0.55);
    expect(s.overloaded).toBe(true);
  });

  it('needs half of the window sampled to call it sustained', () => {
    const one = summarizeOpsLoad('group:default/t', [
      sample('2026-11-16', 160, 40),
    ]);
    expect(one.windowOpsShare).toBe(0.8);
    expect(one.overloaded).toBe(false);
    const two = summarizeOpsLoad('group:default/t', [
      sample('2026-10-26', 160, 40),
      sample('2026-11-16', 160, 40),
    ]);
    expect(two.overloaded).toBe(true);
  });

  it('takes the window length from configuration', () => {
    const samples = [
      sample('2026-11-02', 40, 160),
      sample('2026-11-09', 40, 160),
      sample('2026-11-16', 120, 80),
    ];
    expect(summarizeOpsLoad('group:default/t', samples, 1)).toMatchObject({
      windowWeeks: 1,
      windowOpsShare: 0.6,
      overloaded: true,
    });
    expect(summarizeOpsLoad('group:default/t', samples, 2).overloaded).toBe(
      false,
    );
  });

  it('summarises no samples as no share and no overload', () => {
    expect(summarizeOpsLoad('group:default/t', [])).toMatchObject({
      latestOpsShare: null,
      windowOpsShare: null,
      window: [],
      overloaded: false,
    });
  });
});
