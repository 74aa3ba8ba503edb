import { Theme, useTheme } from '@material-ui/core/styles';
import {
  AlertRuleState,
  AlertSeverity,
  BURN_RATE_WINDOWS,
  SloSummary,
  evaluateAlerts,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useId } from 'react';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Cell,
  LabelList,
  Legend,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { ChartSize, ResponsiveChart } from '../../shared/ResponsiveChart';
import { formatBurnRate } from '../../../utils/sloFormat';

/** The rules the backend evaluated, or (without any) the workbook's rules at this window. */
export function alertRules(slo: SloSummary): AlertRuleState[] {
  if (slo.alert?.rules?.length) {
    return slo.alert.rules;
  }
  return evaluateAlerts(slo.burnRates, slo.windowMs).rules;
}

/** One threshold line of the chart: the rules of a severity that share a threshold. */
interface ThresholdLine {
  severity: AlertSeverity;
  threshold: number;
  windows: string[];
}

function thresholdLines(rules: ReadonlyArray<AlertRuleState>): ThresholdLine[] {
  const lines: ThresholdLine[] = [];
  for (const rule of rules) {
    const same = lines.find(
      l => l.severity === rule.severity && l.threshold === rule.threshold,
    );
    if (same) same.windows.push(rule.long, rule.short);
    else
      lines.push({
        severity: rule.severity,
        threshold: rule.threshold,
        windows: [rule.long, rule.short],
      });
  }
  return lines;
}

/** The most severe rule a window's rate is above, counting only rules that use the window. */
function windowState(
  window: string,
  rate: number | null,
  lines: ReadonlyArray<ThresholdLine>,
): AlertSeverity | 'ok' {
  const above = lines.filter(
    l => rate !== null && rate > l.threshold && l.windows.includes(window),
  );
  if (above.some(l => l.severity === 'page')) return 'page';
  if (above.length > 0) return 'ticket';
  return 'ok';
}

const BAR_SIZE = 12;

/**
 * Each look-back window's burn rate as a bar, against the page and ticket thresholds of the
 * alert rules (vertical reference lines). A bar is red when its window is above a page
 * threshold of a rule using it, orange above a ticket threshold. Very fast burns are cut at
 * 2.5× the highest threshold, their value still written at the bar's end.
 */
export function BurnRateChart(props: { slo: SloSummary; height?: number }) {
  const { slo, height = 40 + BURN_RATE_WINDOWS.length * (BAR_SIZE + 6) } =
    props;
  const theme = useTheme<Theme>();
  const descriptionId = useId();
  const rates = new Map(slo.burnRates.map(b => [b.window, b.rate]));
  // a tier an alert policy switches off draws no threshold
  const lines = thresholdLines(alertRules(slo).filter(r => !r.off));
  const top = Math.max(1, ...lines.map(l => l.threshold));
  const cut = 2.5 * top;
  const data = BURN_RATE_WINDOWS.map(({ window }) => {
    const rate = rates.get(window) ?? null;
    return {
      window,
      rate,
      drawn: rate === null ? 0 : Math.min(rate, cut),
      label: formatBurnRate(rate),
      state: windowState(window, rate, lines),
    };
  });
  const max = Math.max(top, ...data.map(d => d.drawn));
  const color = {
    page: theme.palette.status.error,
    ticket: theme.palette.status.warning,
    ok: theme.palette.text.secondary,
  };
  const title = slo.displayName || slo.name;
  const above = data.filter(d => d.state !== 'ok');
  const thresholds = (['page', 'ticket'] as const)
    .map(severity => {
      const of = lines.filter(l => l.severity === severity);
      return of.length
        ? `${severity} at ${of
            .map(
              l => `${formatBurnRate(l.threshold)} (${l.windows.join(', ')})`,
            )
            .join(' and ')}`
        : undefined;
    })
    .filter(Boolean)
    .join('; ');
  const description = `Thresholds: ${thresholds}. ${
    above.length
      ? `Above: ${above.map(d => `${d.window} ${d.label}`).join(', ')}.`
      : 'No window is above its thresholds.'
  }`;
  const legendText = (value: string) => (
    <span style={{ color: theme.palette.text.secondary }}>{value}</span>
  );

  const chart = (size: ChartSize) => (
    <BarChart
      {...size}
      data={data}
      layout="vertical"
      margin={{ top: 16, right: 48, bottom: 0, left: 0 }}
      // An image with a description: the numbers are in the table beside it.
      role="img"
      aria-label={`Burn rates of ${title} against the alert thresholds`}
      aria-describedby={descriptionId}
      barSize={BAR_SIZE}
    >
      <CartesianGrid
        strokeDasharray="3 3"
        horizontal={false}
        stroke={theme.palette.divider}
      />
      <XAxis
        type="number"
        domain={[0, Math.ceil(max * 1.05)]}
        tickFormatter={(v: number) => `${v}×`}
        tick={{ fontSize: 11, fill: theme.palette.text.secondary }}
        allowDecimals={false}
      />
      <YAxis
        type="category"
        dataKey="window"
        width={40}
        tick={{ fontSize: 11, fill: theme.palette.text.secondary }}
      />
      <Tooltip
        formatter={(
          _v: number,
          _n: string,
          item: { payload?: { label: string } },
        ) => [item.payload?.label ?? '—', 'burn rate']}
        contentStyle={{
          backgroundColor: theme.palette.background.paper,
          borderColor: theme.palette.divider,
          color: theme.palette.text.primary,
        }}
      />
      <Legend
        verticalAlign="bottom"
        height={20}
        iconSize={12}
        formatter={legendText}
        payload={[
          {
            value: 'page threshold',
            type: 'plainline',
            color: color.page,
            payload: { strokeDasharray: '6 3' },
          } as any,
          {
            value: 'ticket threshold',
            type: 'plainline',
            color: color.ticket,
            payload: { strokeDasharray: '2 2' },
          } as any,
        ]}
      />
      {lines.map(l => (
        <ReferenceLine
          key={`${l.severity}-${l.threshold}`}
          x={l.threshold}
          stroke={color[l.severity]}
          strokeWidth={2}
          strokeDasharray={l.severity === 'page' ? '6 3' : '2 2'}
          label={{
            value: formatBurnRate(l.threshold),
            position: 'top',
            fontSize: 10,
            fill: theme.palette.text.secondary,
          }}
        />
      ))}
      <Bar dataKey="drawn" name="burn rate" isAnimationActive={false}>
        {data.map(d => (
          <Cell key={d.window} fill={color[d.state]} />
        ))}
        <LabelList
          dataKey="label"
          position="right"
          fontSize={11}
          fill={theme.palette.text.primary}
        />
      </Bar>
    </BarChart>
  );

  return (
    <>
      <ResponsiveChart height={height} fallbackWidth={400}>
        {chart}
      </ResponsiveChart>
      <span id={descriptionId} hidden>
        {description}
      </span>
    </>
  );
}
