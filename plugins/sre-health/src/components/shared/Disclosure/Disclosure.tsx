import Box from '@material-ui/core/Box';
import Button from '@material-ui/core/Button';
import Collapse from '@material-ui/core/Collapse';
import ExpandLess from '@material-ui/icons/ExpandLess';
import ExpandMore from '@material-ui/icons/ExpandMore';
import { ReactNode, useId, useState } from 'react';

/** @public */
export interface DisclosureProps {
  /** The button's text while closed, e.g. "Show the burn-rate rules". */
  label: string;
  /** The button's text while open; defaults to "Hide". */
  hideLabel?: string;
  defaultOpen?: boolean;
  /** A line the button sits at the end of (e.g. a date), to save a line in a list. */
  summary?: ReactNode;
  children: ReactNode;
}

/**
 * Details behind a button: a card shows its summary, and the reader opens the rest. The
 * content is not rendered while closed, so a long card costs nothing until asked for.
 */
export function Disclosure(props: DisclosureProps) {
  const {
    label,
    hideLabel = 'Hide',
    defaultOpen = false,
    summary,
    children,
  } = props;
  const [open, setOpen] = useState(defaultOpen);
  const id = useId();
  const button = (
    <Button
      size="small"
      aria-expanded={open}
      aria-controls={id}
      onClick={() => setOpen(o => !o)}
      startIcon={open ? <ExpandLess /> : <ExpandMore />}
    >
      {open ? hideLabel : label}
    </Button>
  );
  return (
    <Box>
      {summary === undefined ? (
        button
      ) : (
        <Box
          display="flex"
          flexWrap="wrap"
          alignItems="center"
          style={{ columnGap: 8 }}
        >
          {summary}
          {button}
        </Box>
      )}
      <Collapse in={open} unmountOnExit>
        <Box pt={1} id={id}>
          {children}
        </Box>
      </Collapse>
    </Box>
  );
}
