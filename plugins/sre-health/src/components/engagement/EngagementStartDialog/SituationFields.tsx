import MenuItem from '@material-ui/core/MenuItem';
import {
  ENGAGEMENT_SITUATIONS,
  EngagementSituation,
  LIMITS,
  situationDefinition,
} from '@sre-health/backstage-plugin-sre-health-common';
import { FormTextField } from '../../shared/ActionDialog';

/**
 * The team's situation, sorted as the book does (which decides what the engagement
 * focuses on), and notes on it: asked when an engagement starts and edited later.
 */
export function SituationFields(props: {
  situation: EngagementSituation | '';
  onSituation: (situation: EngagementSituation) => void;
  notes: string;
  onNotes: (notes: string) => void;
  required?: boolean;
}) {
  const definition = situationDefinition(props.situation || null);
  return (
    <>
      <FormTextField
        select
        label="The team's situation"
        value={props.situation}
        onChange={e => props.onSituation(e.target.value as EngagementSituation)}
        required={props.required}
        fullWidth
        margin="dense"
        helperText={
          definition
            ? `Focus: ${definition.focus}`
            : 'Sort the team as the book does.'
        }
      >
        {ENGAGEMENT_SITUATIONS.map(s => (
          <MenuItem key={s.situation} value={s.situation}>
            {s.title}
          </MenuItem>
        ))}
      </FormTextField>
      <FormTextField
        label="Notes on the situation"
        value={props.notes}
        onChange={e => props.onNotes(e.target.value)}
        multiline
        minRows={2}
        fullWidth
        margin="dense"
        inputProps={{ maxLength: LIMITS.text }}
      />
    </>
  );
}
