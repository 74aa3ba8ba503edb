import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { FormEvent, ReactNode, useId } from 'react';
import { useWrite, WriteProblem } from './useWrite';

/** The error of a write, with a Reload action after a 409. */
export function WriteProblemAlert(props: {
  problem: WriteProblem;
  onReload?: () => void;
}) {
  const { problem, onReload } = props;
  return (
    <Alert
      severity="error"
      role="alert"
      action={
        problem.conflict && onReload ? (
          <Button color="inherit" size="small" onClick={onReload}>
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
  );
}

/** @public */
export interface ActionDialogProps<T = unknown> {
  title: string;
  submitLabel: string;
  /** Keeps the submit button disabled, e.g. while a required field is empty. */
  invalid?: boolean;
  /** The write; the dialog shows its error, or calls `onDone` and closes when it succeeds. */
  onSubmit: () => Promise<T>;
  /** The confirmation toast after the write, e.g. `Fire recorded`; a function reads the result. */
  successMessage: string | ((result: T) => string);
  /** After a successful write, or when the user reloads after a conflict: refresh the data. */
  onDone: () => void;
  onClose: () => void;
  maxWidth?: 'xs' | 'sm' | 'md';
  children: ReactNode;
}

/**
 * A form dialog around one write (through `useWrite`): disables itself while the write
 * runs, confirms with a toast, and shows the backend's message in a toast and in place
 * when it fails, with a Reload action after a 409.
 * @public
 */
export function ActionDialog<T = unknown>(props: ActionDialogProps<T>) {
  const {
    title,
    submitLabel,
    invalid = false,
    onSubmit,
    successMessage,
    onDone,
    onClose,
    maxWidth = 'sm',
    children,
  } = props;
  const titleId = useId();
  const { run, busy, problem } = useWrite();

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (invalid || busy) {
      return;
    }
    await run(onSubmit, {
      success: successMessage,
      onDone: () => {
        onDone();
        onClose();
      },
    });
  };

  const reload = () => {
    onDone();
    onClose();
  };

  return (
    <Dialog
      open
      onClose={busy ? undefined : onClose}
      aria-labelledby={titleId}
      fullWidth
      maxWidth={maxWidth}
    >
      <form onSubmit={handleSubmit} noValidate>
        <DialogTitle id={titleId}>{title}</DialogTitle>
        <DialogContent>
          {children}
          {problem && <WriteProblemAlert problem={problem} onReload={reload} />}
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
