import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import Timeline from '@material-ui/lab/Timeline';
import TimelineConnector from '@material-ui/lab/TimelineConnector';
import TimelineContent from '@material-ui/lab/TimelineContent';
import TimelineDot from '@material-ui/lab/TimelineDot';
import TimelineItem from '@material-ui/lab/TimelineItem';
import TimelineOppositeContent from '@material-ui/lab/TimelineOppositeContent';
import TimelineSeparator from '@material-ui/lab/TimelineSeparator';
import type {
  TimelineEvent,
  TimelineEventKind,
} from '@sre-health/backstage-plugin-sre-health-common';
import { formatDate, shortRef } from '../../../utils/format';

const useStyles = makeStyles(theme => ({
  timeline: {
    padding: 0,
    margin: 0,
  },
  date: {
    flex: '0 0 88px',
    paddingLeft: 0,
    color: theme.palette.text.secondary,
  },
  detail: {
    whiteSpace: 'pre-wrap',
    wordBreak: 'break-word',
  },
}));

const MILESTONES: ReadonlyArray<TimelineEventKind> = [
  'started',
  'phase',
  'closed',
];

const DOT: Record<
  TimelineEventKind,
  'primary' | 'secondary' | 'grey' | 'inherit'
> = {
  started: 'primary',
  phase: 'primary',
  closed: 'secondary',
  checklist: 'grey',
  decision: 'inherit',
  kindling: 'inherit',
  question: 'grey',
  exemption: 'grey',
};

/** Oldest first by date; events at the same moment keep their order. */
export function byDate(events: ReadonlyArray<TimelineEvent>): TimelineEvent[] {
  return events
    .map((event, i) => ({ event, i, t: Date.parse(event.at) }))
    .sort((a, b) => a.t - b.t || a.i - b.i)
    .map(x => x.event);
}

/**
 * The events shown in a compact timeline: every milestone (start, phase changes, close) and
 * cleared kindling, the most recent `limit` of them.
 */
export function compactEvents(
  events: ReadonlyArray<TimelineEvent>,
  limit: number,
): TimelineEvent[] {
  return byDate(events)
    .filter(
      e =>
        MILESTONES.includes(e.kind) ||
        (e.kind === 'kindling' && e.title.startsWith('Kindling cleared')),
    )
    .slice(-limit);
}

/** @public */
export interface EngagementTimelineProps {
  events: ReadonlyArray<TimelineEvent>;
  /** Only milestones and cleared kindling, the latest `limit`. */
  compact?: boolean;
  limit?: number;
}

/**
 * An engagement's timeline, oldest first by date: the start, phase changes with their reasons,
 * ticks, decisions, kindling and questions.
 * @public
 */
export function EngagementTimeline(props: EngagementTimelineProps) {
  const { events, compact = false, limit = 6 } = props;
  const classes = useStyles();
  const shown = compact ? compactEvents(events, limit) : byDate(events);
  if (shown.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        Nothing recorded yet.
      </Typography>
    );
  }
  return (
    <Timeline className={classes.timeline} aria-label="Engagement timeline">
      {shown.map((event, i) => (
        <TimelineItem key={`${event.at}-${i}`}>
          <TimelineOppositeContent className={classes.date}>
            <Typography variant="caption">{formatDate(event.at)}</Typography>
          </TimelineOppositeContent>
          <TimelineSeparator>
            <TimelineDot
              color={DOT[event.kind]}
              variant={MILESTONES.includes(event.kind) ? 'default' : 'outlined'}
            />
            {i < shown.length - 1 && <TimelineConnector />}
          </TimelineSeparator>
          <TimelineContent>
            <Typography variant="body2">
              <strong>{event.title}</strong>
              {event.actor && (
                <Typography
                  component="span"
                  variant="caption"
                  color="textSecondary"
                >
                  {' '}
                  — {shortRef(event.actor)}
                </Typography>
              )}
            </Typography>
            {event.detail && (
              <Typography
                variant="body2"
                color="textSecondary"
                className={classes.detail}
              >
                {event.detail}
              </Typography>
            )}
          </TimelineContent>
        </TimelineItem>
      ))}
    </Timeline>
  );
}
