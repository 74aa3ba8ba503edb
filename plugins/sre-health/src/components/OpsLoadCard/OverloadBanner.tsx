import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import {
  Engagement,
  OPS_LOAD_CAP,
  OpsLoadSummary,
  PHASES,
} from '@internal/backstage-plugin-sre-health-common';
import { formatPercent, shortRef } from '../../utils/format';

/** @public */
export interface OverloadBannerProps {
  opsLoad: OpsLoadSummary | null;
  engagement: Engagement | null;
}

/**
 * Operational overload, the condition that starts an engagement: the team's ops work
 * went above the 50% cap. Renders nothing when the team is under the cap.
 * @public
 */
export function OverloadBanner(props: OverloadBannerProps) {
  const { opsLoad, engagement } = props;
  if (!opsLoad?.overloaded) {
    return null;
  }
  const team = shortRef(opsLoad.teamRef);
  const latest = opsLoad.samples[opsLoad.samples.length - 1];
  const phase = engagement
    ? PHASES.find(p => p.phase === engagement.phase)?.title
    : undefined;
  return (
    <Alert severity="warning">
      <AlertTitle>Operational overload</AlertTitle>
      Ops work took {formatPercent(opsLoad.latestOpsShare, 0)} of {team}'s time
      {latest ? ` in the week of ${latest.weekStart}` : ''}, above the{' '}
      {formatPercent(OPS_LOAD_CAP, 0)} cap.{' '}
      {engagement
        ? `${shortRef(engagement.sreRef)} is embedded with the team (${
            phase ?? engagement.phase
          }).`
        : 'Embed one SRE with the team to recover: more tickets must not mean more SREs.'}
    </Alert>
  );
}
