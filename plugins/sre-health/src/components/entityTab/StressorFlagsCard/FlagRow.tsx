import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import IconButton from '@material-ui/core/IconButton';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Tooltip from '@material-ui/core/Tooltip';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import KeyboardArrowDown from '@material-ui/icons/KeyboardArrowDown';
import KeyboardArrowRight from '@material-ui/icons/KeyboardArrowRight';
import {
  StressorFlag,
  isRated,
} from '@sre-health/backstage-plugin-sre-health-common';
import { Fragment, ReactNode } from 'react';
import { formatDate } from '../../../utils/format';
import { StatusText } from '../../shared/StatusText';
import { FlagDetails } from './FlagDetails';
import {
  SOURCE_HELP,
  SOURCE_LABELS,
  flaggedBy,
  formatDuration,
  isClosed,
  openDuration,
} from './flagFormat';
import { StressorRow, stressorAnchor } from './rows';

export const useFlagTableStyles = makeStyles(theme => ({
  table: {
    // Cells hold short words and dates: they never break inside a word; what does not
    // fit scrolls inside the card (the wrapper's overflowX).
    '& th, & td': {
      padding: theme.spacing(0.75, 1),
      overflowWrap: 'normal',
      wordBreak: 'normal',
    },
    '& th:first-child, & td:first-child': { paddingLeft: theme.spacing(1) },
  },
  nowrap: { whiteSpace: 'nowrap' },
  rate: { minWidth: 0, padding: theme.spacing(0, 0.5), marginLeft: -4 },
  title: { minWidth: 140 },
}));

/** What a stressor means (the book's description) and when it becomes visible. */
export function StressorHelp(props: { row: StressorRow; extra?: string }) {
  const { row, extra } = props;
  return (
    <>
      {row.definition ? (
        <>
          <Typography variant="body2" paragraph>
            {row.definition.description}
          </Typography>
          <Typography variant="body2">
            Visible when: {row.definition.visibleWhen}
          </Typography>
        </>
      ) : (
        <Typography variant="body2">
          Custom stressor ({row.stressorKey}), not one of the book's eight.
        </Typography>
      )}
      {extra && (
        <Typography variant="body2" style={{ marginTop: 8 }}>
          {extra}
        </Typography>
      )}
    </>
  );
}

function StressorTitle(props: { row: StressorRow }) {
  const { row } = props;
  return (
    <Tooltip title={<StressorHelp row={row} />} placement="bottom-start">
      <Typography variant="body2" component="span" tabIndex={0}>
        <strong>{row.title}</strong>
      </Typography>
    </Tooltip>
  );
}

function FlagState(props: { flag: StressorFlag }) {
  switch (props.flag.status) {
    case 'open':
      return <StatusText kind="error">open</StatusText>;
    case 'mitigating':
      return <StatusText kind="warning">mitigating</StatusText>;
    case 'dismissed':
      return <StatusText kind="pending">dismissed</StatusText>;
    case 'exempt':
      return (
        <StatusText kind="pending">
          exempt until {props.flag.exemptUntil}
        </StatusText>
      );
    default:
      return <StatusText kind="ok">resolved</StatusText>;
  }
}

/**
 * The level that counts, whose it is (the team's rating, or the evidence's proposal while
 * nobody rated), the proposal beside a rating that differs from it, and the Rate button.
 */
function StressLevel(props: {
  flag: StressorFlag;
  title: string;
  onRate?: () => void;
}) {
  const { flag, title, onRate } = props;
  const classes = useFlagTableStyles();
  const rated = isRated(flag);
  const caption = (text: string) => (
    <Typography
      variant="caption"
      color="textSecondary"
      display="block"
      className={classes.nowrap}
    >
      {text}
    </Typography>
  );
  return (
    <>
      <Typography
        variant="body2"
        className={classes.nowrap}
        aria-label={`stress level ${flag.stressLevel} of 5`}
      >
        {flag.stressLevel} / 5
      </Typography>
      {rated
        ? caption(`rated by ${flaggedBy(flag.ratedBy ?? 'unknown')}`)
        : caption('proposed, not rated yet')}
      {rated &&
        flag.proposedLevel !== flag.stressLevel &&
        caption(
          flag.source === 'sre'
            ? `flagged at ${flag.proposedLevel}`
            : `evidence says ${flag.proposedLevel}`,
        )}
      {onRate && (
        <Button
          size="small"
          color="primary"
          className={classes.rate}
          aria-label={`Rate ${title}`}
          onClick={onRate}
        >
          Rate
        </Button>
      )}
    </>
  );
}

