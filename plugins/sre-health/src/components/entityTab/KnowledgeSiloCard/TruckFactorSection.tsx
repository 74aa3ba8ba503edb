import { useApi } from '@backstage/core-plugin-api';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import LinearProgress from '@material-ui/core/LinearProgress';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Alert from '@material-ui/lab/Alert';
import {
  KnowledgeSiloSummary,
  TruckFactorSummary,
  sreHealthAnnotationUpdatePermission,
} from '@sre-health/backstage-plugin-sre-health-common';
import { sreHealthApiRef } from '../../../api';
import { formatDate, formatPercent, personLabel } from '../../../utils/format';
import { useWrite } from '../../shared/ActionDialog';
import { AnalysisNotes } from './AnalysisNotes';

const useStyles = makeStyles(theme => ({
  author: {
    display: 'grid',
    gridTemplateColumns: 'minmax(6rem, 3fr) minmax(3rem, 2fr) auto',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(0.5),
  },
  name: {
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    minWidth: 0,
  },
  // A name never breaks: a long git identity ends in an ellipsis, its title has it whole.
  nameText: {
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    minWidth: 0,
  },
  nowrap: { whiteSpace: 'nowrap' },
  bar: { height: 8, borderRadius: 4 },
  files: {
    margin: 0,
    paddingLeft: theme.spacing(2.5),
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    // Paths may break anywhere (at slashes first); nothing else in the card does.
    overflowWrap: 'anywhere',
  },
}));

/** "Analyse now" for SREs: runs the analysis and hands the new summary back. */
function AnalyseButton(props: {
  entityRef: string;
  onAnalysed: (silo: KnowledgeSiloSummary) => void;
}) {
  const api = useApi(sreHealthApiRef);
  const { allowed } = usePermission({
    permission: sreHealthAnnotationUpdatePermission,
    resourceRef: props.entityRef,
  });
  const { run, busy, problem } = useWrite();
  if (!allowed) return null;
  const analyse = () =>
    run(() => api.analyzeKnowledge(props.entityRef), {
      success: 'Knowledge analysed',
      onDone: props.onAnalysed,
    });
  return (
    <Box mt={1}>
      <Button
        size="small"
        variant="outlined"
        color="primary"
        disabled={busy}
        onClick={analyse}
      >
        {busy ? 'Analysing…' : 'Analyse now'}
      </Button>
      {problem && (
        <Typography variant="body2" color="error" role="alert">
          Analysis failed: {problem.message}
        </Typography>
      )}
    </Box>
  );
}

function Figures(props: { tf: TruckFactorSummary }) {
  const { tf } = props;
  const classes = useStyles();
  const lost = tf.lostFiles;
  const withheld = tf.authorshipWithheld;
  const departed = withheld
    ? `${withheld.departed} departed ${
        withheld.departed === 1 ? 'person' : 'people'
      }`
    : tf.departedAuthors.map(a => personLabel(a.author)).join(', ');
  return (
    <>
      <Typography variant="body2" color="textSecondary">
        {tf.fileCount} source files
        {tf.analyzedAt ? `, analysed ${formatDate(tf.analyzedAt)}` : ''}
        {tf.headSha ? ` at ${tf.headSha.slice(0, 7)}` : ''}
      </Typography>
      {withheld && (
        <Typography variant="body2">
          {withheld.authors}{' '}
          {withheld.authors === 1 ? 'person authors' : 'people author'} its
          files
          {withheld.departed > 0
            ? `, ${withheld.departed} of them departed`
            : ''}
          . Who wrote what is shown to SREs and the owning team.
        </Typography>
      )}
      <Box mt={1} aria-label="top authors" role="list">
        {tf.topAuthors.map(a => {
          const share = formatPercent(a.share, 0);
          return (
            <div key={a.author} className={classes.author} role="listitem">
              <Typography
                variant="body2"
                component="span"
                title={a.author}
                className={classes.name}
              >
                <span className={classes.nameText}>
                  {personLabel(a.author)}
                </span>
                {a.departed && <Chip size="small" label="departed" />}
              </Typography>
              <LinearProgress
                className={classes.bar}
                variant="determinate"
                value={Math.round(a.share * 100)}
                color={a.departed ? 'secondary' : 'primary'}
                aria-label={`${personLabel(
                  a.author,
                )} authors ${share} of files`}
              />
              <Typography
                variant="caption"
                component="span"
                className={classes.nowrap}
              >
                {a.files} {a.files === 1 ? 'file' : 'files'} ({share})
              </Typography>
            </div>
          );
        })}
      </Box>
      {lost.count > 0 ? (
        <Box mt={1}>
          <Typography variant="subtitle2" component="p">
            Knowledge already lost: {lost.count}{' '}
            {lost.count === 1 ? 'file' : 'files'} only departed people wrote (
            {departed})
          </Typography>
          <ul className={classes.files} aria-label="lost files">
            {lost.paths.map(path => (
              <li key={path}>{path}</li>
            ))}
          </ul>
          {lost.count > lost.paths.length && (
            <Typography variant="caption" color="textSecondary">
              and {lost.count - lost.paths.length} more
            </Typography>
          )}
        </Box>
      ) : (
        !withheld &&
        tf.departedAuthors.length > 0 && (
          <Typography variant="body2" color="textSecondary">
            Departed authors ({tf.departedAuthors.length}) left no file without
            another author.
          </Typography>
        )
      )}
    </>
  );
}

/**
 * Code knowledge: top authors, knowledge already lost, or why the repository could not
 * be read. The card's summary shows the truck factor and why there is none.
 */
export function TruckFactorSection(props: {
  tf: TruckFactorSummary;
  entityRef: string;
  onAnalysed: (silo: KnowledgeSiloSummary) => void;
}) {
  const { tf, entityRef } = props;
  const analyse = tf.status !== 'none' && (
    <AnalyseButton entityRef={entityRef} onAnalysed={props.onAnalysed} />
  );
  return (
    <Box>
      {tf.status === 'unavailable' && (
        <Alert severity="warning">
          repository unavailable: {tf.reason}
          {tf.truckFactor !== null && ' (the figures below are the last known)'}
        </Alert>
      )}
      {tf.truckFactor !== null && <Figures tf={tf} />}
      {tf.truckFactor !== null && <AnalysisNotes tf={tf} />}
      {analyse}
    </Box>
  );
}
