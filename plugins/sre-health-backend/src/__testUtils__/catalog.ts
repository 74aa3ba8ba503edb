import { Entity } from '@backstage/catalog-model';

/** A small catalog: one SRE group, one product team, their users and a service. */
export const SRE = 'user:default/alice';
export const DEVELOPER = 'user:default/carol';
export const TEAM = 'group:default/payments-team';
export const SERVICE = 'component:default/payments-api';

const group = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Group',
  metadata: { name, namespace: 'default' },
  spec: { type: 'team', children: [] },
});

const user = (name: string, groupName: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: { memberOf: [groupName] },
  relations: [{ type: 'memberOf', targetRef: `group:default/${groupName}` }],
});

export const catalogEntities: Entity[] = [
  group('sre'),
  group('payments-team'),
  user('alice', 'sre'),
  user('bob', 'sre'),
  user('carol', 'payments-team'),
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: 'payments-api',
      namespace: 'default',
      annotations: {
        'sre-health.dev/tier': 'critical',
        'sre-health.dev/slo-target': '99.9',
        'sre-health.dev/operators': 'user:default/carol',
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
    relations: [{ type: 'ownedBy', targetRef: TEAM }],
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'ledger-service', namespace: 'default' },
    spec: { type: 'service', lifecycle: 'production', owner: 'payments-team' },
    relations: [{ type: 'ownedBy', targetRef: TEAM }],
  },
];

/** Group memberships the way the auth backend would put them in a user's ownership refs. */
export function ownershipOf(userRef: string): string[] {
  const entity = catalogEntities.find(
    e => `user:default/${e.metadata.name}` === userRef,
  );
  return [userRef, ...(entity?.relations ?? []).map(r => r.targetRef)];
}
