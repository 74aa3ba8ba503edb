import Typography from '@material-ui/core/Typography';
import { Theme, useTheme } from '@material-ui/core/styles';
import {
  SloStatus,
  SloSummary,
  describeExhaustion,
} from '@sre-health/backstage-plugin-sre-health-common';
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
import { formatDate } from '../../../utils/format';
import { formatBudgetLeft, formatBurnRate } from '../../../utils/sloFormat';
import { ChartSize, ResponsiveChart } from '../../shared/ResponsiveChart';
import {
  burnDownAxis,
  burnDownData,
  burnDownProjection,
  formatHour,
  formatTick,
  tickFormatter,
} from './burnDownGeometry';

const FALLBACK_WIDTH = 400;

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
      {/* The chart's words for screen readers; sighted readers have the verdict and the
          firing rule's sentence above the chart. */}
      <Typography id={descriptionId} variant="srOnly" component="p">
        {description}
      </Typography>
    </>
  );
}
