import Box from '@material-ui/core/Box';
import Link from '@material-ui/core/Link';
import Paper from '@material-ui/core/Paper';
import Typography from '@material-ui/core/Typography';
import { makeStyles, useTheme } from '@material-ui/core/styles';
import type { Verdict } from '@sre-health/backstage-plugin-sre-health-common';
import { InfoTip } from '../../shared/InfoTip';
import {
  VERDICT_STATE_KIND,
  VerdictFigures,
  VerdictStateLabel,
} from '../../shared/Verdict';

const useStyles = makeStyles(theme => ({
  panel: {
    padding: theme.spacing(2, 3),
    borderLeftWidth: 6,
    borderLeftStyle: 'solid',
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 2fr) minmax(16rem, 1fr)',
    gap: theme.spacing(3),
    // Side by side from 1280 px; below, the figures go under the actions.
    [theme.breakpoints.down('md')]: { gridTemplateColumns: 'minmax(0, 1fr)' },
  },
  headline: { display: 'flex', alignItems: 'center', gap: theme.spacing(1) },
  why: { fontWeight: 500 },
  first: { marginTop: theme.spacing(1) },
  actions: { margin: theme.spacing(1, 0, 0), paddingLeft: theme.spacing(3) },
  action: { marginBottom: theme.spacing(0.5) },
}));

/**
 * Jumps to the element an action is done in. The hash is set as well, so the stressor
 * table opens the named row, and the link can be shared.
 */
function goTo(anchor: string) {
  const target = document.getElementById(anchor);
  if (!target) return false;
  window.history.replaceState(window.history.state, '', `#${anchor}`);
  window.dispatchEvent(new HashChangeEvent('hashchange'));
  target.scrollIntoView({ behavior: 'smooth', block: 'start' });
  return true;
}

/**
 * The first thing on a service's SRE Health tab: its state, why, and up to three things to
 * do first, each linking to where it is done; the numbers that matter beside them.
 */
export function VerdictPanel(props: { verdict: Verdict }) {
  const { verdict } = props;
  const classes = useStyles();
  const theme = useTheme();
  const kind = VERDICT_STATE_KIND[verdict.state];
  return (
    <Paper
      component="section"
      aria-label="Verdict"
      id="verdict"
      className={classes.panel}
      style={{ borderLeftColor: theme.palette.status[kind] }}
    >
      <Box>
        <Box className={classes.headline}>
          <VerdictStateLabel state={verdict.state} variant="h5" />
          <InfoTip label="the verdict">
            Paging or ticket: an SLO's multi-window burn-rate alert fires. At
            risk: budget low or spent, a stressor at level 4 or 5, the team
            above the 50% ops cap, one person holding the service, or a compound
            risk (warnings of the chapter that meet on the service). Actions
            come in that order, at most three.
          </InfoTip>
        </Box>
        <Typography variant="subtitle1" component="h2" className={classes.why}>
          {verdict.headline}
        </Typography>
        <Typography
          variant="subtitle2"
          component="h3"
          className={classes.first}
        >
          What to do first
        </Typography>
        {verdict.actions.length === 0 ? (
          <Typography variant="body2">
            Nothing urgent: keep the SLOs and flags current.
          </Typography>
        ) : (
          <ol className={classes.actions} aria-label="What to do first">
            {verdict.actions.map(action => (
              <li key={action.key} className={classes.action}>
                <Typography variant="body1" component="span">
                  <Link
                    href={`#${action.anchor}`}
                    onClick={(e: React.MouseEvent) => {
                      if (goTo(action.anchor)) e.preventDefault();
                    }}
                  >
                    {action.text}
                  </Link>
                </Typography>
                <Typography
                  variant="body2"
                  color="textSecondary"
                  component="span"
                >
                  {' '}
                  — {action.reason}
                </Typography>
              </li>
            ))}
          </ol>
        )}
        {verdict.compoundRisks.length > 0 && (
          <>
            <Typography
              variant="subtitle2"
              component="h3"
              className={classes.first}
            >
              Compound risks
            </Typography>
            <ul className={classes.actions} aria-label="Compound risks">
              {verdict.compoundRisks.map(risk => (
                <li key={risk.key} className={classes.action}>
                  <Typography variant="body2" component="span">
                    {risk.title}
                  </Typography>
                  <Typography
                    variant="body2"
                    color="textSecondary"
                    component="span"
                  >
                    {' '}
                    — {risk.evidence.join('; ')}
                  </Typography>
                </li>
              ))}
            </ul>
          </>
        )}
      </Box>
      <VerdictFigures verdict={verdict} />
    </Paper>
  );
}
