import Button from '@material-ui/core/Button';
import { useId } from 'react';

/**
 * A small outlined button that opens the browser's file chooser (the input itself stays
 * hidden) and hands over the chosen file; choosing the same file again fires again.
 */
export function FileButton(props: {
  label: string;
  accept: string;
  /** The hidden input's accessible name, e.g. for tests and screen readers. */
  inputLabel?: string;
  onFile: (file: File) => void;
}) {
  const { label, accept, inputLabel, onFile } = props;
  const id = useId();
  return (
    <>
      <input
        id={id}
        type="file"
        accept={accept}
        style={{ display: 'none' }}
        aria-label={inputLabel}
        onChange={event => {
          const file = event.target.files?.[0];
          event.target.value = '';
          if (file) onFile(file);
        }}
      />
      <label htmlFor={id}>
        <Button component="span" variant="outlined" size="small">
          {label}
        </Button>
      </label>
    </>
  );
}
