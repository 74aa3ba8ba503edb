import {
  sreHealthAnnotationUpdatePermission,
  sreHealthStressorFlagDismissPermission,
} from '@sre-health/backstage-plugin-sre-health-common';
import { ConflictError, InputError } from '@backstage/errors';
import { checkExemptionChange, flagChangePermission } from './flagTriage';

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

describe('flagChangePermission for exemptions', () => {
  const open = { status: 'open' as const };
  const exempt = { status: 'exempt' as const };
  const dismiss = sreHealthStressorFlagDismissPermission;

  it('asks the dismiss permission to exempt, change, end or delete an exemption', () => {
    expect(
      flagChangePermission(open, {
        status: 'exempt',
        exemptUntil: '2027-01-15',
        exemptReason: 'migration lands in January',
      }),
    ).toBe(dismiss);
    expect(flagChangePermission(exempt, { exemptUntil: '2027-02-01' })).toBe(
      dismiss,
    );
    expect(flagChangePermission(exempt, { exemptReason: 'later' })).toBe(
      dismiss,
    );
    expect(flagChangePermission(exempt, { status: 'open' })).toBe(dismiss);
    expect(flagChangePermission(exempt)).toBe(dismiss);
  });

  it('leaves an exempt flag’s other fields to the annotation permission', () => {
    expect(flagChangePermission(exempt, {})).toBe(
      sreHealthAnnotationUpdatePermission,
    );
  });
});

describe('checkExemptionChange', () => {
  it('exempts only a flag that stresses the team', () => {
    const change = {
      status: 'exempt',
      exemptUntil: '2027-01-15',
      exemptReason: 'x',
    };
    expect(checkExemptionChange(change, { id: 'f', status: 'open' })).toBe(
      change,
    );
    expect(
      checkExemptionChange(change, { id: 'f', status: 'mitigating' }),
    ).toBe(change);
    expect(() =>
      checkExemptionChange(change, { id: 'f', status: 'resolved' }),
    ).toThrow(/is resolved: only an open or mitigating flag can be exempted/);
    expect(() =>
      checkExemptionChange(change, { id: 'f', status: 'dismissed' }),
    ).toThrow(ConflictError);
  });

  it('keeps an exemption’s date and reason to exempt flags, naming the field', () => {
    expect(() =>
      checkExemptionChange(
        { exemptUntil: '2027-01-15' },
        { id: 'f', status: 'open' },
      ),
    ).toThrow(/exemptUntil: only an exempt flag has one/);
    expect(() =>
      checkExemptionChange(
        { status: 'open', exemptReason: 'x' },
        { id: 'f', status: 'exempt' },
      ),
    ).toThrow(InputError);
    expect(
      checkExemptionChange(
        { exemptUntil: '2027-02-01' },
        { id: 'f', status: 'exempt' },
      ),
    ).toEqual({
      exemptUntil: '2027-02-01',
    });
  });
});
