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
} from '@internal/backstage-plugin-sre-health-common';
import { useState } from 'react';
import { sreHealthApiRef } from '../../api';
import { formatDate, formatPercent } from '../../utils/format';
import { personLabel } from './people';

const useStyles = makeStyles(theme => ({
  author: {
    display: 'grid',
    gridTemplateColumns: 'minmax(6rem, 1fr) 2fr auto',
    alignItems: 'center',
    gap: theme.spacing(1),
    marginBottom: theme.spacing(0.5),
  },
  bar: { height: 8, borderRadius: 4 },
  files: {
    margin: 0,
    paddingLeft: theme.spacing(2.5),
    fontFamily: 'monospace',
    fontSize: '0.8rem',
    wordBreak: 'break-all',
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
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<Error>();
  if (!allowed) return null;
  const analyse = async () => {
    setBusy(true);
    setError(undefined);
    try {
      props.onAnalysed(await api.analyzeKnowledge(props.entityRef));
    } catch (e) {
      setError(e as Error);
    } finally {
      setBusy(false);
    }
  };
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
      {error && (
        <Typography variant="body2" color="error" role="alert">
          Analysis failed: {error.message}
        </Typography>
      )}
    </Box>
  );
}

function Figures(props: { tf: TruckFactorSummary }) {
  const { tf } = props;
  const classes = useStyles();
  const lost = tf.lostFiles;
  return (
    <>
      <Typography variant="body2" color="textSecondary">
        {tf.fileCount} source files
        {tf.analyzedAt ? `, analysed ${formatDate(tf.analyzedAt)}` : ''}
        {tf.headSha ? ` at ${tf.headSha.slice(0, 7)}` : ''}
      </Typography>
      <Box mt={1} aria-label="top authors" role="list">
        {tf.topAuthors.map(a => {
          const share = formatPercent(a.share, 0);
          return (
            <div key={a.author} className={classes.author} role="listitem">
              <Typography variant="body2" component="span" title={a.author}>
                {personLabel(a.author)}
                {a.departed && (
                  <Chip
                    size="small"
                    label="departed"
                    style={{ marginLeft: 4 }}
                  />
                )}
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
              <Typography variant="caption" component="span">
                {a.files} files ({share})
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
            {tf.departedAuthors.map(a => personLabel(a.author)).join(', ')})
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
 * Code knowledge: truck factor, top authors, knowledge already lost, or why the
 * repository could not be analysed.
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
    <Box mt={2}>
      <Typography variant="h6" component="h3">
        Code knowledge
      </Typography>
      {tf.status === 'none' && (
        <Typography variant="body2" color="textSecondary">
          {tf.reason}
        </Typography>
      )}
      {tf.status === 'pending' && (
        <Typography variant="body2" color="textSecondary">
          {tf.reason}
        </Typography>
      )}
      {tf.status === 'unavailable' && (
        <Alert severity="warning">
          repository unavailable: {tf.reason}
          {tf.truckFactor !== null && ' (the figures below are the last known)'}
        </Alert>
      )}
      {tf.truckFactor !== null && <Figures tf={tf} />}
      {analyse}
    </Box>
  );
}
