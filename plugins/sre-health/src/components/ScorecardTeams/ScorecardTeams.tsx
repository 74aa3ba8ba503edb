import { Link } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableContainer from '@material-ui/core/TableContainer';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  STRESSORS,
  ScorecardTeamRow,
  engagementPhaseTitle,
  formatScorecardPercent,
} from '@internal/backstage-plugin-sre-health-common';
import { STRESSOR_SHORT_LABELS, useEntityPath } from '../ScorecardMatrix';

const useStyles = makeStyles(theme => ({
  head: {
    verticalAlign: 'bottom',
    lineHeight: 1.2,
    fontSize: theme.typography.caption.fontSize,
  },
  good: { color: theme.palette.status.ok },
  fair: { color: theme.palette.status.warning },
  poor: { color: theme.palette.status.error, fontWeight: 700 },
}));

/**
 * Group rows: per stressor, the share of a group's services (its nested groups' services
 * included) free of it. Indented by depth; a group's button narrows the page to it.
 */
export function ScorecardTeams(props: {
  teams: ScorecardTeamRow[];
  onSelectOwner?: (groupRef: string) => void;
}) {
  const classes = useStyles();
  const entityLink = useEntityPath();
  const shareClass = (share: number) => {
    if (share >= 0.9) return classes.good;
    if (share >= 0.6) return classes.fair;
    return classes.poor;
  };
  if (props.teams.length === 0) {
    return (
      <Typography color="textSecondary">
        No groups yet: the scorecard task copies them from the catalog.
      </Typography>
    );
  }
  return (
    <TableContainer>
      <Table size="small" aria-label="Scorecard by team">
        <TableHead>
          <TableRow>
            <TableCell className={classes.head}>Group</TableCell>
            <TableCell className={classes.head} align="center">
              Services
            </TableCell>
            <TableCell className={classes.head} align="center">
              Total stress
            </TableCell>
            {STRESSORS.map(s => (
              <TableCell key={s.key} className={classes.head} align="center">
                <Tooltip title={`${s.title}: share of services free of it`}>
                  <span>{STRESSOR_SHORT_LABELS[s.key]}</span>
                </Tooltip>
              </TableCell>
            ))}
            <TableCell className={classes.head} align="center">
              Ops share
            </TableCell>
            <TableCell className={classes.head} align="center">
              Engagement
            </TableCell>
            {props.onSelectOwner && <TableCell className={classes.head} />}
          </TableRow>
        </TableHead>
        <TableBody>
          {props.teams.map(team => (
            <TableRow key={team.groupRef} data-testid={`team-${team.groupRef}`}>
              <TableCell>
                <Box pl={team.depth * 2}>
                  <Link to={entityLink(team.groupRef)}>
                    {team.title ?? team.name}
                  </Link>
                  {team.type && (
                    <Typography variant="caption" color="textSecondary">
                      {' '}
                      {team.type}
                    </Typography>
                  )}
                </Box>
              </TableCell>
              <TableCell align="center">{team.services}</TableCell>
              <TableCell align="center">{team.totalStress}</TableCell>
              {STRESSORS.map(s => {
                const share = team.free[s.key];
                return (
                  <TableCell key={s.key} align="center">
                    {share === null ? (
                      '—'
                    ) : (
                      <span
                        className={shareClass(share)}
                        aria-label={`${s.title}: ${formatScorecardPercent(
                          share,
                        )} of ${team.services} services free`}
                      >
                        {formatScorecardPercent(share)}
                      </span>
                    )}
                  </TableCell>
                );
              })}
              <TableCell align="center">
                {team.opsShare === null
                  ? '—'
                  : formatScorecardPercent(team.opsShare)}
              </TableCell>
              <TableCell align="center">
                {team.engagement
                  ? engagementPhaseTitle(team.engagement.phase)
                  : '—'}
              </TableCell>
              {props.onSelectOwner && (
                <TableCell>
                  <Button
                    size="small"
                    onClick={() => props.onSelectOwner!(team.groupRef)}
                    aria-label={`Show the services of ${
                      team.title ?? team.name
                    }`}
                  >
                    Services
                  </Button>
                </TableCell>
              )}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </TableContainer>
  );
}
