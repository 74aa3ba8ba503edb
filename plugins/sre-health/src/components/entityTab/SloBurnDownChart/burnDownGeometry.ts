import {
  SloSummary,
  currentBurn,
  timeToExhaustion,
} from '@sre-health/backstage-plugin-sre-health-common';

/*
 * The geometry of the error-budget burn-down: the points to draw, the projection to
 * exhaustion, the y-axis that fits them and the time ticks. No rendering here.
 */

const DAY = 24 * 3600 * 1000;

/** One point of the chart: time in epoch ms, budget left in percent. */
export interface BurnDownDatum {
  t: number;
  remaining: number;
}

/**
 * The points to draw. The series is cumulative and sparse (hours without events have no
 * bucket), so it is drawn as steps: a rolling window starts with the whole budget at the
 * window's start, and the last value holds until the SLO was computed.
 */
export function burnDownData(slo: SloSummary): {
  data: BurnDownDatum[];
  domain: [number, number];
} {
  const end = Date.parse(slo.computedAt);
  const points = slo.burnDown.map(p => ({
    t: Date.parse(p.t),
    remaining: p.budgetRemaining * 100,
  }));
  if (points.length === 0) {
    return { data: [], domain: [end - slo.windowMs, end] };
  }
  // A calendar window started at the start of the period, which the summary does not carry:
  // it is drawn from its first point. A rolling window ends now and spans windowMs.
  const calendar = slo.window.includes('calendar');
  const start = Math.min(
    points[0].t,
    calendar ? points[0].t : end - slo.windowMs,
  );
  const last = points[points.length - 1];
  const stop = Math.max(end, last.t);
  const data = [
    ...(start < points[0].t ? [{ t: start, remaining: 100 }] : []),
    ...points,
    ...(stop > last.t ? [{ t: stop, remaining: last.remaining }] : []),
  ];
  return { data, domain: [start, stop] };
}

/** Where the budget goes at the current burn: a straight line from the last point. */
export interface BurnDownProjection {
  from: BurnDownDatum;
  /** Where the line stops: at 0, or at the chart's horizon when the budget outlasts it. */
  to: BurnDownDatum;
  /** When the budget is spent, epoch ms, and how long until then. */
  exhaustedAt: number;
  exhaustedInMs: number;
  /** The burn the projection follows, e.g. `1h` at 19.7×. */
  burn: { window: string; rate: number };
}

/**
 * The projection to exhaustion at the current burn (the 1h burn rate, see `currentBurn`),
 * from the last point of the chart. Only when the budget runs out within the window at
 * this rate (within the period of a calendar window); none when it is already spent or
 * nothing burns. The chart is extended by at most a third of the window, so the history
 * stays readable: a later exhaustion is drawn up to that horizon.
 */
export function burnDownProjection(
  slo: SloSummary,
  data: ReadonlyArray<BurnDownDatum>,
  domain: [number, number],
): BurnDownProjection | null {
  const last = data[data.length - 1];
  const burn = currentBurn(slo.burnRates);
  if (!last || !burn) return null;
  const ms = timeToExhaustion(
    { budgetRemaining: last.remaining / 100, windowMs: slo.windowMs },
    burn.rate,
  );
  if (ms === null || ms <= 0 || ms > slo.windowMs) return null;
  const exhaustedAt = last.t + ms;
  if (slo.window.includes('calendar') && exhaustedAt > domain[0] + slo.windowMs)
    return null;
  const stop = Math.min(exhaustedAt, last.t + slo.windowMs / 3);
  return {
    from: last,
    to: { t: stop, remaining: last.remaining * (1 - (stop - last.t) / ms) },
    exhaustedAt,
    exhaustedInMs: ms,
    burn,
  };
}

const NICE_STEPS = [1, 2, 2.5, 5, 10];

function niceStep(rough: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  return magnitude * NICE_STEPS.find(s => s * magnitude >= rough)!;
}

/**
 * A y-axis that fits the values (percent of budget left), so a fall from 96% to 94% is
 * visible. Ticks are never below 0: an overspent budget is drawn as a band under the 0
 * line (at most a quarter of the chart, the rest is clipped) without negative percents.
 */
export function burnDownAxis(values: ReadonlyArray<number>): {
  domain: [number, number];
  ticks: number[];
} {
  const hi = Math.max(...values);
  let lo = Math.min(...values);
  if (lo < 0) lo = Math.max(lo, -Math.max(hi, 10) / 4);
  // At least 5 points of percent, so a flat line does not magnify noise.
  const step = niceStep(Math.max(hi - lo, 5) / 5);
  const top = Math.ceil(hi / step) * step;
  const bottom =
    lo < 0 ? lo : Math.max(0, Math.floor((lo - step / 2) / step) * step);
  const ticks: number[] = [];
  for (
    let v = Math.max(0, Math.ceil(bottom / step) * step);
    v <= top;
    v += step
  ) {
    ticks.push(Number(v.toFixed(6)));
  }
  return { domain: [bottom, top], ticks };
}

/** A y-axis tick: percent of budget left, at most one decimal. */
export const formatTick = (v: number) => `${Number(v.toFixed(1))}%`;

/** `2026-01-09 14:00 UTC`: independent of the browser's locale and time zone. */
export function formatHour(t: number): string {
  return `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const dayTick = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

/** Time ticks: days when the axis spans more than two days, else hours (UTC). */
export function tickFormatter(spanMs: number) {
  return (t: number) =>
    spanMs > 2 * DAY
      ? dayTick.format(new Date(t))
      : new Date(t).toISOString().slice(11, 16);
}
