import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import Paper from '@material-ui/core/Paper';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  SCORECARD_HIGH_LEVEL,
  STRESSORS,
  ScorecardTeamRow,
  customStressorLabel,
  engagementPhaseTitle,
  formatScorecardPercent,
} from '@sre-health/backstage-plugin-sre-health-common';
import { STRESSOR_SHORT_LABELS, useEntityPath } from '../ScorecardMatrix';

const useStyles = makeStyles(theme => ({
  container: { overflowX: 'auto' },
  // headings wrap between words only, names and figures not at all
  head: {
    verticalAlign: 'bottom',
    lineHeight: 1.2,
    // doubled class: stronger than the theme's head cell (`word-break: break-word`)
    '&&': {
      whiteSpace: 'normal',
      wordBreak: 'keep-all',
      overflowWrap: 'normal',
      hyphens: 'manual',
    },
    minWidth: 64,
    fontSize: theme.typography.caption.fontSize,
  },
  noWrap: { '&&': { whiteSpace: 'nowrap', wordBreak: 'normal' } },
  sticky: {
    position: 'sticky',
    left: 0,
    zIndex: 1,
    backgroundColor: theme.palette.background.paper,
    boxShadow: `1px 0 0 ${theme.palette.divider}`,
  },
  none: { color: theme.palette.text.secondary },
  some: { fontWeight: theme.typography.fontWeightBold as number },
}));

/**
 * Group rows: per stressor, how many of a group's services (its nested groups' services
 * included) have it open or mitigating, read in the same direction as the services'
 * cells. Indented by depth; a group's button narrows the page to it.
 */
export function ScorecardTeams(props: {
  teams: ScorecardTeamRow[];
  customStressors?: string[];
  onSelectOwner?: (groupRef: string) => void;
}) {
  const classes = useStyles();
  const entityLink = useEntityPath();
  const stressors = [
    ...STRESSORS.map(s => ({
      key: s.key as string,
      title: s.title,
      label: STRESSOR_SHORT_LABELS[s.key],
    })),
    ...(props.customStressors ?? []).map(key => ({
      key,
      title: customStressorLabel(key),
      label: customStressorLabel(key),
    })),
  ];
  if (props.teams.length === 0) {
    return (
      <Box p={2}>
        <Typography color="textSecondary">
          No groups yet: the scorecard task copies them from the catalog.
        </Typography>
      </Box>
    );
  }
  const head = (label: string, title: string, align?: 'center') => (
    <TableCell className={classes.head} align={align}>
      <Tooltip title={title}>
        <span>{label}</span>
      </Tooltip>
    </TableCell>
  );
  return (
    <TableContainer component={Paper} className={classes.container}>
      <Table size="small" aria-label="Scorecard by team">
        <TableHead>
          <TableRow>
            <TableCell className={`${classes.head} ${classes.sticky}`}>
              Group
            </TableCell>
            {head(
              'Services',
              'Services of the group and its nested groups',
              'center',
            )}
            {head(
              `Level ${SCORECARD_HIGH_LEVEL}+`,
              `Services with a stressor open that the team rated ${SCORECARD_HIGH_LEVEL} or 5`,
              'center',
            )}
            {stressors.map(s => (
              <TableCell key={s.key} className={classes.head} align="center">
                <Tooltip title={`${s.title}: services with it open`}>
                  <span>{s.label}</span>
                </Tooltip>
              </TableCell>
            ))}
            {head('Ops share', "The group's latest sampled week", 'center')}
            {head('Engagement', "The group's active engagement", 'center')}
            {props.onSelectOwner && <TableCell className={classes.head} />}
          </TableRow>
        </TableHead>
        <TableBody>
          {props.teams.map(team => {
            const name = team.title ?? team.name;
            return (
              <TableRow
                key={team.groupRef}
                data-testid={`team-${team.groupRef}`}
              >
                <TableCell className={`${classes.noWrap} ${classes.sticky}`}>
                  <Box pl={team.depth * 2}>
                    <Link to={entityLink(team.groupRef)}>{name}</Link>
                    {team.type && (
                      <Typography variant="caption"> {team.type}</Typography>
                    )}
                  </Box>
                </TableCell>
                <TableCell align="center">{team.services}</TableCell>
                <TableCell
                  align="center"
                  aria-label={`${team.highStress} of ${team.services} services with a stressor open that the team rated ${SCORECARD_HIGH_LEVEL} or 5`}
                  className={team.highStress ? classes.some : classes.none}
                >
                  {team.highStress}
                </TableCell>
                {stressors.map(s => {
                  const open = team.open[s.key] ?? 0;
                  return (
                    <TableCell key={s.key} align="center">
                      {team.services === 0 ? (
                        '—'
                      ) : (
                        <span
                          className={open ? classes.some : classes.none}
                          aria-label={`${s.title}: open on ${open} of ${team.services} services`}
                        >
                          {open}
                        </span>
                      )}
                    </TableCell>
                  );
                })}
                <TableCell align="center" className={classes.noWrap}>
                  {team.opsShare === null
                    ? '—'
                    : formatScorecardPercent(team.opsShare)}
                </TableCell>
                <TableCell align="center" className={classes.noWrap}>
                  {team.engagement
                    ? engagementPhaseTitle(team.engagement.phase)
                    : '—'}
                </TableCell>
                {props.onSelectOwner && (
                  <TableCell>
                    <Button
                      size="small"
                      onClick={() => props.onSelectOwner!(team.groupRef)}
                      aria-label={`Show the services of ${name}`}
                    >
                      Services
                    </Button>
                  </TableCell>
                )}
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
