import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import type {
  KnowledgeExclusionRule,
  TruckFactorSummary,
} from '@sre-health/backstage-plugin-sre-health-common';
import { Disclosure } from '../../shared/Disclosure';

const useStyles = makeStyles(theme => ({
  list: {
    margin: 0,
    paddingLeft: theme.spacing(2.5),
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    overflowWrap: 'anywhere',
    maxHeight: '16rem',
    overflowY: 'auto',
  },
}));

/** What each rule means, in the order the card lists them. */
export const RULE_LABELS: Record<KnowledgeExclusionRule, string> = {
  vendored: 'vendored',
  documentation: 'documentation',
  generated: 'generated',
  other: 'not code',
  config: 'configured',
};

function plural(n: number, one: string, many: string) {
  return `${n} ${n === 1 ? one : many}`;
}

/** "120 files left out: 80 vendored, 30 documentation, 10 not code", zero rules omitted. */
export function exclusionLine(tf: TruckFactorSummary): string | undefined {
  const exclusions = tf.exclusions;
  if (!exclusions || exclusions.count === 0) return undefined;
  const parts = (Object.keys(RULE_LABELS) as KnowledgeExclusionRule[])
    .filter(rule => exclusions.byRule[rule] > 0)
    .map(rule => `${exclusions.byRule[rule]} ${RULE_LABELS[rule]}`);
  return `${plural(exclusions.count, 'file', 'files')} left out: ${parts.join(
    ', ',
  )}`;
}

/**
 * How the figures were made: the files left out by GitHub Linguist's rules (and the
 * repository's .gitattributes or the configuration), the git identities counted as one
 * person, and objects a partial clone lacks.
 */
export function AnalysisNotes(props: { tf: TruckFactorSummary }) {
  const { tf } = props;
  const classes = useStyles();
  const line = exclusionLine(tf);
  const files = tf.exclusions?.files ?? [];
  const merged = tf.mergedIdentities ?? [];
  const missing = tf.missingObjects;
  return (
    <Box mt={1}>
      {missing && (
        <Alert severity="info">
          The repository lacks {plural(missing.count, 'object', 'objects')} (a
          partial clone): renames were followed only when the content did not
          change. Missing: {missing.shown.map(s => s.slice(0, 10)).join(', ')}
          {missing.count > missing.shown.length ? ', …' : ''}
        </Alert>
      )}
      {line && (
        <Disclosure
          label={`${line} (GitHub Linguist's rules)`}
          hideLabel="Hide files left out"
        >
          <ul className={classes.list} aria-label="files left out">
            {files.map(f => (
              <li key={f.path}>
                {f.path} — {RULE_LABELS[f.rule]}
              </li>
            ))}
          </ul>
          {tf.exclusions && tf.exclusions.count > files.length && (
            <Typography variant="caption" color="textSecondary">
              and {tf.exclusions.count - files.length} more
            </Typography>
          )}
        </Disclosure>
      )}
      {merged.length > 0 && (
        <Disclosure
          label={`${plural(
            merged.length,
            'person',
            'people',
          )} with several git identities`}
          hideLabel="Hide merged identities"
        >
          <ul className={classes.list} aria-label="merged identities">
            {merged.map(m => (
              <li key={m.person}>
                {m.person}: {m.identities.join(', ')} ({m.reasons.join(', ')})
              </li>
            ))}
          </ul>
        </Disclosure>
      )}
    </Box>
  );
}
