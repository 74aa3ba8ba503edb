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
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatPercent } from '../../../utils/format';
import {
  ChartSize,
  formatWeekTick,
  ResponsiveChart,
  weekAxisProps,
  weekTime,
} from '../../shared/ResponsiveChart';

const pct = (share: number | null) =>
  share === null ? null : Math.round(share * 1000) / 10;

/** The chart's points: each week's typed and computed share in percent, null where absent. */
export function opsTimeChartData(weeks: ReadonlyArray<TeamOpsWeek>) {
  return weeks.map(w => ({
    week: w.weekStart,
    t: weekTime(w.weekStart),
    typed: pct(w.typedShare),
    computed: pct(w.computedShare),
  }));
}

/** @public */
export interface OpsTimeChartProps {
  weeks: ReadonlyArray<TeamOpsWeek>;
  height?: number;
}

/**
 * The team's weekly ops share, typed and computed side by side, against the 50% cap: two
 * lines, so a gap between what the team types and what its tools recorded shows.
 * @public
 */
export function OpsTimeChart(props: OpsTimeChartProps) {
  const { weeks, height = 200 } = props;
  const theme = useTheme();
  const descriptionId = useId();
  const points = opsTimeChartData(weeks);
  const typedWeeks = weeks.filter(w => w.typedShare !== null).length;
  const computedWeeks = weeks.filter(w => w.computedShare !== null).length;
  const chart = (size: ChartSize) => (
    <LineChart
      {...size}
      data={points}
      margin={{ top: 16, right: 16, bottom: 0, left: 0 }}
      title="Weekly ops share, typed and computed"
      aria-describedby={descriptionId}
      accessibilityLayer
    >
      <CartesianGrid
        strokeDasharray="3 3"
        vertical={false}
        stroke={theme.palette.divider}
      />
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
        y={OPS_LOAD_CAP * 100}
        stroke={theme.palette.status.error}
        strokeDasharray="4 4"
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
      <Line
        type="monotone"
        dataKey="computed"
        name="Computed (fires, pages, interrupts)"
        stroke={theme.palette.primary.main}
        strokeWidth={2}
        connectNulls
        isAnimationActive={false}
      />
      <Line
        type="monotone"
        dataKey="typed"
        name="Typed"
        stroke={theme.palette.text.secondary}
        strokeDasharray="6 3"
        strokeWidth={2}
        connectNulls
        isAnimationActive={false}
      />
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
        {`Computed weeks: ${computedWeeks}; typed weeks: ${typedWeeks}. A typed week overrides the computed one. Cap ${formatPercent(
          OPS_LOAD_CAP,
          0,
        )}.`}
      </Typography>
    </figure>
  );
}
