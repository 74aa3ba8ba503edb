import TextField, { TextFieldProps } from '@material-ui/core/TextField';
import { useId } from 'react';

/** A full-width, dense text field: the layout of every field in the tab's dialogs. */
export function DialogTextField(props: TextFieldProps) {
  return <TextField fullWidth margin="dense" {...props} />;
}

/** A date field (YYYY-MM-DD) whose label stays above the browser's date picker. */
export function DialogDateField(props: TextFieldProps) {
  return (
    <DialogTextField
      type="date"
      InputLabelProps={{ shrink: true }}
      {...props}
    />
  );
}

/** A text field whose label names its input (MUI links them only through an id). */
export function FormTextField(props: TextFieldProps) {
  const id = useId();
  return <TextField id={id} {...props} />;
}
