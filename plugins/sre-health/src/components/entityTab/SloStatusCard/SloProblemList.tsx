import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import type {
  SloDefinitionProblem,
  SloNotComputable,
} from '@sre-health/backstage-plugin-sre-health-common';

/** SLO definitions that could not be used, with where and why, so their authors can fix them. */
export function SloProblemList(props: { problems: SloDefinitionProblem[] }) {
  const { problems } = props;
  return (
    <Alert
      severity="warning"
      role="region"
      aria-label="SLO definition problems"
    >
      <AlertTitle>
        {problems.length === 1
          ? 'An SLO definition could not be used'
          : `${problems.length} SLO definitions could not be used`}
      </AlertTitle>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {problems.map((p, i) => (
          <li key={i}>
            <strong>{p.document}</strong>
            {p.index !== undefined && ` (document ${p.index})`},{' '}
            <code>{p.path}</code>: {p.message}
            <Typography variant="caption" display="block" color="textSecondary">
              in {p.location}
            </Typography>
          </li>
        ))}
      </ul>
    </Alert>
  );
}

/**
 * Valid SLOs SRE Health does not compute, with why (e.g. no reader for Datadog): a neutral
 * note, not an error, since the definition itself is fine.
 */
export function SloNotComputableList(props: { slos: SloNotComputable[] }) {
  const { slos } = props;
  return (
    <Alert
      severity="info"
      role="region"
      aria-label="SLOs defined, not computable here"
    >
      <AlertTitle>
        {slos.length === 1
          ? '1 SLO defined, not computable here'
          : `${slos.length} SLOs defined, not computable here`}
      </AlertTitle>
      <ul style={{ margin: 0, paddingLeft: 20 }}>
        {slos.map((s, i) => (
          <li key={i}>
            <strong>{s.displayName || s.name}</strong>: {s.reason}
            {s.location && (
              <Typography
                variant="caption"
                display="block"
                color="textSecondary"
              >
                {s.document} in {s.location}
              </Typography>
            )}
          </li>
        ))}
      </ul>
    </Alert>
  );
}
