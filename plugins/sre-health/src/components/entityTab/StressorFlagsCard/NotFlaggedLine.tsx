import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Chip from '@material-ui/core/Chip';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import Add from '@material-ui/icons/Add';
import ExpandLess from '@material-ui/icons/ExpandLess';
import ExpandMore from '@material-ui/icons/ExpandMore';
import { InfoTip } from '../../shared/InfoTip';
import { StressorHelp } from './FlagRow';
import { StressorRow, stressorAnchor } from './rows';

/** The card's count line, its explanation behind an info icon. */
export function StressorsSubheader(props: { counts: string }) {
  return (
    <Box
      component="span"
      display="inline-flex"
      alignItems="center"
      style={{ gap: 4 }}
    >
      {props.counts}
      <InfoTip label="stressors">
        The kindling of SRE book chapter 30: what makes a team's operational
        work stressful. Stress is what the team feels: the level is the team's
        rating (anyone on the team, or the SRE, rates a flag with Rate); a
        detector's evidence only proposes one until then. Open and mitigating
        flags come first, rated ones by their rating before the proposals, then
        by how long they have been open. Detectors raise flags that an SRE
        confirms (✓) or dismisses. Open a row for its evidence, the detector's
        facts and its history.
      </InfoTip>
    </Box>
  );
}

/** Shows or hides the resolved and dismissed flags (the table's last rows). */
export function ClosedToggle(props: {
  count: number;
  shown: boolean;
  /** The id of the rows it shows. */
  controls: string;
  onToggle: () => void;
}) {
  const { count, shown, controls, onToggle } = props;
  if (count === 0) return null;
  return (
    <Box px={1} pt={0.5}>
      <Button
        size="small"
        aria-expanded={shown}
        aria-controls={controls}
        startIcon={shown ? <ExpandLess /> : <ExpandMore />}
        onClick={onToggle}
      >
        {shown
          ? 'Hide resolved and dismissed'
          : `Show resolved and dismissed (${count})`}
      </Button>
    </Box>
  );
}

/**
 * The stressors nobody flags now, as one line of chips under the table. Each chip carries
 * its stressor's anchor when it is the stressor's only place on the card; for someone who
 * may flag, each is the button `Flag <title>`.
 */
export function NotFlaggedLine(props: {
  rows: Array<StressorRow & { flaggedBefore: boolean }>;
  anchorOf: ReadonlyMap<string, string>;
  targetKey?: string;
  onFlag?: (stressorKey: string) => void;
}) {
  const { rows, anchorOf, targetKey, onFlag } = props;
  if (rows.length === 0) return null;
  return (
    // label and chips flow as one line of text, wrapping between chips
    <Box px={2} py={1}>
      <Typography
        variant="body2"
        color="textSecondary"
        component="span"
        style={{ marginRight: 8 }}
      >
        Not flagged:
      </Typography>
      <Box
        component="ul"
        aria-label="Stressors not flagged"
        display="inline"
        m={0}
        p={0}
        style={{ listStyle: 'none' }}
      >
        {rows.map(row => {
          const anchored = anchorOf.get(row.stressorKey) === row.id;
          const extra = row.flaggedBefore
            ? 'Flagged before and resolved: flag it again if it is back.'
            : undefined;
          const common = {
            id: anchored ? stressorAnchor(row.stressorKey) : undefined,
            size: 'small' as const,
            variant: 'outlined' as const,
            color:
              row.stressorKey === targetKey
                ? ('primary' as const)
                : ('default' as const),
            label: row.title,
          };
          return (
            <li
              key={row.id}
              style={{ display: 'inline-block', margin: '4px 8px 4px 0' }}
            >
              <Tooltip
                title={<StressorHelp row={row} extra={extra} />}
                placement="bottom-start"
              >
                {onFlag ? (
                  <Chip
                    {...common}
                    icon={<Add />}
                    aria-label={`Flag ${row.title}`}
                    onClick={() => onFlag(row.stressorKey)}
                  />
                ) : (
                  <Chip {...common} tabIndex={0} />
                )}
              </Tooltip>
            </li>
          );
        })}
      </Box>
    </Box>
  );
}
