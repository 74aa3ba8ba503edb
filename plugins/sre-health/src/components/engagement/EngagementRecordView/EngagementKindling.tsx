import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import LinearProgress from '@material-ui/core/LinearProgress';
import MenuItem from '@material-ui/core/MenuItem';
import Table from '@material-ui/core/Table';
import TableBody from '@material-ui/core/TableBody';
import TableCell from '@material-ui/core/TableCell';
import TableHead from '@material-ui/core/TableHead';
import TableRow from '@material-ui/core/TableRow';
import Typography from '@material-ui/core/Typography';
import { makeStyles } from '@material-ui/core/styles';
import {
  EngagementRecord,
  KindlingItem,
  KindlingState,
  LIMITS,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useState } from 'react';
import useAsync from 'react-use/esm/useAsync';
import { sreHealthApiRef } from '../../../api';
import { formatDate, shortRef } from '../../../utils/format';
import { ActionDialog, FormTextField } from '../../shared/ActionDialog';
import { UserPicker } from '../../shared/UserPicker';
import { EngagementEntriesProps, Field, useEntryWrite } from './entryFields';

const NEXT_STATE: Record<KindlingState, KindlingState | undefined> = {
  proposed: 'in-progress',
  'in-progress': 'in-review',
  'in-review': 'done',
  done: undefined,
};

const STATE_ACTION: Record<KindlingState, string> = {
  proposed: 'Start',
  'in-progress': 'Ready for review',
  'in-review': 'Reviewed: done',
  done: '',
};

/** How a state reads in the table and in the confirmation. */
export const KINDLING_STATE_LABELS: Record<KindlingState, string> = {
  proposed: 'Proposed',
  'in-progress': 'In progress',
  'in-review': 'In review',
  done: 'Done',
};

const useStyles = makeStyles({
  // A table wider than the card scrolls inside it, never the page.
  scroll: { overflowX: 'auto' },
  // Headings, people, states and actions never break inside a word.
  nowrap: { whiteSpace: 'nowrap' },
  work: { minWidth: '14rem' },
  fixes: { minWidth: '10rem' },
});

/**
 * Clearing the kindling: one useful piece of work a team member can do, linked to the
 * postmortem or stressor flag it fixes for good, reviewed by the SRE. The book's "repeat for
 * two or three more issues" shows as a count.
 * @public
 */
export function EngagementKindling(props: EngagementEntriesProps) {
  const { record, canUpdate, onChange } = props;
  const api = useApi(sreHealthApiRef);
  const classes = useStyles();
  const id = record.engagement.id;
  const writable = canUpdate && record.engagement.phase !== 'closed';
  const progress = record.kindlingProgress;
  const [adding, setAdding] = useState(false);
  const { write, busy } = useEntryWrite(onChange);

  const setState = (item: KindlingItem, state: KindlingState) =>
    write(
      () =>
        api.updateKindlingItem(id, item.id, {
          version: item.version,
          state,
        }),
      `${item.title}: ${KINDLING_STATE_LABELS[state].toLocaleLowerCase(
        'en-US',
      )}`,
    );

  const heading = (text: string) => (
    <TableCell className={classes.nowrap}>{text}</TableCell>
  );

  return (
    <Box>
      <Typography variant="subtitle1" component="p">
        {progress.label}
      </Typography>
      <LinearProgress
        variant="determinate"
        value={Math.min(100, (progress.cleared / progress.targetMin) * 100)}
        aria-label={`Kindling: ${progress.label}`}
      />
      <Box mt={2} />
      {record.kindling.length === 0 ? (
        <Typography variant="body2" color="textSecondary" paragraph>
          No kindling yet. Find one useful piece of work a single team member
          can do that fixes a postmortem's issue or a stressor for good, then
          repeat for two or three more.
        </Typography>
      ) : (
        <div className={classes.scroll}>
          <Table size="small" aria-label="Kindling">
            <TableHead>
              <TableRow>
                {heading('Work')}
                {heading('Fixes for good')}
                {heading('Assignee')}
                {heading('Reviewer')}
                {heading('State')}
                {writable && (
                  <TableCell className={classes.nowrap}>
                    <Typography variant="srOnly">Actions</Typography>
                  </TableCell>
                )}
              </TableRow>
            </TableHead>
            <TableBody>
              {record.kindling.map(item => {
                const next = NEXT_STATE[item.state];
                return (
                  <TableRow key={item.id}>
                    <TableCell className={classes.work}>
                      <Typography variant="body2">
                        <strong>{item.title}</strong>
                      </Typography>
                      <Typography variant="caption" color="textSecondary">
                        {item.explanation}
                      </Typography>
                    </TableCell>
                    <TableCell className={classes.fixes}>
                      {item.fixes.kind === 'postmortem' ? 'Postmortem' : 'Flag'}
                      : {item.fixes.label}
                    </TableCell>
                    <TableCell className={classes.nowrap}>
                      <span title={item.assigneeRef}>
                        {shortRef(item.assigneeRef)}
                      </span>
                    </TableCell>
                    <TableCell className={classes.nowrap}>
                      <span title={item.reviewerRef}>
                        {shortRef(item.reviewerRef)}
                      </span>
                    </TableCell>
                    <TableCell className={classes.nowrap}>
                      {KINDLING_STATE_LABELS[item.state]}
                      {item.doneAt ? ` (${formatDate(item.doneAt)})` : ''}
                    </TableCell>
                    {writable && (
                      <TableCell className={classes.nowrap}>
                        {next && (
                          <Button
                            size="small"
                            disabled={busy}
                            aria-label={`${STATE_ACTION[item.state]}: ${
                              item.title
                            }`}
                            onClick={() => setState(item, next)}
                          >
                            {STATE_ACTION[item.state]}
                          </Button>
                        )}
                        {item.state === 'in-review' && (
                          <Button
                            size="small"
                            disabled={busy}
                            aria-label={`Send back: ${item.title}`}
                            onClick={() => setState(item, 'in-progress')}
                          >
                            Send back
                          </Button>
                        )}
                        <Button
                          size="small"
                          disabled={busy}
                          aria-label={`Delete kindling ${item.title}`}
                          onClick={() =>
                            write(
                              () =>
                                api.deleteKindlingItem(
                                  id,
                                  item.id,
                                  item.version,
                                ),
                              `Kindling deleted: ${item.title}`,
                            )
                          }
                        >
                          Delete
                        </Button>
                      </TableCell>
                    )}
                  </TableRow>
                );
              })}
            </TableBody>
          </Table>
        </div>
      )}
      {writable && (
        <Box mt={2}>
          <Button
            variant="outlined"
            size="small"
            onClick={() => setAdding(true)}
          >
            Add kindling
          </Button>
        </Box>
      )}
      {adding && (
        <KindlingDialog
          record={record}
          onClose={() => setAdding(false)}
          onDone={onChange}
        />
      )}
    </Box>
  );
}

