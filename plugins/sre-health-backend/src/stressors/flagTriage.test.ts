import {
  sreHealthAnnotationUpdatePermission,
  sreHealthStressorFlagDismissPermission,
} from '@sre-health/backstage-plugin-sre-health-common';
import { flagChangePermission } from './flagTriage';

describe('flagChangePermission', () => {
  const open = { status: 'open' as const };
  const dismissed = { status: 'dismissed' as const };

  it('asks the dismiss permission for a dismissal and for undoing one', () => {
    const dismiss = sreHealthStressorFlagDismissPermission;
    expect(
      flagChangePermission(open, {
        status: 'dismissed',
        dismissedReason: 'no',
      }),
    ).toBe(dismiss);
    expect(flagChangePermission(open, { dismissedReason: 'no' })).toBe(dismiss);
    expect(flagChangePermission(dismissed, { status: 'open' })).toBe(dismiss);
    expect(flagChangePermission(dismissed, { status: 'resolved' })).toBe(
      dismiss,
    );
    // deleting a dismissed flag undoes the verdict: the detector raises it again
    expect(flagChangePermission(dismissed)).toBe(dismiss);
  });

  it('leaves every other change to the annotation permission', () => {
    const update = sreHealthAnnotationUpdatePermission;
    expect(flagChangePermission(open, { status: 'resolved' })).toBe(update);
    expect(flagChangePermission(open, {})).toBe(update);
    expect(flagChangePermission(open)).toBe(update);
    expect(flagChangePermission(dismissed, {})).toBe(update);
  });
});
