import Typography from '@material-ui/core/Typography';
import { Theme, useTheme } from '@material-ui/core/styles';
import type {
  SloStatus,
  SloSummary,
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
import { formatDate, formatPercent } from '../../utils/format';
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
 * from the full budget (100%) down to spent (0%) or below, coloured by the SLO's status.
 * @public
 */
export function SloBurnDownChart(props: SloBurnDownChartProps) {
  const { slo, height = 160 } = props;
  const theme = useTheme<Theme>();
  const { data, domain } = useMemo(() => burnDownData(slo), [slo]);
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
  const description =
    `${formatPercent(now, 1)} of the error budget left at the end, ` +
    `lowest ${formatPercent(lowest, 1)}, from ${count} hourly ` +
    `${count === 1 ? 'point' : 'points'} between ` +
    `${formatDate(slo.burnDown[0].t)} and ${formatDate(
      slo.burnDown[count - 1].t,
    )}.`;
  const color = statusColor(theme.palette, slo.status);
  const minRemaining = Math.min(0, ...data.map(d => d.remaining));
  const yMin = Math.floor(minRemaining / 25) * 25;

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
        domain={domain}
        tickFormatter={tickFormatter(domain[1] - domain[0])}
        tick={{ fontSize: 11, fill: theme.palette.text.secondary }}
        minTickGap={24}
      />
      <YAxis
        domain={[yMin, 100]}
        tickFormatter={(v: number) => `${v}%`}
        tick={{ fontSize: 11, fill: theme.palette.text.secondary }}
        width={44}
        allowDecimals={false}
      />
      <ReferenceLine
        y={100}
        stroke={theme.palette.text.secondary}
        strokeDasharray="4 4"
        ifOverflow="extendDomain"
        label={{
          value: 'full budget',
          position: 'insideTopRight',
          fontSize: 11,
          fill: theme.palette.text.secondary,
        }}
      />
      <ReferenceLine
        y={0}
        stroke={theme.palette.status.error}
        strokeDasharray="4 4"
        ifOverflow="extendDomain"
        label={{
          value: 'budget spent',
          position: 'insideBottomRight',
          fontSize: 11,
          fill: theme.palette.status.error,
        }}
      />
      <Tooltip
        labelFormatter={(t: number) => formatHour(t)}
        formatter={(value: number) => [
          `${Number(value.toFixed(1))}%`,
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
