import IconButton from '@material-ui/core/IconButton';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Popover from '@material-ui/core/Popover';
import Tooltip from '@material-ui/core/Tooltip';
import InfoIcon from '@material-ui/icons/InfoOutlined';
import { SCORECARD_HIGH_LEVEL } from '@sre-health/backstage-plugin-sre-health-common';
import { useState } from 'react';
import { formatDate } from '../../../utils/format';

const LABEL = 'How to read the scorecard';

/** The scorecard's explanations, behind an info icon in the page header. */
export function ScorecardInfo(props: { syncedAt?: string | null }) {
  const [anchor, setAnchor] = useState<HTMLElement | null>(null);
  const { syncedAt } = props;
  const items: Array<[string, string]> = [
    [
      'Ranking',
      "Services rank by the highest stress level their team rated of an open or mitigating stressor, then by how many stressors are rated at that level, then by the highest level the evidence proposes for the stressors nobody rated yet, then by name. Stress is what the team feels: a detector's proposal never outranks a rating. Levels are never added up: one level 5 stressor outweighs any number of level 2 ones.",
    ],
    [
      'Verdict',
      `The header counts the services that match the filters with a stressor open that the team rated ${SCORECARD_HIGH_LEVEL} or 5.`,
    ],
    [
      'Cells',
      "One column per stressor of SRE book chapter 30, and one per custom stressor in use. A cell is open or mitigating (mit.) with its level, or dismissed; a level followed by ? is the evidence's proposal, which nobody on the team has rated yet. Each cell links to the evidence on the service's SRE Health tab, where the team rates it.",
    ],
    [
      'Teams',
      'Per group (nested groups included): how many of its services have each stressor open or mitigating, as the services read.',
    ],
    [
      'Other columns',
      "The worst SLO and what is left of its error budget, the truck factor of the repository, the owner team's ops share of its latest week and its engagement.",
    ],
    [
      'Catalog',
      syncedAt
        ? `Services are copied from the catalog every few minutes; last synced ${formatDate(
            syncedAt,
          )} ${syncedAt.slice(11, 16)} UTC.`
        : 'Services are copied from the catalog shortly after the backend starts.',
    ],
  ];
  return (
    <>
      <Tooltip title={LABEL}>
        <IconButton
          color="inherit"
          aria-label={LABEL}
          aria-haspopup="dialog"
          onClick={e => setAnchor(e.currentTarget)}
        >
          <InfoIcon />
        </IconButton>
      </Tooltip>
      <Popover
        open={Boolean(anchor)}
        anchorEl={anchor}
        onClose={() => setAnchor(null)}
        anchorOrigin={{ vertical: 'bottom', horizontal: 'right' }}
        transformOrigin={{ vertical: 'top', horizontal: 'right' }}
        PaperProps={{
          role: 'dialog',
          'aria-label': LABEL,
          style: { maxWidth: 440 },
        }}
      >
        <List dense>
          {items.map(([primary, secondary]) => (
            <ListItem key={primary}>
              <ListItemText primary={primary} secondary={secondary} />
            </ListItem>
          ))}
        </List>
      </Popover>
    </>
  );
}
