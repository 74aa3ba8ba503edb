import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  OPS_LOAD_CAP,
  OpsLoadSample,
  opsFigureOf,
  opsShare,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useId, useMemo } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatPercent } from '../../../utils/format';
import {
  capColors,
  capDot,
  capStroke,
  ChartSize,
  formatWeekTick,
  ResponsiveChart,
  weekAxisProps,
  weekTime,
} from '../../shared/ResponsiveChart';

const FALLBACK_WIDTH = 480;

/** @public */
export type OpsPeriod = 'before' | 'during' | 'after';

/** One week of the chart: ops share in percent and the part of the engagement it falls in. */
export interface EngagementOpsDatum {
  week: string;
  share: number | null;
  period: OpsPeriod;
}

/** The weeks, oldest first, each placed before, during or after the engagement. */
export function engagementOpsData(
  samples: ReadonlyArray<OpsLoadSample>,
  startDate: string,
  endDate: string | null,
): EngagementOpsDatum[] {
  return [...samples]
    .sort((a, b) => a.weekStart.localeCompare(b.weekStart))
    .map(s => {
      const share = opsShare(s);
      let period: OpsPeriod = 'during';
      if (s.weekStart < startDate) period = 'before';
      else if (endDate && s.weekStart > endDate) period = 'after';
      return {
        week: s.weekStart,
        share: share === null ? null : Math.round(share * 1000) / 10,
        period,
      };
    });
}

/** Hours-weighted ops share of each period, null without weeks. */
export function periodShares(
  samples: ReadonlyArray<OpsLoadSample>,
  startDate: string,
  endDate: string | null,
): Record<OpsPeriod, { share: number | null; weeks: number }> {
  const of = (period: OpsPeriod) => {
    const weeks = engagementOpsData(samples, startDate, endDate)
      .filter(d => d.period === period)
      .map(d => d.week);
    const figure = opsFigureOf(
      samples.filter(s => weeks.includes(s.weekStart)),
    );
    return { share: figure.opsShare, weeks: weeks.length };
  };
  return { before: of('before'), during: of('during'), after: of('after') };
}

/** @public */
export interface EngagementOpsLoadChartProps {
  samples: ReadonlyArray<OpsLoadSample>;
  startDate: string;
  endDate: string | null;
  height?: number;
}

/**
 * The team's weekly ops share before, during and after the engagement, against the 50% cap:
 * weeks placed by date, the line red only above the cap.
 * @public
 */
export function EngagementOpsLoadChart(props: EngagementOpsLoadChartProps) {
  const { samples, startDate, endDate, height = 220 } = props;
  const theme = useTheme();
  const descriptionId = useId();
  const data = useMemo(
    () => engagementOpsData(samples, startDate, endDate),
    [samples, startDate, endDate],
  );
  const shares = useMemo(
    () => periodShares(samples, startDate, endDate),
    [samples, startDate, endDate],
  );

  if (data.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No weekly ops-load samples for the team yet.
      </Typography>
    );
  }

  const points = data.map(d => ({ ...d, t: weekTime(d.week) }));
  const during = points.filter(d => d.period === 'during');
  const cap = OPS_LOAD_CAP * 100;
  const colors = capColors(theme);
  const { stroke, gradient } = capStroke(
    points.map(d => d.share),
    cap,
    colors,
    descriptionId,
  );
  const describe = (
    label: string,
    p: { share: number | null; weeks: number },
  ) =>
    p.weeks > 0
      ? `${label} ${formatPercent(p.share, 0)} (${p.weeks} week${
          p.weeks === 1 ? '' : 's'
        })`
      : undefined;
  const description = [
    describe('Before the engagement:', shares.before),
    describe('during:', shares.during),
    describe('after:', shares.after),
  ]
    .filter(Boolean)
    .join('; ')
    .concat(`. Cap ${formatPercent(OPS_LOAD_CAP, 0)}.`);

  const chart = (size: ChartSize) => (
    <LineChart
      {...size}
      data={points}
      margin={{ top: 16, right: 16, bottom: 0, left: 0 }}
      title="Weekly ops share before, during and after the engagement"
      aria-describedby={descriptionId}
      accessibilityLayer
    >
      <CartesianGrid
        strokeDasharray="3 3"
        vertical={false}
        stroke={theme.palette.divider}
      />
      {during.length > 0 && (
        <ReferenceArea
          x1={during[0].t}
          x2={during[during.length - 1].t}
          fill={theme.palette.primary.main}
          fillOpacity={0.08}
          label={{
            value: 'engagement',
            position: 'insideTop',
            fontSize: 11,
            fill: theme.palette.text.secondary,
          }}
        />
      )}
      {gradient}
      <XAxis
        {...weekAxisProps(points.map(d => d.t))}
        tick={{ fontSize: 11, fill: theme.palette.text.secondary }}
        minTickGap={16}
      />
      <YAxis
        domain={[0, 100]}
        ticks={[0, 25, 50, 75, 100]}
        tickFormatter={(v: number) => `${v}%`}
        tick={{ fontSize: 11, fill: theme.palette.text.secondary }}
        width={44}
      />
      <ReferenceLine
        y={cap}
        stroke={theme.palette.status.error}
        strokeDasharray="4 4"
        label={{
          value: `${formatPercent(OPS_LOAD_CAP, 0)} cap`,
          position: 'insideTopRight',
          fontSize: 11,
          fill: theme.palette.text.secondary,
        }}
      />
      <Tooltip
        formatter={(value: number) => [`${value}%`, 'Ops share']}
        labelFormatter={(t: number) => `Week of ${formatWeekTick(t)}`}
        contentStyle={{
          backgroundColor: theme.palette.background.paper,
          borderColor: theme.palette.divider,
          color: theme.palette.text.primary,
        }}
      />
      <Line
        type="monotone"
        dataKey="share"
        name="Ops share"
        stroke={stroke}
        strokeWidth={2}
        dot={capDot(cap, colors)}
        activeDot={{ r: 5 }}
        connectNulls
        isAnimationActive={false}
      />
    </LineChart>
  );

  return (
    <figure style={{ margin: 0 }}>
      <ResponsiveChart height={height} fallbackWidth={FALLBACK_WIDTH}>
        {chart}
      </ResponsiveChart>
      <Typography
        component="figcaption"
        id={descriptionId}
        variant="body2"
        color="textSecondary"
      >
        {description}
      </Typography>
    </figure>
  );
}
