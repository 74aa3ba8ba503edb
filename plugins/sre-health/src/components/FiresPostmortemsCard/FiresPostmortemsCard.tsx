import { InfoCard } from '@backstage/core-components';
import Box from '@material-ui/core/Box';
import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import {
  FIRE_KINDS,
  Fire,
  FireKind,
  Postmortem,
} from '@internal/backstage-plugin-sre-health-common';
import { formatDate } from '../../utils/format';

const KIND_HELP: Record<FireKind, string> = {
  toil: 'Fires that should never happen: automate them away.',
  overhead: 'Legitimate work that merely causes stress.',
  unsorted: 'Not yet sorted into toil or overhead.',
};

/** How many of the latest postmortems the card lists. */
export const LATEST_POSTMORTEMS = 3;

/** @public */
export interface FiresPostmortemsCardProps {
  fires: Fire[];
  postmortems: Postmortem[];
}

/**
 * Fires sorted by type (toil versus overhead) and the latest postmortems: the context
 * an embedded SRE shares with the team.
 * @public
 */
export function FiresPostmortemsCard(props: FiresPostmortemsCardProps) {
  const { fires, postmortems } = props;
  const counts = Object.fromEntries(
    FIRE_KINDS.map(kind => [kind, fires.filter(f => f.kind === kind).length]),
  ) as Record<FireKind, number>;
  const latest = [...postmortems]
    .sort((a, b) => b.occurredAt.localeCompare(a.occurredAt))
    .slice(0, LATEST_POSTMORTEMS);

  return (
    <InfoCard title="Fires & postmortems">
      <Typography variant="overline" color="textSecondary" display="block">
        Fires by type
      </Typography>
      <Grid container spacing={2}>
        {FIRE_KINDS.map(kind => (
          <Grid item xs={4} key={kind}>
            <Tooltip title={KIND_HELP[kind]}>
              <Box textAlign="center" tabIndex={0}>
                <Typography
                  variant="h4"
                  component="p"
                  aria-label={`${counts[kind]} ${kind}`}
                >
                  {counts[kind]}
                </Typography>
                <Typography variant="caption">{kind}</Typography>
              </Box>
            </Tooltip>
          </Grid>
        ))}
      </Grid>
      <Box mt={2}>
        <Typography variant="overline" color="textSecondary" display="block">
          Latest postmortems
        </Typography>
        {latest.length === 0 ? (
          <Typography variant="body2" color="textSecondary">
            No postmortem recorded yet. Lead the next one, blameless: ask why
            the system misled the people who acted on it.
          </Typography>
        ) : (
          <List dense disablePadding>
            {latest.map(pm => (
              <ListItem key={pm.id} disableGutters>
                <ListItemText
                  primary={pm.title}
                  secondary={`${formatDate(pm.occurredAt)} · ${
                    pm.actionItems.length
                  } action item${pm.actionItems.length === 1 ? '' : 's'}`}
                />
              </ListItem>
            ))}
          </List>
        )}
      </Box>
    </InfoCard>
  );
}