function KindlingDialog(props: {
  record: EngagementRecord;
  onClose: () => void;
  onDone: () => void;
}) {
  const { record, onClose, onDone } = props;
  const api = useApi(sreHealthApiRef);
  const id = record.engagement.id;
  const targets = useAsync(() => api.getKindlingTargets(id), [api, id]);
  const [title, setTitle] = useState('');
  const [explanation, setExplanation] = useState('');
  const [target, setTarget] = useState('');
  const [assigneeRef, setAssigneeRef] = useState('');
  const options = [
    ...(targets.value?.postmortems ?? []),
    ...(targets.value?.flags ?? []),
  ];
  const chosen = options.find(o => `${o.kind}:${o.id}` === target);

  return (
    <ActionDialog
      title="Add kindling"
      submitLabel="Add"
      successMessage={`Kindling added: ${title.trim()}`}
      invalid={!title.trim() || !explanation.trim() || !chosen || !assigneeRef}
      onSubmit={() =>
        api.createKindlingItem(id, {
          title: title.trim(),
          explanation: explanation.trim(),
          fixes: { kind: chosen!.kind, id: chosen!.id },
          assigneeRef,
        })
      }
      onDone={onDone}
      onClose={onClose}
    >
      <Field
        label="The work"
        value={title}
        onChange={setTitle}
        required
        max={LIMITS.title}
      />
      <FormTextField
        select
        label="Fixes for good"
        value={target}
        onChange={e => setTarget(e.target.value)}
        required
        fullWidth
        margin="dense"
        helperText={
          targets.error
            ? `Could not load the team's postmortems and flags: ${targets.error.message}`
            : 'A postmortem or stressor flag of the team’s services.'
        }
      >
        {options.map(o => (
          <MenuItem key={`${o.kind}:${o.id}`} value={`${o.kind}:${o.id}`}>
            {o.kind === 'postmortem' ? 'Postmortem' : 'Flag'}: {o.label}
          </MenuItem>
        ))}
      </FormTextField>
      <Field
        label="How it fixes the issue for good (via the postmortem)"
        value={explanation}
        onChange={setExplanation}
        required
        multiline
      />
      <UserPicker
        label="Team member"
        value={assigneeRef}
        onChange={setAssigneeRef}
        required
        helperText="Who does the work; the embedded SRE reviews it."
      />
    </ActionDialog>
  );
}
