import { useApi } from '@backstage/core-plugin-api';
import DialogContentText from '@material-ui/core/DialogContentText';
import MenuItem from '@material-ui/core/MenuItem';
import TextField from '@material-ui/core/TextField';
import {
  ACTION_ITEM_CLASSES,
  ACTION_ITEM_CLASS_INFO,
  ActionItemClass,
  ClassifiedActionItem,
  Postmortem,
} from '@sre-health/backstage-plugin-sre-health-common';
import { useState } from 'react';
import { sreHealthApiRef } from '../../../api';
import { ActionDialog } from '../../shared/ActionDialog';
import { withCorrectedClass } from './actionItems';

const RULES = 'rules';

/**
 * An SRE's correction of the class the rules gave an action item, or a return to the
 * rules' class. The whole list of action items is sent with the postmortem's version.
 */
export function ActionItemClassDialog(props: {
  postmortem: Postmortem;
  index: number;
  item: ClassifiedActionItem;
  onClose: () => void;
  onDone: () => void;
}) {
  const { postmortem, index, item, onClose, onDone } = props;
  const api = useApi(sreHealthApiRef);
  const initial = item.source === 'correction' ? item.class : RULES;
  const [choice, setChoice] = useState<string>(initial);
  const corrected = choice === RULES ? undefined : (choice as ActionItemClass);
  const shown = corrected ?? item.ruleClass;

  return (
    <ActionDialog
      title="Correct the class of an action item"
      submitLabel="Save"
      successMessage="Action item class saved"
      invalid={choice === initial}
      onClose={onClose}
      onDone={onDone}
      onSubmit={() =>
        api.updatePostmortem(postmortem.id, {
          version: postmortem.version,
          actionItems: withCorrectedClass(
            postmortem.actionItems,
            index,
            corrected,
          ),
        })
      }
    >
      <DialogContentText style={{ whiteSpace: 'pre-wrap' }}>
        {item.text}
      </DialogContentText>
      <TextField
        select
        id="sre-health-action-item-class"
        label="Class"
        value={choice}
        onChange={e => setChoice(e.target.value)}
        fullWidth
        margin="dense"
        helperText={ACTION_ITEM_CLASS_INFO[shown].description}
      >
        <MenuItem value={RULES}>
          As the rules say ({ACTION_ITEM_CLASS_INFO[item.ruleClass].title})
        </MenuItem>
        {ACTION_ITEM_CLASSES.map(cls => (
          <MenuItem key={cls} value={cls}>
            {ACTION_ITEM_CLASS_INFO[cls].title}
          </MenuItem>
        ))}
      </TextField>
    </ActionDialog>
  );
}
