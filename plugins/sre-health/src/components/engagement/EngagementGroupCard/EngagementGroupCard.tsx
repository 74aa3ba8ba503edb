import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  EmptyState,
  InfoCard,
  Progress,
  ResponseErrorPanel,
} from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { useEntity } from '@backstage/plugin-catalog-react';
import { usePermission } from '@backstage/plugin-permission-react';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  EngagementSummary,
  OPS_LOAD_CAP,
  situationDefinition,
  sreHealthEngagementCreatePermission,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useId, useState } from 'react';
import useAsyncRetry from 'react-use/esm/useAsyncRetry';
import { sreHealthApiRef } from '../../../api';
import { formatDate, formatPercent, shortRef } from '../../../utils/format';
import { AfterActionReportView } from '../AfterActionReport';
import { EngagementRecordView } from '../EngagementRecordView';
import { EngagementStartDialog } from '../EngagementStartDialog';
import { OpsTimeSection } from '../../opsTime/OpsTimeSection';

const useStyles = makeStyles({
  scroll: { overflowX: 'auto' },
  table: { '& th, & td': { whiteSpace: 'nowrap', wordBreak: 'normal' } },
});

function PastEngagements(props: { past: EngagementSummary[] }) {
  const [open, setOpen] = useState<
    { id: string; view: 'report' | 'record'; title: string } | undefined
  >();
  const titleId = useId();
  const classes = useStyles();
  if (props.past.length === 0) return null;
  return (
    <Box mt={3}>
      <Typography variant="overline" color="textSecondary" display="block">
        Past engagements
      </Typography>
      {/* wider than a narrow card: the table scrolls in it, its words kept whole */}
      <Box className={classes.scroll}>
        <Table
          size="small"
          aria-label="Past engagements"
          className={classes.table}
        >
          <TableHead>
            <TableRow>
              <TableCell>When</TableCell>
              <TableCell>SRE</TableCell>
              <TableCell>Focus</TableCell>
              <TableCell>Kindling</TableCell>
              <TableCell />
            </TableRow>
          </TableHead>
          <TableBody>
            {props.past.map(s => {
              const title = `${formatDate(
                s.engagement.startDate,
              )} to ${formatDate(s.engagement.endDate)}`;
              return (
                <TableRow key={s.engagement.id}>
                  <TableCell>{title}</TableCell>
                  <TableCell>{shortRef(s.engagement.sreRef)}</TableCell>
                  <TableCell>
                    {situationDefinition(s.situation)?.focus ?? '—'}
                  </TableCell>
                  <TableCell>{s.kindlingProgress.label}</TableCell>
                  <TableCell>
                    <Button
                      size="small"
                      aria-label={`After-action report of ${title}`}
                      onClick={() =>
                        setOpen({ id: s.engagement.id, view: 'report', title })
                      }
                    >
                      Report
                    </Button>
                    <Button
                      size="small"
                      aria-label={`Record of ${title}`}
                      onClick={() =>
                        setOpen({ id: s.engagement.id, view: 'record', title })
                      }
                    >
                      Record
                    </Button>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      </Box>
      {open && (
        <Dialog
          open
          onClose={() => setOpen(undefined)}
          fullWidth
          maxWidth="md"
          aria-labelledby={titleId}
        >
          <DialogTitle id={titleId}>
            {open.view === 'report'
              ? 'After-action report'
              : 'Engagement record'}
            : {open.title}
          </DialogTitle>
          <DialogContent>
            {open.view === 'report' ? (
              <AfterActionReportView engagementId={open.id} />
            ) : (
              <EngagementRecordView engagementId={open.id} />
            )}
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setOpen(undefined)}>Close</Button>
          </DialogActions>
        </Dialog>
      )}
    </Box>
  );
}

/**
 * A team's SRE engagement on its group page: the active engagement's whole record (where
 * the embedded SRE runs it), a way to start one, and every past engagement with its
 * frozen after-action report.
 * @public
 */
export function EngagementGroupCard() {
  const { entity } = useEntity();
  const api = useApi(sreHealthApiRef);
  const teamRef = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
  const history = useAsyncRetry(
    () => api.listEngagementHistory(teamRef),
    [api, teamRef],
  );
  const { allowed: canStart } = usePermission({
    permission: sreHealthEngagementCreatePermission,
    resourceRef: teamRef,
  });
  const [starting, setStarting] = useState(false);

  let body;
  if (!history.value) {
    body = history.error ? (
      <ResponseErrorPanel error={history.error} />
    ) : (
      <Progress />
    );
  } else {
    const active = history.value.find(s => s.engagement.phase !== 'closed');
    const past = history.value.filter(s => s.engagement.phase === 'closed');
    body = (
      <>
        {active ? (
          <EngagementRecordView
            engagementId={active.engagement.id}
            onChange={history.retry}
            opsLoad={false}
          />
        ) : (
          <EmptyState
            missing="info"
            title={`No SRE embedded with ${shortRef(teamRef)}`}
            description={`An engagement starts when the team's operational work exceeds ${formatPercent(
              OPS_LOAD_CAP,
              0,
            )} of its time: one SRE (never more) joins to learn the service, share context and drive change, then leaves an after-action report.`}
            action={
              canStart ? (
                <Button
                  variant="contained"
                  color="primary"
                  onClick={() => setStarting(true)}
                >
                  Embed an SRE
                </Button>
              ) : undefined
            }
          />
        )}
        {/* the share that starts an engagement, computed from the team's recorded work;
            the running engagement's weeks shaded (its record leaves the chart to this) */}
        <OpsTimeSection
          teamRef={teamRef}
          engagement={
            active && {
              startDate: active.engagement.startDate,
              endDate: active.engagement.endDate,
            }
          }
        />
        <PastEngagements past={past} />
      </>
    );
  }

  return (
    <div id="sre-health-engagement">
      <InfoCard title="SRE engagement">
        {body}
        {starting && (
          <EngagementStartDialog
            teamRef={teamRef}
            onClose={() => setStarting(false)}
            onStarted={history.retry}
          />
        )}
      </InfoCard>
    </div>
  );
}
