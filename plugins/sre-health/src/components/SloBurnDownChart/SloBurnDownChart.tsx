import Typography from '@material-ui/core/Typography';
import { Theme, useTheme } from '@material-ui/core/styles';
import {
  SloStatus,
  SloSummary,
  currentBurn,
  describeExhaustion,
  timeToExhaustion,
} from '@internal/backstage-plugin-sre-health-common';
import { useId, useMemo } from 'react';
import {
  Area,
  AreaChart,
  CartesianGrid,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatDate } from '../../utils/format';
import { formatBudgetLeft, formatBurnRate } from '../SloStatusCard/sloFormat';
import { ChartSize, ResponsiveChart } from '../ResponsiveChart';

const DAY = 24 * 3600 * 1000;
const FALLBACK_WIDTH = 400;

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

const formatTick = (v: number) => `${Number(v.toFixed(1))}%`;

/** `2026-01-09 14:00 UTC`: independent of the browser's locale and time zone. */
export function formatHour(t: number): string {
  return `${new Date(t).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

const dayTick = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  timeZone: 'UTC',
});

function tickFormatter(spanMs: number) {
  return (t: number) =>
    spanMs > 2 * DAY
      ? dayTick.format(new Date(t))
      : new Date(t).toISOString().slice(11, 16);
}

function statusColor(palette: Theme['palette'], status: SloStatus): string {
  return {
    healthy: palette.status.ok,
    'at-risk': palette.status.warning,
    breached: palette.status.error,
    'no-data': palette.status.pending,
  }[status];
}

/** @public */
export interface SloBurnDownChartProps {
  slo: SloSummary;
  /** Height of the plot in pixels; the width follows the card. */
  height?: number;
}

/**
 * The error-budget burn-down of one SLO: the share of the budget left over the SLO window,
 * on an axis that fits the data, coloured by the SLO's status, with a dashed projection to
 * exhaustion at the current burn when the budget runs out within the window.
 * @public
 */
export function SloBurnDownChart(props: SloBurnDownChartProps) {
  const { slo, height = 160 } = props;
  const theme = useTheme<Theme>();
  const { data, domain } = useMemo(() => burnDownData(slo), [slo]);
  const projection = useMemo(
    () => burnDownProjection(slo, data, domain),
    [slo, data, domain],
  );
  const descriptionId = useId();
  const title = slo.displayName || slo.name;

  if (data.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No burn-down data yet
      </Typography>
    );
  }

  const count = slo.burnDown.length;
  const values = slo.burnDown.map(p => p.budgetRemaining);
  const now = values[values.length - 1];
  const lowest = Math.min(...values);
  const spentAt = slo.burnDown.find(p => p.budgetRemaining <= 0)?.t;
  const points =
    `from ${count} hourly ${count === 1 ? 'point' : 'points'} between ` +
    `${formatDate(slo.burnDown[0].t)} and ${formatDate(
      slo.burnDown[count - 1].t,
    )}.`;
  const gone = projection && describeExhaustion(projection.exhaustedInMs);
  const description = [
    now <= 0
      ? `The error budget is exhausted${
          spentAt ? ` since ${formatHour(Date.parse(spentAt))}` : ''
        }, ${points}`
      : `${formatBudgetLeft(now)} of the error budget left at the end, ` +
        `lowest ${formatBudgetLeft(lowest)}, ${points}`,
    projection &&
      `At the ${projection.burn.window} burn rate of ${formatBurnRate(
        projection.burn.rate,
      )} it is gone in ${gone}, by ${formatHour(projection.exhaustedAt)}.`,
  ]
    .filter(Boolean)
    .join(' ');
  const color = statusColor(theme.palette, slo.status);
  const axis = burnDownAxis([
    ...data.map(d => d.remaining),
    ...(projection ? [projection.to.remaining] : []),
  ]);
  const xDomain: [number, number] = [
    domain[0],
    Math.max(domain[1], projection?.to.t ?? domain[1]),
  ];

  const chart = (size: ChartSize) => (
    <AreaChart
      {...size}
      data={data}
      margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
      title={`Error budget burn-down of ${title} over ${slo.window}`}
      aria-describedby={descriptionId}
      accessibilityLayer
    >
      <CartesianGrid
        strokeDasharray="3 3"
        vertical={false}
        stroke={theme.palette.divider}
      />
      <XAxis
        dataKey="t"
        type="number"
        scale="time"
        domain={xDomain}
        allowDataOverflow
        tickFormatter={tickFormatter(xDomain[1] - xDomain[0])}
        tick={{ fontSize: 11, fill: theme.palette.text.secondary }}
        minTickGap={24}
      />
      <YAxis
        domain={axis.domain}
        ticks={axis.ticks}
        allowDataOverflow
        tickFormatter={formatTick}
        tick={{ fontSize: 11, fill: theme.palette.text.secondary }}
        width={48}
      />
      <ReferenceLine
        y={100}
        stroke={theme.palette.text.secondary}
        strokeDasharray="4 4"
        ifOverflow="discard"
        label={{
          value: 'full budget',
          position: 'insideTopLeft',
          fontSize: 11,
          fill: theme.palette.text.secondary,
        }}
      />
      <ReferenceLine
        y={0}
        stroke={theme.palette.status.error}
        strokeDasharray="4 4"
        ifOverflow="discard"
        label={{
          value: 'budget spent',
          // Clear of the projection, which ends on this line at the right.
          position: projection ? 'insideBottomLeft' : 'insideBottomRight',
          fontSize: 11,
          fill: theme.palette.text.secondary,
        }}
      />
      {projection && (
        <ReferenceLine
          className="sre-health-burn-down-projection"
          segment={[
            { x: projection.from.t, y: projection.from.remaining },
            { x: projection.to.t, y: projection.to.remaining },
          ]}
          stroke={theme.palette.status.error}
          strokeWidth={2}
          strokeDasharray="6 4"
          ifOverflow="visible"
          label={{
            value: `gone in ${gone}`,
            position: 'insideTopRight',
            fontSize: 11,
            fontWeight: 'bold',
            fill: theme.palette.text.primary,
          }}
        />
      )}
      <Tooltip
        labelFormatter={(t: number) => formatHour(t)}
        formatter={(value: number) => [
          formatBudgetLeft(value / 100),
          'budget remaining',
        ]}
        contentStyle={{
          backgroundColor: theme.palette.background.paper,
          borderColor: theme.palette.divider,
          color: theme.palette.text.primary,
        }}
      />
      <Area
        type="stepAfter"
        dataKey="remaining"
        name="budget remaining"
        stroke={color}
        fill={color}
        fillOpacity={0.25}
        isAnimationActive={false}
        dot={false}
      />
    </AreaChart>
  );

  const plot = (
    <ResponsiveChart height={height} fallbackWidth={FALLBACK_WIDTH}>
      {chart}
    </ResponsiveChart>
  );
  return (
    <>
      {plot}
      <Typography
        id={descriptionId}
        variant="caption"
        color="textSecondary"
        component="p"
      >
        {description}
      </Typography>
    </>
  );
}
