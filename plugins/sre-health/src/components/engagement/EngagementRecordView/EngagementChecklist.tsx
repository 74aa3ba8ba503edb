import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import {
  ChecklistItemState,
  ENGAGEMENT_CHECKLIST,
  EngagementRecord,
  LIMITS,
  PHASES,
  phaseIndex,
  tickedEarlyIn,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useState } from 'react';
import { sreHealthApiRef } from '../../../api';
import { formatDate, shortRef } from '../../../utils/format';
import { StatusText } from '../../shared/StatusText';
import {
  LED_POSTMORTEM_ITEM,
  LedPostmortemPicker,
  PostmortemLink,
} from '../../entityTab/PostmortemsCard';
import {
  ActionDialog,
  FormTextField,
  useWrite,
} from '../../shared/ActionDialog';

function TickDialog(props: {
  engagementId: string;
  item: ChecklistItemState;
  onClose: () => void;
  onDone: () => void;
}) {
  const { engagementId, item, onClose, onDone } = props;
  const api = useApi(sreHealthApiRef);
  const [evidence, setEvidence] = useState(item.tick?.evidence ?? '');
  // "Led the next postmortem" links to the postmortem that was led.
  const leads = item.key === LED_POSTMORTEM_ITEM;
  const [postmortemId, setPostmortemId] = useState(
    item.tick?.postmortem?.id ?? '',
  );
  const hint = ENGAGEMENT_CHECKLIST.find(i => i.key === item.key)?.hint;
  return (
    <ActionDialog
      title={item.tick ? 'Edit evidence' : 'Tick with evidence'}
      submitLabel={item.tick ? 'Save' : 'Tick'}
      successMessage={`${item.tick ? 'Evidence saved' : 'Ticked'}: ${
        item.title
      }`}
      invalid={evidence.trim() === '' || (leads && !postmortemId)}
      onSubmit={() =>
        api.tickChecklistItem(engagementId, item.key, {
          evidence: evidence.trim(),
          ...(leads ? { postmortemId } : {}),
          ...(item.tick ? { version: item.tick.version } : {}),
        })
      }
      onDone={onDone}
      onClose={onClose}
    >
      <Typography variant="body2" paragraph>
        <strong>{item.title}</strong>
      </Typography>
      {leads && (
        <LedPostmortemPicker
          engagementId={engagementId}
          value={postmortemId}
          onChange={setPostmortemId}
        />
      )}
      <FormTextField
        label="Evidence"
        value={evidence}
        onChange={e => setEvidence(e.target.value)}
        required
        multiline
        minRows={3}
        fullWidth
        margin="dense"
        helperText={hint}
        inputProps={{ maxLength: LIMITS.text }}
      />
    </ActionDialog>
  );
}

const phaseTitle = (phase: string) =>
  PHASES.find(p => p.phase === phase)?.title ?? phase;

/** The evidence of a ticked item (and whether it came early), or that it is not ticked yet. */
function tickText(item: ChecklistItemState, reached: boolean): string {
  if (item.tick) {
    const early = tickedEarlyIn(item.tick);
    return `${item.tick.evidence} — ${shortRef(
      item.tick.tickedBy,
    )}, ${formatDate(item.tick.updatedAt)}${
      early ? ` · ticked early, in ${phaseTitle(early)}` : ''
    }`;
  }
  return reached
    ? 'Not ticked'
    : 'Not ticked yet: a later phase, open any time';
}

/** @public */
export interface EngagementChecklistProps {
  record: EngagementRecord;
  canUpdate: boolean;
  onChange: () => void;
}

/**
 * The book's checklist of every phase, ticked with evidence. Phases guide, they do not
 * gate: an item of a later phase can be ticked now (an outage in week one is when the SRE
 * leads the next postmortem), and says it was ticked early.
 * @public
 */
export function EngagementChecklist(props: EngagementChecklistProps) {
  const { record, canUpdate, onChange } = props;
  const api = useApi(sreHealthApiRef);
  const { engagement } = record;
  const closed = engagement.phase === 'closed';
  const [editing, setEditing] = useState<ChecklistItemState | undefined>();
  const { run, busy } = useWrite();

  const untick = (item: ChecklistItemState) =>
    run(
      () =>
        api.untickChecklistItem(engagement.id, item.key, item.tick!.version),
      {
        success: `Unticked: ${item.title}`,
        onDone: onChange,
        onConflict: onChange,
      },
    );

  return (
    <Box>
      <Typography variant="body2" color="textSecondary" paragraph>
        Phases guide the work, they do not gate it: tick any item when it
        happens. An outage in week one is when you lead the next postmortem.
      </Typography>
      {PHASES.filter(p => p.phase !== 'closed').map(phase => {
        const items = record.checklist.filter(i => i.phase === phase.phase);
        const reached = phaseIndex(phase.phase) <= phaseIndex(engagement.phase);
        const done = items.filter(i => i.tick).length;
        return (
          <Box key={phase.phase} mb={2}>
            <Typography variant="subtitle1" component="h3">
              {phase.title} ({done} of {items.length})
            </Typography>
            <List dense aria-label={`${phase.title} checklist`}>
              {items.map(item => (
                <ListItem key={item.key} divider>
                  <ListItemText
                    primary={
                      item.tick ? (
                        <StatusText kind="ok">{item.title}</StatusText>
                      ) : (
                        <StatusText kind={reached ? 'warning' : 'pending'}>
                          {item.title}
                        </StatusText>
                      )
                    }
                    secondary={
                      <>
                        {tickText(item, reached)}
                        {item.tick?.postmortem && (
                          <>
                            {' · Led: '}
                            <PostmortemLink postmortem={item.tick.postmortem} />
                          </>
                        )}
                      </>
                    }
                  />
                  {canUpdate && !closed && (
                    <>
                      <Button
                        size="small"
                        aria-label={`${
                          item.tick ? 'Edit evidence of' : 'Tick'
                        } ${item.title}`}
                        onClick={() => setEditing(item)}
                      >
                        {item.tick ? 'Edit' : 'Tick'}
                      </Button>
                      {item.tick && (
                        <Button
                          size="small"
                          aria-label={`Untick ${item.title}`}
                          disabled={busy}
                          onClick={() => untick(item)}
                        >
                          Untick
                        </Button>
                      )}
                    </>
                  )}
                </ListItem>
              ))}
            </List>
          </Box>
        );
      })}
      {editing && (
        <TickDialog
          engagementId={engagement.id}
          item={editing}
          onClose={() => setEditing(undefined)}
          onDone={onChange}
        />
      )}
    </Box>
  );
}
