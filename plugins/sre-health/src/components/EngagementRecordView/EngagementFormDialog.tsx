import { ResponseError } from '@backstage/errors';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import TextField, { TextFieldProps } from '@material-ui/core/TextField';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { FormEvent, ReactNode, useId, useState } from 'react';

/** A failed write as the user should read it: the backend's own message. */
export function writeErrorMessage(error: unknown): {
  message: string;
  conflict: boolean;
} {
  if (ResponseError.is(error)) {
    return {
      message: error.cause?.message || error.message,
      conflict: error.statusCode === 409,
    };
  }
  return {
    message: error instanceof Error ? error.message : String(error),
    conflict: false,
  };
}

/** @public */
export interface EngagementFormDialogProps {
  title: string;
  submitLabel: string;
  invalid?: boolean;
  /** The write; its error shows in place, success closes the dialog and calls `onDone`. */
  onSubmit: () => Promise<unknown>;
  onDone: () => void;
  onClose: () => void;
  children: ReactNode;
}

/**
 * A form dialog around one write of the engagement record: disabled while it runs, the
 * backend's message in place when it fails (e.g. "reason: 2 checklist items are not
 * ticked ..."), with a Reload action after a 409.
 * @public
 */
export function EngagementFormDialog(props: EngagementFormDialogProps) {
  const { title, submitLabel, invalid, onSubmit, onDone, onClose, children } =
    props;
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<
    { message: string; conflict: boolean } | undefined
  >();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (invalid || busy) return;
    setBusy(true);
    setProblem(undefined);
    try {
      await onSubmit();
    } catch (error) {
      setProblem(writeErrorMessage(error));
      setBusy(false);
      return;
    }
    onDone();
    onClose();
  };

  return (
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth="sm"
    >
      <form onSubmit={submit} noValidate>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          {children}
          {problem && (
            <Alert
              severity="error"
              role="alert"
              action={
                problem.conflict ? (
                  <Button
                    color="inherit"
                    size="small"
                    onClick={() => {
                      onDone();
                      onClose();
                    }}
                  >
                    Reload
                  </Button>
                ) : undefined
              }
            >
              {problem.conflict && (
                <AlertTitle>Changed by someone else — reload</AlertTitle>
              )}
              {problem.message}
            </Alert>
          )}
        </DialogContent>
        <DialogActions>
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button
            type="submit"
            color="primary"
            variant="contained"
            disabled={invalid || busy}
          >
            {submitLabel}
          </Button>
        </DialogActions>
      </form>
    </Dialog>
  );
}

/** A text field whose label names its input (MUI links them only through an id). */
export function FormTextField(props: TextFieldProps) {
  const id = useId();
  return <TextField id={id} {...props} />;
}
