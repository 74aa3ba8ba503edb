import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import type {
  ScorecardChange,
  ScorecardTrends as Trends,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useMemo } from 'react';
import {
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartSize, ResponsiveChart } from '../../shared/ResponsiveChart';

const FALLBACK_WIDTH = 600;
const HEIGHT = 260;
/** Most lines one chart draws: the series with the most open stressors now. */
export const MAX_LINES = 8;
const COLORS = [
  '#1f77b4',
  '#d62728',
  '#2ca02c',
  '#ff7f0e',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#17becf',
];

/** The series to draw: those with the most open stressors on the last day (then ever). */
export function topSeries<T extends { label: string; series: number[] }>(
  series: ReadonlyArray<T>,
  max = MAX_LINES,
): T[] {
  const last = (s: T) => s.series[s.series.length - 1] ?? 0;
  const peak = (s: T) => Math.max(0, ...s.series);
  return [...series]
    .filter(s => peak(s) > 0)
    .sort(
      (a, b) =>
        last(b) - last(a) ||
        peak(b) - peak(a) ||
        a.label.localeCompare(b.label),
    )
    .slice(0, max);
}

function TrendChart(props: {
  title: string;
  days: string[];
  series: Array<{ key: string; label: string; series: number[] }>;
}) {
  const theme = useTheme();
  const data = useMemo(
    () =>
      props.days.map((day, i) => ({
        day,
        ...Object.fromEntries(props.series.map(s => [s.key, s.series[i]])),
      })),
    [props.days, props.series],
  );
  const chart = (size: ChartSize) => (
    <LineChart
      {...size}
      data={data}
      margin={{ top: 8, right: 16, bottom: 0, left: 0 }}
      accessibilityLayer
      role="application"
      aria-label={props.title}
    >
      <CartesianGrid strokeDasharray="3 3" stroke={theme.palette.divider} />
      <XAxis
        dataKey="day"
        tick={{ fontSize: 11, fill: theme.palette.text.secondary }}
        minTickGap={24}
      />
      <YAxis
        allowDecimals={false}
        width={32}
        tick={{ fontSize: 11, fill: theme.palette.text.secondary }}
      />
      <Tooltip
        contentStyle={{
          backgroundColor: theme.palette.background.paper,
          borderColor: theme.palette.divider,
          color: theme.palette.text.primary,
        }}
      />
      <Legend wrapperStyle={{ fontSize: 12 }} />
      {props.series.map((s, i) => (
        <Line
          key={s.key}
          dataKey={s.key}
          name={s.label}
          stroke={COLORS[i % COLORS.length]}
          dot={false}
          isAnimationActive={false}
          type="monotone"
        />
      ))}
    </LineChart>
  );
  const plot = (
    <ResponsiveChart height={HEIGHT} fallbackWidth={FALLBACK_WIDTH}>
      {chart}
    </ResponsiveChart>
  );
  return (
    <>
      <Typography variant="subtitle2">{props.title}</Typography>
      {plot}
    </>
  );
}

/** `Payments: 1 → 3 (+2)`, and how much of a rise an engagement found. */
export function changeText(c: ScorecardChange): string {
  const delta = `${c.delta > 0 ? '+' : ''}${c.delta}`;
  let note = delta;
  if (c.found && c.found >= c.delta) note = `${delta} found`;
  else if (c.found) note = `${delta}; ${c.found} found during an engagement`;
  return `${c.label}: ${c.from} → ${c.to} (${note})`;
}

function Changes(props: {
  title: string;
  groups: Array<{ label: string; changes: ScorecardChange[] }>;
  empty: string;
  caption?: string;
}) {
  const groups = props.groups.filter(g => g.changes.length > 0);
  return (
    <section aria-label={props.title}>
      <Typography variant="subtitle2">{props.title}</Typography>
      {props.caption && (
        <Typography variant="caption" color="textSecondary" display="block">
          {props.caption}
        </Typography>
      )}
      {groups.length === 0 && (
        <Typography variant="body2" color="textSecondary">
          {props.empty}
        </Typography>
      )}
      {groups.map(g => (
        <List
          key={g.label}
          dense
          aria-label={`${props.title}: ${g.label}`}
          subheader={
            <Typography variant="caption" color="textSecondary">
              {g.label}
            </Typography>
          }
        >
          {g.changes.slice(0, 8).map(c => (
            <ListItem key={c.key} disableGutters>
              <ListItemText primary={changeText(c)} />
            </ListItem>
          ))}
        </List>
      ))}
    </section>
  );
}

/**
 * Open stressors over the snapshot history, per team and per stressor, and what improved,
 * what an embedded SRE found (discoveries, not regressions) and what got worse over the
 * last 30 days.
 */
export function ScorecardTrends(props: { trends: Trends }) {
  const { trends } = props;
  const teams = useMemo(
    () =>
      topSeries(trends.teams).map(t => ({
        key: t.groupRef,
        label: t.label,
        series: t.series,
      })),
    [trends.teams],
  );
  const stressors = useMemo(
    () => topSeries(trends.stressors),
    [trends.stressors],
  );
  if (trends.days.length === 0) {
    return (
      <Typography color="textSecondary">
        No snapshots yet: the scorecard task takes one a day.
      </Typography>
    );
  }
  const { changes } = trends;
  const since = changes.from
    ? `since ${changes.from}`
    : `in the last ${changes.windowDays} days`;
  return (
    <Grid container spacing={3}>
      <Grid item xs={12} md={6}>
        <TrendChart
          title={`Open stressors per team, ${trends.days[0]} to ${
            trends.days[trends.days.length - 1]
          }`}
          days={trends.days}
          series={teams}
        />
      </Grid>
      <Grid item xs={12} md={6}>
        <TrendChart
          title="Open stressors per stressor"
          days={trends.days}
          series={stressors}
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <Changes
          title={`Improved ${since}`}
          groups={[
            { label: 'By stressor', changes: changes.stressors.improved },
            { label: 'By team', changes: changes.teams.improved },
          ]}
          empty="Nothing improved."
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <Changes
          title={`Found during an engagement ${since}`}
          caption="Named by an embedded SRE: discoveries (phase 1's work), not regressions."
          groups={[
            {
              label: 'By stressor',
              changes: changes.stressors.discovered ?? [],
            },
            { label: 'By team', changes: changes.teams.discovered ?? [] },
          ]}
          empty="No engagement found new stressors."
        />
      </Grid>
      <Grid item xs={12} md={4}>
        <Changes
          title={`Got worse ${since}`}
          groups={[
            { label: 'By stressor', changes: changes.stressors.worsened },
            { label: 'By team', changes: changes.teams.worsened },
          ]}
          empty="Nothing got worse."
        />
      </Grid>
    </Grid>
  );
}
