import type { SiloRisk } from '@sre-health/backstage-plugin-sre-health-common';
import { StatusText } from '../StatusText';

export function RiskStatus(props: { risk: SiloRisk }) {
  const label = `${props.risk} risk`;
  switch (props.risk) {
    case 'high':
      return <StatusText kind="error">{label}</StatusText>;
    case 'medium':
      return <StatusText kind="warning">{label}</StatusText>;
    default:
      return <StatusText kind="ok">{label}</StatusText>;
  }
}
