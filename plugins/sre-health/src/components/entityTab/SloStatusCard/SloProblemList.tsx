import Typography from '@material-ui/core/Typography';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import type { SloDefinitionProblem } from '@sre-health/backstage-plugin-sre-health-common';

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
            <strong>{p.document}</strong>, <code>{p.path}</code>: {p.message}
            <Typography variant="caption" display="block" color="textSecondary">
              in {p.location}
            </Typography>
          </li>
        ))}
      </ul>
    </Alert>
  );
}
