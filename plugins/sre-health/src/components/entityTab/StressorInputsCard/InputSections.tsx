import Box from '@material-ui/core/Box';
import Typography from '@material-ui/core/Typography';
import { ReactNode, useId } from 'react';
import { StatusKind, StatusText } from '../../shared/StatusText';
import { InfoTip } from '../../shared/InfoTip';

/**
 * One list of the card: a heading, its explanation behind an info icon, its record
 * button; with nothing recorded, one line saying how to record it instead of the list.
 */
export function Section(props: {
  title: string;
  /** What the info icon is about: its name is `About <about>`. */
  about: string;
  help: ReactNode;
  action?: ReactNode;
  /** Shown beside the heading, instead of the list, when nothing is recorded. */
  empty?: ReactNode;
  children?: ReactNode;
}) {
  const headingId = useId();
  return (
    <Box component="section" aria-labelledby={headingId} mb={1.5}>
      <Box
        display="flex"
        alignItems="center"
        flexWrap="wrap"
        style={{ gap: 4 }}
      >
        <Typography variant="subtitle2" component="h3" id={headingId}>
          {props.title}
        </Typography>
        <InfoTip label={props.about}>{props.help}</InfoTip>
        {props.empty && (
          <Typography variant="body2" color="textSecondary" component="span">
            {props.empty}
          </Typography>
        )}
        <Box flexGrow={1} />
        {props.action}
      </Box>
      {!props.empty && props.children}
    </Box>
  );
}

function Count(props: {
  n: number;
  kind: StatusKind;
  one: string;
  many: string;
}) {
  const { n, kind, one, many } = props;
  const text = `${n} ${n === 1 ? one : many}`;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {n > 0 ? <StatusText kind={kind}>{text}</StatusText> : text}
    </span>
  );
}

/**
 * The card's lead: what needs attention, e.g. "1 undiagnosed alert · 1 overdue deferred
 * problem · 0 complaints", the explanation behind an info icon.
 */
export function InputsSummary(props: {
  undiagnosed: number;
  overdue: number;
  complaints: number;
}) {
  const { undiagnosed, overdue, complaints } = props;
  return (
    <Box display="flex" alignItems="center" style={{ gap: 4 }}>
      <Typography
        variant="body1"
        component="p"
        style={{ display: 'flex', alignItems: 'center', flexWrap: 'wrap' }}
      >
        <Count
          n={undiagnosed}
          kind="warning"
          one="undiagnosed alert"
          many="undiagnosed alerts"
        />
        <span style={{ margin: '0 4px' }}>{'\u00a0·\u00a0'}</span>
        <Count
          n={overdue}
          kind="error"
          one="overdue deferred problem"
          many="overdue deferred problems"
        />
        <span style={{ margin: '0 4px' }}>{'\u00a0·\u00a0'}</span>
        <Count
          n={complaints}
          kind="warning"
          one="complaint"
          many="complaints"
        />
      </Typography>
      <InfoTip label="alerts, deferred problems and complaints">
        What three stressor detectors read: alerts that fire often with no
        diagnosis, runbook or owner ("Undiagnosed common alerts"), problems
        deferred to a future release ("Waiting for the next big thing") and
        customer complaints ("Complaints without an SLO"). Open the lists to
        diagnose an alert or to record a deferred problem or a complaint.
      </InfoTip>
    </Box>
  );
}
