import { InfoCard } from '@backstage/core-components';
import Typography from '@material-ui/core/Typography';
import { useTheme } from '@material-ui/core/styles';
import {
  OPS_LOAD_CAP,
  OpsLoadSummary,
  opsShare,
} from '@internal/backstage-plugin-sre-health-common';
import { useId, useMemo } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatPercent, shortRef } from '../../utils/format';
import { ChartSize, ResponsiveChart } from '../ResponsiveChart';

const FALLBACK_WIDTH = 400;

/** One week of the chart: ops share in percent, null for a week without hours. */
export interface OpsLoadDatum {
  week: string;
  share: number | null;
  opsHours: number;
  projectHours: number;
}

/** The weeks to draw, oldest first. */
export function opsLoadData(opsLoad: OpsLoadSummary): OpsLoadDatum[] {
  return [...opsLoad.samples]
    .sort((a, b) => a.weekStart.localeCompare(b.weekStart))
    .map(s => {
      const share = opsShare(s);
      return {
        week: s.weekStart,
        share: share === null ? null : Math.round(share * 1000) / 10,
        opsHours: s.opsHours,
        projectHours: s.projectHours,
      };
    });
}

/** @public */
export interface OpsLoadCardProps {
  opsLoad: OpsLoadSummary | null;
  /** The team that owns the entity, for the empty state. */
  teamRef: string | null;
  /** Height of the plot in pixels; the width follows the card. */
  height?: number;
}

/**
 * The team's weekly share of operational work over time, against the 50% cap an SRE team
 * keeps to: above it, the team slides into operational overload.
 * @public
 */
export function OpsLoadCard(props: OpsLoadCardProps) {
  const { opsLoad, teamRef, height = 200 } = props;
  const theme = useTheme();
  const descriptionId = useId();
  const data = useMemo(() => (opsLoad ? opsLoadData(opsLoad) : []), [opsLoad]);
  const team = shortRef(opsLoad?.teamRef ?? teamRef);
  const cap = OPS_LOAD_CAP * 100;
  const capLabel = `${formatPercent(OPS_LOAD_CAP, 0)} cap`;

  if (!opsLoad || data.length === 0) {
    return (
      <InfoCard title="Ops load">
        <Typography variant="body2" color="textSecondary">
          {teamRef || opsLoad
            ? `No weekly ops-load samples for ${team} yet. Record each week's ops and project hours to see whether ops work stays under the ${capLabel}.`
            : 'The entity has no owner team, so there is no ops load to show.'}
        </Typography>
      </InfoCard>
    );
  }

  const measured = data.filter(d => d.share !== null);
  const above = measured.filter(d => d.share! > cap).length;
  const latest = measured[measured.length - 1];
  const description = latest
    ? `${team}'s ops work took ${latest.share}% of its time in the week of ${
        latest.week
      }; ${above} of ${measured.length} week${
        measured.length === 1 ? '' : 's'
      } above the ${capLabel}.`
    : `No week of ${team} has any hours recorded yet.`;
  const line = opsLoad.overloaded
    ? theme.palette.status.error
    : theme.palette.primary.main;

  const chart = (size: ChartSize) => (
    <LineChart
      {...size}
      data={data}
      margin={{ top: 16, right: 16, bottom: 0, left: 0 }}
      title={`Weekly ops share of ${team}`}
      aria-describedby={descriptionId}
      accessibilityLayer
    >
      <CartesianGrid
        strokeDasharray="3 3"
        vertical={false}
        stroke={theme.palette.divider}
      />
      <XAxis
        dataKey="week"
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
          value: capLabel,
          position: 'insideTopRight',
          fontSize: 11,
          fill: theme.palette.status.error,
        }}
      />
      <Tooltip
        formatter={(value: number, _name, item) => {
          const d = item.payload as OpsLoadDatum;
          return [
            `${value}% (${d.opsHours} h ops, ${d.projectHours} h project)`,
            'ops share',
          ];
        }}
        labelFormatter={(week: string) => `Week of ${week}`}
        contentStyle={{
          backgroundColor: theme.palette.background.paper,
          borderColor: theme.palette.divider,
          color: theme.palette.text.primary,
        }}
      />
      <Line
        type="linear"
        dataKey="share"
        name="ops share"
        stroke={line}
        strokeWidth={2}
        dot={{ r: 3, fill: line }}
        isAnimationActive={false}
      />
    </LineChart>
  );

  const plot = (
    <ResponsiveChart height={height} fallbackWidth={FALLBACK_WIDTH}>
      {chart}
    </ResponsiveChart>
  );

  return (
    <InfoCard
      title="Ops load"
      subheader={`Share of ${team}'s time spent on operational work, week by week; keep it at or below ${formatPercent(
        OPS_LOAD_CAP,
        0,
      )}.`}
    >
      {plot}
      <Typography
        id={descriptionId}
        variant="caption"
        color="textSecondary"
        component="p"
      >
        {description}
      </Typography>
    </InfoCard>
  );
}
