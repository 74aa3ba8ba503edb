import IconButton from '@material-ui/core/IconButton';
import Tooltip from '@material-ui/core/Tooltip';
import InfoOutlined from '@material-ui/icons/InfoOutlined';
import { ReactNode } from 'react';

/** @public */
export interface InfoTipProps {
  /** What the explanation is about, for screen readers: "About <label>". */
  label: string;
  /** The explanation: shown on hover and on focus. */
  children: ReactNode;
}

/**
 * An info icon that holds a card's or a figure's explanation, so the page leads with the
 * figure and the reader asks for the why. Keyboard-focusable; the tooltip is its description.
 */
export function InfoTip(props: InfoTipProps) {
  const { label, children } = props;
  return (
    <Tooltip title={<>{children}</>} interactive enterDelay={100}>
      <IconButton size="small" aria-label={`About ${label}`}>
        <InfoOutlined fontSize="small" />
      </IconButton>
    </Tooltip>
  );
}