/** The table's head: the columns of {@link FlagTableRow}. */
export function FlagTableHead(props: { withActions: boolean }) {
  const classes = useFlagTableStyles();
  return (
    <TableHead>
      <TableRow className={classes.nowrap}>
        <TableCell padding="checkbox">
          <Typography variant="srOnly">Details</Typography>
        </TableCell>
        <TableCell className={classes.title}>Stressor</TableCell>
        <TableCell>Level</TableCell>
        <TableCell>State</TableCell>
        <TableCell>Open for</TableCell>
        <TableCell>Flagged by</TableCell>
        {props.withActions && <TableCell align="right">Actions</TableCell>}
      </TableRow>
    </TableHead>
  );
}

/**
 * One flag: its stressor, level (rated or proposed), state, how long it has been open, who flagged
 * it and from where, its actions; expanded, its evidence, facts and history below it.
 */
export function FlagTableRow(props: {
  row: StressorRow & { flag: StressorFlag };
  /** The element id `stressor-<key>`, on the one row that anchors the stressor. */
  anchored: boolean;
  selected: boolean;
  expanded: boolean;
  onToggle: () => void;
  withActions: boolean;
  actions: ReactNode;
  /** Opens the rating dialog; absent when the user may not rate or the flag is closed. */
  onRate?: () => void;
  now: number;
}) {
  const { row, anchored, selected, expanded, onToggle, withActions, now } =
    props;
  const { flag } = row;
  const classes = useFlagTableStyles();
  const detailsId = `sre-health-flag-details-${row.id}`;
  const closed = isClosed(flag);
  const confirmed = flag.confirmedBy
    ? ` Confirmed by ${flaggedBy(flag.confirmedBy)}.`
    : '';
  return (
    <Fragment>
      <TableRow
        id={anchored ? stressorAnchor(row.stressorKey) : undefined}
        selected={selected}
      >
        <TableCell padding="checkbox">
          <IconButton
            size="small"
            aria-label={`Details of ${row.title}`}
            aria-expanded={expanded}
            aria-controls={expanded ? detailsId : undefined}
            onClick={onToggle}
          >
            {expanded ? <KeyboardArrowDown /> : <KeyboardArrowRight />}
          </IconButton>
        </TableCell>
        <TableCell
          component="th"
          scope="row"
          role="rowheader"
          className={classes.title}
        >
          <StressorTitle row={row} />
        </TableCell>
        <TableCell>
          <StressLevel flag={flag} title={row.title} onRate={props.onRate} />
        </TableCell>
        <TableCell className={classes.nowrap}>
          <FlagState flag={flag} />
        </TableCell>
        <TableCell className={classes.nowrap}>
          <Typography variant="body2">
            {closed ? 'was open ' : ''}
            {formatDuration(openDuration(flag, now))}
          </Typography>
          <Typography variant="caption" color="textSecondary" display="block">
            {closed ? 'flagged' : 'since'} {formatDate(flag.createdAt)}
          </Typography>
        </TableCell>
        <TableCell className={classes.nowrap}>
          <Typography variant="body2">{flaggedBy(flag.author)}</Typography>
          <Tooltip title={`${SOURCE_HELP[flag.source]}${confirmed}`}>
            <Typography variant="caption" color="textSecondary" display="block">
              {SOURCE_LABELS[flag.source]}
            </Typography>
          </Tooltip>
        </TableCell>
        {withActions && (
          <TableCell align="right" className={classes.nowrap}>
            {props.actions}
          </TableCell>
        )}
      </TableRow>
      {expanded && (
        <TableRow>
          <TableCell colSpan={withActions ? 7 : 6}>
            <Box
              id={detailsId}
              role="region"
              aria-label={`Details of ${row.title}`}
              py={1}
            >
              <FlagDetails flag={flag} />
            </Box>
          </TableCell>
        </TableRow>
      )}
    </Fragment>
  );
}
