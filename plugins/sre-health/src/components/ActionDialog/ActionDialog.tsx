import { ResponseError } from '@backstage/errors';
import Button from '@material-ui/core/Button';
import Dialog from '@material-ui/core/Dialog';
import DialogActions from '@material-ui/core/DialogActions';
import DialogContent from '@material-ui/core/DialogContent';
import DialogTitle from '@material-ui/core/DialogTitle';
import Alert from '@material-ui/lab/Alert';
import AlertTitle from '@material-ui/lab/AlertTitle';
import { FormEvent, ReactNode, useId, useState } from 'react';

/** A failed write, as the user should read it. */
export interface WriteProblem {
  message: string;
  /** 409: someone else changed the record first; reloading is the way out. */
  conflict: boolean;
}

/**
 * The backend's own message of a failed request (e.g. `Invalid body: markdown: needs a
 * "# Title" line`, or `... was changed by someone else ...`), not the generic
 * `Request failed with 400 Bad Request`.
 */
export function describeWriteError(error: unknown): WriteProblem {
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
export interface ActionDialogProps {
  title: string;
  submitLabel: string;
  /** Keeps the submit button disabled, e.g. while a required field is empty. */
  invalid?: boolean;
  /** The write; the dialog shows its error, or calls `onDone` and closes when it succeeds. */
  onSubmit: () => Promise<unknown>;
  /** After a successful write, or when the user reloads after a conflict: refresh the data. */
  onDone: () => void;
  onClose: () => void;
  maxWidth?: 'xs' | 'sm' | 'md';
  children: ReactNode;
}

/**
 * A form dialog around one write: disables itself while the write runs, and shows the
 * backend's message in place when it fails, with a Reload action after a 409.
 * @public
 */
export function ActionDialog(props: ActionDialogProps) {
  const {
    title,
    submitLabel,
    invalid = false,
    onSubmit,
    onDone,
    onClose,
    maxWidth = 'sm',
    children,
  } = props;
  const titleId = useId();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<WriteProblem | undefined>();

  const handleSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (invalid || busy) {
      return;
    }
    setBusy(true);
    setProblem(undefined);
    try {
      await onSubmit();
    } catch (error) {
      setProblem(describeWriteError(error));
      setBusy(false);
      return;
    }
    onDone();
    onClose();
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
