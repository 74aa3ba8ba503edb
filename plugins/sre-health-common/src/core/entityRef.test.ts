import { entityRefSchema, normalizeEntityRef } from './entityRef';

const messageOf = (result: { success: boolean; error?: unknown }) => {
  expect(result.success).toBe(false);
  return (result.error as { issues: Array<{ message: string }> }).issues
    .map(i => i.message)
    .join('; ');
};

describe('entityRefSchema', () => {
  it('normalises any kind of ref to lower-case kind:namespace/name', () => {
    const schema = entityRefSchema();
    expect(schema.parse('Component:Default/Payments-API')).toBe(
      'component:default/payments-api',
    );
    expect(schema.parse('group:payments')).toBe('group:default/payments');
    expect(schema.parse('api:billing/ledger-v2')).toBe('api:billing/ledger-v2');
  });

  it('refuses what is no ref, with one wording', () => {
    const schema = entityRefSchema();
    expect(messageOf(schema.safeParse('payments-api'))).toMatch(
      /^must be an entity ref like component:default\/name \(.+\)$/,
    );
    for (const bad of ['', ':', 'component:', '/name', 'component:default/']) {
      expect(schema.safeParse(bad).success).toBe(false);
    }
    expect(schema.safeParse(42).success).toBe(false);
  });

  it('refuses refs over 255 characters', () => {
    const schema = entityRefSchema();
    expect(
      schema.safeParse(`component:default/${'a'.repeat(237)}`).success,
    ).toBe(true);
    expect(
      schema.safeParse(`component:default/${'a'.repeat(238)}`).success,
    ).toBe(false);
  });

  it('accepts only the kinds it names, whatever their case', () => {
    const user = entityRefSchema({ kinds: ['user'] });
    expect(user.parse('User:Default/Carol')).toBe('user:default/carol');
    expect(messageOf(user.safeParse('group:default/sre'))).toBe(
      'must be a user entity ref like user:default/name (expected a user entity ref, got group)',
    );
    expect(messageOf(user.safeParse('carol'))).toMatch(
      /^must be a user entity ref like user:default\/name \(/,
    );

    const owner = entityRefSchema({ kinds: ['Group', 'user'] });
    expect(owner.parse('group:sre')).toBe('group:default/sre');
    expect(owner.parse('user:carol')).toBe('user:default/carol');
    expect(messageOf(owner.safeParse('Component:x'))).toBe(
      'must be a group or user entity ref like group:default/name (expected a group or user entity ref, got Component)',
    );
  });

  it('reads a ref without a kind as the default kind', () => {
    const system = entityRefSchema({
      kinds: ['system'],
      defaultKind: 'system',
    });
    expect(system.parse('Billing')).toBe('system:default/billing');
    expect(system.parse('payments/billing')).toBe('system:payments/billing');
    expect(system.parse('system:billing')).toBe('system:default/billing');
    expect(system.safeParse('component:billing').success).toBe(false);

    const owner = entityRefSchema({ defaultKind: 'group' });
    expect(owner.parse('sre')).toBe('group:default/sre');
    expect(owner.parse('user:default/carol')).toBe('user:default/carol');
    expect(messageOf(owner.safeParse(''))).toMatch(
      /^must be an entity ref like group:default\/name \(/,
    );
  });
});

describe('normalizeEntityRef', () => {
  it('normalises, and checks the kind when asked', () => {
    expect(normalizeEntityRef('Group:Default/SRE', 'group')).toBe(
      'group:default/sre',
    );
    expect(() => normalizeEntityRef('user:default/x', 'group')).toThrow(
      'expected a group entity ref, got user',
    );
  });
});
