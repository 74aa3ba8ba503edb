import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  OPS_LOAD_CAP,
  TeamOpsWeek,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useId } from 'react';
import {
  CartesianGrid,
  Legend,
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
  capDot,
  capStroke,
  ChartSize,
  formatWeekTick,
  ResponsiveChart,
  weekAxisProps,
  weekTime,
} from '../ResponsiveChart';

/** One week of the chart: the typed and the computed ops share, null where absent. */
export type OpsShareWeek = Pick<
  TeamOpsWeek,
  'weekStart' | 'typedShare' | 'computedShare'
>;

/** Where a week lies against an engagement. */
export type OpsPeriod = 'before' | 'during' | 'after';

/** An engagement's dates; `endDate` is null while it runs. */
export interface OpsShareSpan {
  startDate: string;
  endDate: string | null;
}

/** Whether a week starts before, during or after the engagement. */
export function periodOf(weekStart: string, span: OpsShareSpan): OpsPeriod {
  if (weekStart < span.startDate) return 'before';
  if (span.endDate && weekStart > span.endDate) return 'after';
  return 'during';
}

const pct = (share: number | null) =>
  share === null ? null : Math.round(share * 1000) / 10;

/** The chart's points, oldest first: each week's typed and computed share in percent. */
export function opsShareChartData(weeks: ReadonlyArray<OpsShareWeek>) {
  return [...weeks]
    .sort((a, b) => a.weekStart.localeCompare(b.weekStart))
    .map(w => ({
      week: w.weekStart,
      t: weekTime(w.weekStart),
      typed: pct(w.typedShare),
      computed: pct(w.computedShare),
    }));
}

export interface WeeklyOpsShareChartProps {
  weeks: ReadonlyArray<OpsShareWeek>;
  /** The caption under the chart, also its accessible description. */
  description: string;
  /** Shades the engagement's weeks, labels the cap and marks typed weeks above it in red. */
  engagement?: OpsShareSpan;
  height?: number;
}

/**
 * A team's weekly ops share, typed and computed side by side, against the 50% cap: two
 * lines, so a gap between what the team types and what its tools recorded shows; with an
 * engagement, its weeks shaded between the weeks before and after it.
 */
export function WeeklyOpsShareChart(props: WeeklyOpsShareChartProps) {
  const { weeks, description, engagement, height = 200 } = props;
  const theme = useTheme();
  const descriptionId = useId();
  const points = opsShareChartData(weeks);
  const has = {
    typed: points.some(p => p.typed !== null),
    computed: points.some(p => p.computed !== null),
  };
  const cap = OPS_LOAD_CAP * 100;
  const muted = { fontSize: 11, fill: theme.palette.text.secondary };
  const during = engagement
    ? points.filter(p => periodOf(p.week, engagement) === 'during')
    : [];
  const colors = {
    above: theme.palette.status.error,
    normal: theme.palette.text.secondary,
  };
  const typedCap = engagement
    ? capStroke(
        points.map(p => p.typed),
        cap,
        colors,
        descriptionId,
      )
    : { stroke: colors.normal, gradient: null };
  const chart = (size: ChartSize) => (
    <LineChart
      {...size}
      data={points}
      margin={{ top: 16, right: 16, bottom: 0, left: 0 }}
      title={`Weekly ops share, typed and computed${
        engagement ? ', before, during and after the engagement' : ''
      }`}
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
          label={{ value: 'engagement', position: 'insideTop', ...muted }}
        />
      )}
      {typedCap.gradient}
      <XAxis
        {...weekAxisProps(points.map(p => p.t))}
        tick={muted}
        minTickGap={16}
      />
      <YAxis
        domain={[0, 100]}
        ticks={[0, 25, 50, 75, 100]}
        tickFormatter={(v: number) => `${v}%`}
        tick={muted}
        width={44}
      />
      <ReferenceLine
        y={cap}
        stroke={theme.palette.status.error}
        strokeDasharray="4 4"
        label={
          engagement && {
            value: `${formatPercent(OPS_LOAD_CAP, 0)} cap`,
            position: 'insideTopRight',
            ...muted,
          }
        }
      />
      <Tooltip
        formatter={(value: number, name: string) => [`${value}%`, name]}
        labelFormatter={(t: number) => `Week of ${formatWeekTick(t)}`}
        contentStyle={{
          backgroundColor: theme.palette.background.paper,
          borderColor: theme.palette.divider,
          color: theme.palette.text.primary,
        }}
      />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {/* a series without a week of data is left out, legend and all */}
      {has.computed && (
        <Line
          type="monotone"
          dataKey="computed"
          name="Computed (fires, pages, interrupts)"
          stroke={theme.palette.primary.main}
          strokeWidth={2}
          connectNulls
          isAnimationActive={false}
        />
      )}
      {has.typed && (
        <Line
          type="monotone"
          dataKey="typed"
          name="Typed"
          stroke={typedCap.stroke}
          strokeDasharray="6 3"
          strokeWidth={2}
          {...(engagement && {
            dot: capDot(cap, colors),
            activeDot: { r: 5 },
          })}
          connectNulls
          isAnimationActive={false}
        />
      )}
    </LineChart>
  );
  return (
    <figure style={{ margin: 0 }}>
      <ResponsiveChart height={height} fallbackWidth={480}>
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
