import {
  StatusError,
  StatusOK,
  StatusPending,
  StatusWarning,
} from '@backstage/core-components';
import { ReactNode } from 'react';

/** @public */
export type StatusKind = 'ok' | 'warning' | 'error' | 'pending';

const ICONS = {
  ok: StatusOK,
  warning: StatusWarning,
  error: StatusError,
  pending: StatusPending,
};

/**
 * A status icon followed by its text. The core-components status elements mark
 * themselves `aria-hidden`, children included, so the text is rendered outside of
 * them to stay readable by assistive technology.
 * @public
 */
export function StatusText(props: { kind: StatusKind; children: ReactNode }) {
  const Icon = ICONS[props.kind];
  return (
    <span style={{ display: 'inline-flex', alignItems: 'center' }}>
      <Icon />
      <span>{props.children}</span>
    </span>
  );
}
