import type { Entity } from '@backstage/catalog-model';

/*
 * A catalog for the knowledge tests: people with e-mail addresses (the truck factor maps git
 * authors to them), a team with a nested sub-team, and components with and without a repository.
 */

export const CAROL = 'user:default/carol';
export const DAN = 'user:default/dan';
export const ALICE = 'user:default/alice';
export const BOB = 'user:default/bob';
export const ERIN = 'user:default/erin';
export const LEDGER = 'component:default/ledger-service';
export const PAYMENTS = 'component:default/payments-api';
export const BATCH = 'component:default/settlement-batch';
export const REMOTE = 'component:default/remote-service';
export const TEAM = 'group:default/payments-team';
export const SUBTEAM = 'group:default/settlement-team';

const user = (name: string, email = `${name}@example.com`): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name, namespace: 'default' },
  spec: {
    profile: {
      email,
      displayName: name[0].toUpperCase() + name.slice(1),
    },
    memberOf: [],
  },
});

const component = (
  name: string,
  options: {
    owner: string;
    tier?: string;
    operators?: string;
    annotations?: Record<string, string>;
  },
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    title: name.replace(/-/g, ' '),
    annotations: {
      ...(options.tier ? { 'sre-health.dev/tier': options.tier } : {}),
      ...(options.operators
        ? { 'sre-health.dev/operators': options.operators }
        : {}),
      ...options.annotations,
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: options.owner },
  relations: [{ type: 'ownedBy', targetRef: options.owner }],
});

export function knowledgeCatalog(
  extra: { annotations?: Record<string, Record<string, string>> } = {},
): Entity[] {
  return [
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'payments-team', namespace: 'default' },
      spec: { type: 'team', children: ['settlement-team'] },
      relations: [{ type: 'parentOf', targetRef: SUBTEAM }],
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'settlement-team', namespace: 'default' },
      spec: { type: 'team', parent: 'payments-team', children: [] },
      relations: [{ type: 'childOf', targetRef: TEAM }],
    },
    {
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name: 'sre', namespace: 'default' },
      spec: { type: 'team', children: [] },
    },
    // Carol signs her commits with her old address too: matched through her display name
    user('carol'),
    user('dan'),
    user('alice'),
    user('bob'),
    user('erin'),
    component('ledger-service', {
      owner: TEAM,
      tier: 'critical',
      annotations: extra.annotations?.['ledger-service'],
    }),
    component('payments-api', {
      owner: TEAM,
      tier: 'critical',
      operators: CAROL,
      annotations: extra.annotations?.['payments-api'],
    }),
    component('settlement-batch', {
      owner: SUBTEAM,
      annotations: extra.annotations?.['settlement-batch'],
    }),
    component('remote-service', {
      owner: 'group:default/sre',
      annotations: {
        'backstage.io/source-location':
          'url:https://github.com/example/remote-service/tree/main/',
      },
    }),
  ];
}
