import { useApi } from '@backstage/core-plugin-api';
import Box from '@material-ui/core/Box';
import DialogContentText from '@material-ui/core/DialogContentText';
import TextField from '@material-ui/core/TextField';
import {
  ACTION_ITEM_CLASSES,
  ACTION_ITEM_CLASS_INFO,
  LIMITS,
  classifyPostmortem,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useMemo, useState } from 'react';
import { sreHealthApiRef } from '../../../api';
import { ActionDialog } from '../../shared/ActionDialog';
import { CauseSuggestion } from './CauseSuggestion';
import { actionItemLines } from './actionItems';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Records a postmortem: title, date, impact, contributing factors and the action items,
 * one per line (each item's owner and due date are set once it is recorded). The classes
 * of the action items are shown as they are typed, so a list with no item aimed at the
 * cause is caught while it is written, by the one writing it.
 */
export function PostmortemDialog(props: {
  entityRef: string;
  onClose: () => void;
  onDone: () => void;
}) {
  const { entityRef, onClose, onDone } = props;
  const api = useApi(sreHealthApiRef);
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(today());
  const [impact, setImpact] = useState('');
  const [factorsText, setFactorsText] = useState('');
  const [itemsText, setItemsText] = useState('');
  const items = useMemo(() => actionItemLines(itemsText), [itemsText]);
  const factors = actionItemLines(factorsText);
  const classification = useMemo(
    () => classifyPostmortem(items.map(text => ({ text }))),
    [items],
  );

  const tooLong = items.find(i => i.length > LIMITS.actionItem);
  const tooMany = items.length > LIMITS.actionItems;
  const badFactors =
    factors.length > LIMITS.contributingFactors ||
    factors.some(f => f.length > LIMITS.actionItem);
  const invalid =
    title.trim() === '' ||
    !/^\d{4}-\d{2}-\d{2}$/.test(date) ||
    Boolean(tooLong) ||
    tooMany ||
    badFactors;
  const counts = ACTION_ITEM_CLASSES.filter(c => classification.counts[c] > 0)
    .map(
      c =>
        `${classification.counts[c]} ${ACTION_ITEM_CLASS_INFO[
          c
        ].title.toLocaleLowerCase('en-US')}`,
    )
    .join(', ');
  let itemsHelp = 'One per line.';
  if (tooMany) {
    itemsHelp = `At most ${LIMITS.actionItems} action items.`;
  } else if (tooLong) {
    itemsHelp = `An action item is at most ${LIMITS.actionItem} characters.`;
  } else if (counts) {
    itemsHelp = `One per line. By the rules: ${counts}.`;
  }

  return (
    <ActionDialog
      title="New postmortem"
      submitLabel="Create"
      successMessage="Postmortem recorded"
      invalid={invalid}
      onClose={onClose}
      onDone={onDone}
      maxWidth="md"
      onSubmit={() =>
        api.createPostmortem({
          entityRef,
          title: title.trim(),
          occurredAt: `${date}T00:00:00.000Z`,
          impact: impact.trim(),
          ...(factors.length ? { contributingFactors: factors } : {}),
          actionItems: items.map(text => ({ text })),
        })
      }
    >
      <DialogContentText>
        Blameless: the people involved acted rightly on what they knew; ask why
        the system misled them.
      </DialogContentText>
      <TextField
        id="sre-health-postmortem-title"
        label="Title"
        value={title}
        onChange={e => setTitle(e.target.value)}
        required
        fullWidth
        margin="dense"
        inputProps={{ maxLength: LIMITS.title }}
      />
      <TextField
        id="sre-health-postmortem-date"
        label="Date"
        type="date"
        value={date}
        onChange={e => setDate(e.target.value)}
        required
        fullWidth
        margin="dense"
        InputLabelProps={{ shrink: true }}
      />
      <TextField
        id="sre-health-postmortem-impact"
        label="Impact"
        value={impact}
        onChange={e => setImpact(e.target.value)}
        fullWidth
        multiline
        minRows={2}
        margin="dense"
        inputProps={{ maxLength: LIMITS.text }}
      />
      <TextField
        id="sre-health-postmortem-factors"
        label="Contributing factors"
        value={factorsText}
        onChange={e => setFactorsText(e.target.value)}
        fullWidth
        multiline
        minRows={2}
        margin="dense"
        error={badFactors}
        helperText={
          badFactors
            ? `At most ${LIMITS.contributingFactors}, each at most ${LIMITS.actionItem} characters.`
            : 'One per line: what made the outage possible or worse, in the system.'
        }
      />
      <TextField
        id="sre-health-postmortem-action-items"
        label="Action items"
        value={itemsText}
        onChange={e => setItemsText(e.target.value)}
        fullWidth
        multiline
        minRows={4}
        margin="dense"
        error={Boolean(tooLong) || tooMany}
        helperText={itemsHelp}
      />
      {items.length > 0 && classification.noItemAimedAtCause && (
        <Box mt={1}>
          <CauseSuggestion draft />
        </Box>
      )}
    </ActionDialog>
  );
}
