/*
 * Parts shared by the weekly ops-share charts (the Ops load card and the weekly ops share
 * chart): weeks on a time axis, and a line that is red only above the cap.
 */

/** A week start (`2026-01-05`) as epoch ms at 00:00 UTC, for a time axis. */
export function weekTime(weekStart: string): number {
  return Date.parse(`${weekStart.slice(0, 10)}T00:00:00.000Z`);
}

/** A week on the axis: its start date, independent of the browser's locale and zone. */
export function formatWeekTick(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/**
 * The x-axis props of a weekly chart: weeks placed by their date (a 2032 week lies far
 * from 2026, not beside it), a tick at each sampled week, labelled with its start date.
 */
export function weekAxisProps(times: ReadonlyArray<number>) {
  return {
    dataKey: 't',
    type: 'number' as const,
    scale: 'time' as const,
    domain: ['dataMin', 'dataMax'] as [string, string],
    ticks: [...times],
    tickFormatter: formatWeekTick,
    padding: { left: 12, right: 12 },
  };
}

/**
 * Where a line of shares (in percent) crosses the cap, as a vertical gradient over the
 * line's bounding box: red above the cap, `normal` below. `stroke` is the colour to give
 * the line: a solid colour when the whole line is on one side (a gradient over a flat
 * line's empty box would not be drawn), otherwise `url(#id)` of `gradient`.
 */
export function capStroke(
  shares: ReadonlyArray<number | null>,
  cap: number,
  colors: { above: string; normal: string },
  id: string,
): { stroke: string; gradient: JSX.Element | null } {
  const values = shares.filter((v): v is number => v !== null);
  const max = Math.max(...values);
  const min = Math.min(...values);
  if (values.length === 0 || max <= cap) {
    return { stroke: colors.normal, gradient: null };
  }
  if (min > cap) {
    return { stroke: colors.above, gradient: null };
  }
  // The box spans max (top, 0) to min (bottom, 1); the cap lies at this offset.
  const offset = (max - cap) / (max - min);
  // useId() gives `:r1:`; keep the reference a plain fragment.
  const safeId = `cap-${id.replace(/[^a-zA-Z0-9_-]/g, '')}`;
  return {
    stroke: `url(#${safeId})`,
    gradient: (
      <defs>
        <linearGradient id={safeId} x1="0" y1="0" x2="0" y2="1">
          <stop offset={offset} stopColor={colors.above} />
          <stop offset={offset} stopColor={colors.normal} />
        </linearGradient>
      </defs>
    ),
  };
}

/** The line's dots: red and larger for weeks above the cap, the line's colour otherwise. */
export function capDot(cap: number, colors: { above: string; normal: string }) {
  return (props: {
    cx?: number;
    cy?: number | null;
    value?: number | null;
    index?: number;
  }) => {
    const { cx, cy, value, index } = props;
    if (
      cx === undefined ||
      cy === undefined ||
      cy === null ||
      value === undefined ||
      value === null
    ) {
      return <g key={`dot-${index}`} />;
    }
    const above = value > cap;
    return (
      <circle
        key={`dot-${index}`}
        className={above ? 'above-cap' : 'under-cap'}
        cx={cx}
        cy={cy}
        r={above ? 4 : 3}
        fill={above ? colors.above : colors.normal}
        stroke="none"
      />
    );
  };
}
