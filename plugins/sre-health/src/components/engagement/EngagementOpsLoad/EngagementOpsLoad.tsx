import { useApi } from '@backstage/core-plugin-api';
import Typography from '@material-ui/core/Typography';
import {
  OPS_LOAD_CAP,
  OpsLoadSample,
  TeamOpsWeek,
  opsFigureOf,
  opsShare,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useMemo } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { sreHealthApiRef } from '../../../api';
import { formatPercent } from '../../../utils/format';
import {
  OpsPeriod,
  OpsShareSpan,
  OpsShareWeek,
  periodOf,
  WeeklyOpsShareChart,
} from '../../shared/WeeklyOpsShareChart';

type PeriodShare = { share: number | null; weeks: number };
const PERIODS: OpsPeriod[] = ['before', 'during', 'after'];

/**
 * The chart's weeks: the record's typed samples beside the team's computed weeks
 * (`GET /ops-time`), one row a week.
 */
export function engagementOpsWeeks(
  samples: ReadonlyArray<OpsLoadSample>,
  computed: ReadonlyArray<TeamOpsWeek>,
): OpsShareWeek[] {
  const weeks = new Map<string, OpsShareWeek>();
  const at = (weekStart: string) => {
    const week = weeks.get(weekStart) ?? {
      weekStart,
      typedShare: null,
      computedShare: null,
    };
    weeks.set(weekStart, week);
    return week;
  };
  for (const s of samples) at(s.weekStart).typedShare = opsShare(s);
  for (const w of computed) {
    if (w.computedShare !== null) {
      at(w.weekStart).computedShare = w.computedShare;
    }
  }
  return [...weeks.values()];
}

/** Each period's ops share: typed hours-weighted over the samples, computed over capacity. */
export function periodShares(
  samples: ReadonlyArray<OpsLoadSample>,
  computed: ReadonlyArray<TeamOpsWeek>,
  span: OpsShareSpan,
): Record<'typed' | 'computed', Record<OpsPeriod, PeriodShare>> {
  const per = (of: (period: OpsPeriod) => PeriodShare) =>
    Object.fromEntries(PERIODS.map(p => [p, of(p)])) as Record<
      OpsPeriod,
      PeriodShare
    >;
  return {
    typed: per(period => {
      const inPeriod = samples.filter(
        s => periodOf(s.weekStart, span) === period,
      );
      return {
        share: opsFigureOf(inPeriod).opsShare,
        weeks: inPeriod.length,
      };
    }),
    computed: per(period => {
      const terms = computed.flatMap(w =>
        w.computed &&
        w.computedShare !== null &&
        periodOf(w.weekStart, span) === period
          ? [w.computed]
          : [],
      );
      const ops = terms.reduce((sum, t) => sum + t.opsHours, 0);
      const capacity = terms.reduce((sum, t) => sum + t.capacityHours, 0);
      return {
        share: capacity > 0 ? ops / capacity : null,
        weeks: terms.length,
      };
    }),
  };
}

/** "Typed: before the engagement 60% (1 week); during 50% (2 weeks)." */
function describe(label: string, shares: Record<OpsPeriod, PeriodShare>) {
  const words = {
    before: 'before the engagement',
    during: 'during',
    after: 'after',
  };
  const parts = PERIODS.filter(p => shares[p].weeks > 0).map(p => {
    const { share, weeks } = shares[p];
    return `${words[p]} ${formatPercent(share, 0)} (${weeks} week${
      weeks === 1 ? '' : 's'
    })`;
  });
  return parts.length > 0 ? `${label}: ${parts.join('; ')}.` : '';
}

/** @public */
export interface EngagementOpsLoadProps {
  teamRef: string;
  samples: ReadonlyArray<OpsLoadSample>;
  startDate: string;
  endDate: string | null;
  height?: number;
}

/**
 * The team's weekly ops share before, during and after the engagement, typed and computed,
 * against the 50% cap. The typed weeks come with the record; the computed ones are fetched
 * for the team, and while they load or when they fail the typed line stands alone.
 * @public
 */
export function EngagementOpsLoad(props: EngagementOpsLoadProps) {
  const { teamRef, samples, startDate, endDate, height = 220 } = props;
  const api = useApi(sreHealthApiRef);
  const opsTime = useAsync(() => api.getOpsTime(teamRef), [api, teamRef]);
  const computed = useMemo(() => opsTime.value?.weeks ?? [], [opsTime.value]);
  const span = useMemo(() => ({ startDate, endDate }), [startDate, endDate]);
  const weeks = useMemo(
    () => engagementOpsWeeks(samples, computed),
    [samples, computed],
  );
  const shares = useMemo(
    () => periodShares(samples, computed, span),
    [samples, computed, span],
  );

  let status = '';
  if (opsTime.loading) status = 'Loading the computed weeks.';
  else if (opsTime.error) {
    status = `The computed weeks could not be loaded (${opsTime.error.message}); showing the typed weeks only.`;
  } else if (!computed.some(w => w.computedShare !== null)) {
    status =
      'No computed weeks: SRE Health has recorded no fires, pages or interrupts for the team.';
  }
  if (weeks.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        {opsTime.loading
          ? status
          : ['No weekly ops-load samples for the team yet.', status]
              .filter(Boolean)
              .join(' ')}
      </Typography>
    );
  }
  const description = [
    describe('Typed', shares.typed),
    describe('Computed', shares.computed),
    status,
    `Cap ${formatPercent(OPS_LOAD_CAP, 0)}.`,
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <WeeklyOpsShareChart
      weeks={weeks}
      description={description}
      engagement={span}
      height={height}
    />
  );
}
