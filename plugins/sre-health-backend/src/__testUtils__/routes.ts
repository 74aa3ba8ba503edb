import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { Knex } from 'knex';
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { notificationService } from '@backstage/plugin-notifications-node';
import {
  sreHealthAnnotationCreatePermission,
  sreHealthAnnotationUpdatePermission,
  sreHealthEngagementCreatePermission,
  sreHealthEngagementUpdatePermission,
  sreHealthSloManagePermission,
  sreHealthSloPushPermission,
  sreHealthStressorRatePermission,
} from '@sre-health/backstage-plugin-sre-health-common';
import { isPostgres } from '../database/dialect';
import { sreHealthPlugin } from '../plugin';
import { DEVELOPER, SERVICE, SRE, TEAM, catalogEntities } from './catalog';
import { TEST_ENGAGEMENT_PLAN } from './engagementPlan';
import { SRE_HEALTH_OWNER_PERMISSIONS } from '../permissions/policy';
import { sreHealthPolicyPermissions } from './permissions';

/*
 * Every route of the plugin, once: what it needs (permission, caller) and a valid request
 * for it. The authorisation matrix and the hostile-input properties run over this table;
 * a test compares it with the routers' own stack, so a new route cannot go unlisted.
 */

/** A second service of the same team, whose data must never show up in the first's reads. */
export const OTHER_SERVICE = 'component:default/ledger-service';

/** The plugin's config in these tests: one SRE group. */
const ROUTE_CONFIG = { sreHealth: { sreGroups: ['group:default/sre'] } };

/** Teams with no engagement yet: each new engagement (one per team) takes one. */
const SPARE_TEAMS = Array.from({ length: 60 }, (_, i) => `spare-team-${i}`);

/** Users nobody has recorded expertise for (one record per user and entity). */
const SPARE_USERS = Array.from({ length: 60 }, (_, i) => `spare-user-${i}`);

/** A developer of another team: neither an SRE nor an owner of the services in the routes. */
export const NON_OWNER = 'user:default/erin';

/** The shared test catalog plus another team, and the spare teams and users. */
export const routeCatalogEntities: Entity[] = [
  ...catalogEntities,
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Group',
    metadata: { name: 'search-team', namespace: 'default' },
    spec: { type: 'team', children: [] },
  },
  {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'erin', namespace: 'default' },
    spec: { memberOf: ['search-team'] },
    relations: [{ type: 'memberOf', targetRef: 'group:default/search-team' }],
  },
  ...SPARE_TEAMS.map(
    (name): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Group',
      metadata: { name, namespace: 'default' },
      spec: { type: 'team', children: [] },
    }),
  ),
  ...SPARE_USERS.map(
    (name): Entity => ({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'User',
      metadata: { name, namespace: 'default' },
      spec: { memberOf: [] },
    }),
  ),
];

/** A user's ownership refs in the route catalog: themselves and their groups. */
function routeOwnershipOf(userRef: string): string[] {
  const user = routeCatalogEntities.find(
    e => e.kind === 'User' && `user:default/${e.metadata.name}` === userRef,
  );
  return [
    userRef,
    ...(user?.relations ?? [])
      .filter(r => r.type === 'memberOf')
      .map(r => r.targetRef),
  ];
}

/** Weeks of ops load no sample has used yet, for the team (one sample per team and week). */
let weeksTaken = 0;

/** A random lower-case word, for names that must be unique. */
export const uniqueWord = () =>
  Math.random()
    .toString(36)
    .slice(2, 10)
    .replace(/[^a-z0-9]/g, '') || 'x';

export type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** A concrete request: path relative to the plugin's base URL. */
export interface SampleRequest {
  path: string;
  query?: Record<string, string>;
  body?: unknown;
}

/** A response as the fixtures need it. */
export interface ApiResponse {
  status: number;
  body: any;
}

/** Sends a request as the SRE (who may do everything). */
export type SreCall = (
  method: Method,
  request: SampleRequest,
) => Promise<ApiResponse>;

/** Who may call a route. */
export type Access =
  /** anyone, even without a token */
  | 'open'
  /** any signed-in user; service tokens are refused */
  | 'user'
  /** signed-in users and service tokens */
  | 'user-or-service'
  /** a user the policy grants `permission` */
  | 'permission'
  /** a user or service the policy grants `permission` (pushes from pipelines) */
  | 'permission-or-service';

export interface RouteSpec {
  method: Method;
  /** The express path template, as registered. */
  path: string;
  access: Access;
  /** The permission a write is authorised with. */
  permission?: string;
  /** Whether the route changes data. */
  write: boolean;
  /** The status of a successful call. */
  ok: number;
  /** A valid request; may create what it needs (as the SRE) first. */
  sample(fx: Fixtures): Promise<SampleRequest>;
}

/** Builds what the samples point at, through the API, as the SRE. */
export class Fixtures {
  private teams = [...SPARE_TEAMS];
  private users = [...SPARE_USERS];
  private sharedEngagement?: Promise<{ id: string; version: number }>;

  constructor(
    private readonly call: SreCall,
    /** The plugin's database: for what only a scheduled task creates (policy episodes). */
    private readonly db?: Knex,
  ) {}

  private async ok(method: Method, request: SampleRequest) {
    const res = await this.call(method, request);
    if (res.status >= 300) {
      throw new Error(
        `fixture ${method.toUpperCase()} ${request.path} failed: ${
          res.status
        } ${JSON.stringify(res.body)}`,
      );
    }
    return res.body;
  }

  /** A team ref no engagement has used yet. */
  freshTeam(): string {
    const name = this.teams.shift();
    if (!name) throw new Error('out of spare teams: add more to routes.ts');
    return `group:default/${name}`;
  }

  /** A Monday no ops-load sample of the team has used yet, going back from 2026-11-16. */
  freshWeek(): string {
    const monday = Date.UTC(2026, 10, 16) - 7 * 86_400_000 * weeksTaken++;
    return new Date(monday).toISOString().slice(0, 10);
  }

  /** A user ref no expertise record names yet. */
  freshUser(): string {
    const name = this.users.shift();
    if (!name) throw new Error('out of spare users: add more to routes.ts');
    return `user:default/${name}`;
  }

  /** A new record of a generic resource. */
  create(
    resource: GenericResource,
  ): Promise<{ id: string; version: number; name?: string }> {
    return this.ok('post', {
      path: `/${resource.path}`,
      body: resource.create(this),
    });
  }

  /** A new engagement (record with profile) of a spare team. */
  async engagement(): Promise<{ id: string; version: number }> {
    const record = await this.ok('post', {
      path: '/engagements/start',
      body: {
        teamRef: this.freshTeam(),
        sreRef: SRE,
        situation: 'other',
        ...TEST_ENGAGEMENT_PLAN,
      },
    });
    return record.engagement;
  }

  /** The engagement with the payments team, whose members and services kindling needs. */
  teamEngagement(): Promise<{ id: string; version: number }> {
    this.sharedEngagement ??= this.ok('post', {
      path: '/engagements/start',
      body: {
        teamRef: TEAM,
        sreRef: SRE,
        situation: 'other',
        ...TEST_ENGAGEMENT_PLAN,
      },
    }).then(r => r.engagement);
    return this.sharedEngagement;
  }

  /**
   * An error-budget policy episode of the service, as the scorecard sync records one (no
   * route creates them): each of its own SLO name, so each is open and undecided.
   */
  async policyEpisode(): Promise<{ id: string; version: number }> {
    if (!this.db)
      throw new Error(
        'policyEpisode needs the database: new Fixtures(call, knex)',
      );
    const now = new Date();
    const id = randomUUID();
    await this.db('slo_policy_episodes').insert({
      id,
      entity_ref: SERVICE,
      owner_ref: TEAM,
      slo_name: `slo-${uniqueWord()}`,
      step_key: 'exhausted',
      action: 'freeze feature releases',
      budget_remaining: 0,
      entered_at: now,
      notified_at: now,
      version: 1,
      created_at: now,
      updated_at: now,
    });
    return { id, version: 1 };
  }

  /** Ticks a checklist item (path of its route) with evidence. */
  tick(path: string, evidence: string): Promise<{ version: number }> {
    return this.ok('put', { path, body: { evidence } });
  }

  /** A new entry (decision, kindling item, question) of the team engagement. */
  async entry(kind: EntryKind): Promise<{ id: string; version: number }> {
    const engagement = await this.teamEngagement();
    const body = await entryBody(kind, this);
    const entry = await this.ok('post', {
      path: `/engagements/${engagement.id}/${kind}`,
      body,
    });
    return { id: entry.id, version: entry.version };
  }
}

type EntryKind = 'decisions' | 'kindling' | 'questions';

const minuteAgo = (minutes: number) =>
  new Date(
    Math.floor(Date.now() / 60_000) * 60_000 - minutes * 60_000,
  ).toISOString();

/** A resource of the generic table in service/router.ts. */
export interface GenericResource {
  path: string;
  create(fx: Fixtures): Record<string, unknown>;
  /** A valid change of a record just created (without its version). */
  update(created: { name?: string }): Record<string, unknown>;
  permissions: { create: string; update: string };
  deletable: boolean;
}

const annotation = {
  create: sreHealthAnnotationCreatePermission.name,
  update: sreHealthAnnotationUpdatePermission.name,
};

export const GENERIC_RESOURCES: GenericResource[] = [
  {
    path: 'stressor-flags',
    create: () => ({
      entityRef: SERVICE,
      // one unresolved flag per entity and key
      stressorKey: `custom:fx-${uniqueWord()}`,
      stressLevel: 3,
      evidence: 'team carries the pager alone',
    }),
    update: () => ({ stressLevel: 4 }),
    permissions: annotation,
    deletable: true,
  },
  {
    path: 'postmortems',
    create: () => ({
      entityRef: SERVICE,
      title: 'Outage',
      occurredAt: '2026-11-01T10:00:00Z',
      actionItems: [{ text: 'Add a connection pool warm-up' }],
    }),
    update: () => ({ impact: '38 minutes' }),
    permissions: annotation,
    deletable: true,
  },
  {
    path: 'fires',
    create: () => ({
      entityRef: SERVICE,
      title: 'Pool warm-up',
      occurredAt: '2026-11-01T10:00:00Z',
    }),
    update: () => ({ kind: 'toil', rationale: 'should never page a human' }),
    permissions: annotation,
    deletable: true,
  },
  {
    path: 'ops-load',
    // One sample per team and week: the owning team, a fresh week each time.
    create: fx => ({
      teamRef: TEAM,
      weekStart: fx.freshWeek(),
      opsHours: 110,
      projectHours: 90,
    }),
    update: () => ({ opsHours: 100 }),
    permissions: annotation,
    deletable: true,
  },
  {
    path: 'interrupt-causes',
    // one sorting per team and cause: a fresh cause each time
    create: () => ({
      teamRef: TEAM,
      causeKey: `alert:${uniqueWord()}`,
      causeClass: 'toil',
    }),
    update: () => ({ causeClass: 'overhead' }),
    permissions: annotation,
    deletable: true,
  },
  {
    path: 'expertise',
    create: fx => ({
      entityRef: SERVICE,
      userRef: fx.freshUser(),
      level: 'learning',
    }),
    update: () => ({ level: 'can-operate' }),
    permissions: annotation,
    deletable: true,
  },
  {
    path: 'engagements',
    create: fx => ({
      teamRef: fx.freshTeam(),
      sreRef: SRE,
      goals: 'cap',
      ...TEST_ENGAGEMENT_PLAN,
    }),
    update: () => ({ goals: 'back under the 50% cap' }),
    permissions: {
      create: sreHealthEngagementCreatePermission.name,
      update: sreHealthEngagementUpdatePermission.name,
    },
    deletable: false,
  },
  {
    path: 'deferred-problems',
    create: () => ({
      entityRef: SERVICE,
      title: 'Retry storm',
      deferredUntil: 'v2',
    }),
    update: () => ({ status: 'closed' }),
    permissions: annotation,
    deletable: true,
  },
  {
    path: 'complaints',
    create: () => ({
      entityRef: SERVICE,
      receivedAt: '2026-11-02T09:00:00Z',
      summary: 'Checkout hangs',
    }),
    update: () => ({ summary: 'Checkout hangs for 60 s' }),
    permissions: annotation,
    deletable: true,
  },
  {
    path: 'alert-diagnoses',
    // One diagnosis per alert name and entity.
    create: () => ({
      entityRef: SERVICE,
      alertName: `HighLatency-${uniqueWord()}`,
      diagnosis: 'pool exhaustion',
    }),
    update: () => ({ diagnosis: 'pool exhaustion under retry storms' }),
    permissions: annotation,
    deletable: true,
  },
  {
    path: 'slo-definitions',
    // SLO names are unique per entity.
    create: () => ({
      entityRef: SERVICE,
      document: sloDocument(`slo-${uniqueWord()}`),
    }),
    update: created => ({ document: sloDocument(created.name!) }),
    permissions: {
      create: sreHealthSloManagePermission.name,
      update: sreHealthSloManagePermission.name,
    },
    deletable: true,
  },
];

/** A valid OpenSLO document with an inline ratio indicator on pushed events. */
export function sloDocument(name: string): Record<string, unknown> {
  return {
    apiVersion: 'openslo/v1',
    kind: 'SLO',
    metadata: { name },
    spec: {
      indicator: {
        spec: {
          ratioMetric: {
            good: { metricSource: { type: 'sre-health', spec: {} } },
            total: { metricSource: { type: 'sre-health', spec: {} } },
          },
        },
      },
      timeWindow: [{ duration: '7d', isRolling: true }],
      budgetingMethod: 'Occurrences',
      objectives: [{ targetPercent: 99 }],
    },
  };
}

const ENTRY_BODIES: Record<
  EntryKind,
  {
    create(fx: Fixtures): Promise<Record<string, unknown>>;
    update: Record<string, unknown>;
  }
> = {
  decisions: {
    create: async () => ({
      decision: 'Page only on symptoms',
      reason: 'cause alerts woke people for nothing',
      example: 'the disk alert',
    }),
    update: { reason: 'cause alerts woke people 40 times a week' },
  },
  kindling: {
    create: async fx => {
      const flag = await fx.create(GENERIC_RESOURCES[0]);
      return {
        title: 'Own the pager together',
        explanation: 'one person carries it',
        fixes: { kind: 'stressor-flag', id: flag.id },
        assigneeRef: 'user:default/carol',
      };
    },
    update: { title: 'Share the pager' },
  },
  questions: {
    create: async () => ({ question: 'Who gets paged at night?' }),
    update: { answer: 'carol, every night' },
  },
};

function entryBody(kind: EntryKind, fx: Fixtures) {
  return ENTRY_BODIES[kind].create(fx);
}

const entityPath = (ref: string) => ref.replace(/[:/]/g, '/');

const read = (
  path: string,
  sample: RouteSpec['sample'],
  access: Access = 'user',
): RouteSpec => ({
  method: 'get',
  path,
  access,
  write: false,
  ok: 200,
  sample,
});

function genericRoutes(resource: GenericResource): RouteSpec[] {
  const base = `/${resource.path}`;
  const refField = ['ops-load', 'engagements', 'interrupt-causes'].includes(
    resource.path,
  )
    ? 'teamRef'
    : 'entityRef';
  const listRef = refField === 'teamRef' ? TEAM : SERVICE;
  const routes: RouteSpec[] = [
    read(base, async () => ({ path: base, query: { [refField]: listRef } })),
    read(`${base}/:id`, async fx => ({
      path: `${base}/${(await fx.create(resource)).id}`,
    })),
    {
      method: 'post',
      path: base,
      access: 'permission',
      permission: resource.permissions.create,
      write: true,
      ok: 201,
      sample: async fx => ({ path: base, body: resource.create(fx) }),
    },
    {
      method: 'patch',
      path: `${base}/:id`,
      access: 'permission',
      permission: resource.permissions.update,
      write: true,
      ok: 200,
      sample: async fx => {
        const created = await fx.create(resource);
        return {
          path: `${base}/${created.id}`,
          body: { version: created.version, ...resource.update(created) },
        };
      },
    },
  ];
  if (resource.deletable) {
    routes.push({
      method: 'delete',
      path: `${base}/:id`,
      access: 'permission',
      permission: resource.permissions.update,
      write: true,
      ok: 204,
      sample: async fx => {
        const { id, version } = await fx.create(resource);
        return { path: `${base}/${id}`, query: { version: String(version) } };
      },
    });
  }
  return routes;
}

function entryRoutes(kind: EntryKind): RouteSpec[] {
  const update = sreHealthEngagementUpdatePermission.name;
  return [
    {
      method: 'post',
      path: `/engagements/:id/${kind}`,
      access: 'permission',
      permission: update,
      write: true,
      ok: 201,
      sample: async fx => ({
        path: `/engagements/${(await fx.teamEngagement()).id}/${kind}`,
        body: await ENTRY_BODIES[kind].create(fx),
      }),
    },
    {
      method: 'patch',
      path: `/engagements/:id/${kind}/:entryId`,
      access: 'permission',
      permission: update,
      write: true,
      ok: 200,
      sample: async fx => {
        const entry = await fx.entry(kind);
        return {
          path: `/engagements/${(await fx.teamEngagement()).id}/${kind}/${
            entry.id
          }`,
          body: { version: entry.version, ...ENTRY_BODIES[kind].update },
        };
      },
    },
    {
      method: 'delete',
      path: `/engagements/:id/${kind}/:entryId`,
      access: 'permission',
      permission: update,
      write: true,
      ok: 204,
      sample: async fx => {
        const entry = await fx.entry(kind);
        return {
          path: `/engagements/${(await fx.teamEngagement()).id}/${kind}/${
            entry.id
          }`,
          query: { version: String(entry.version) },
        };
      },
    },
  ];
}

const annotationCreate = sreHealthAnnotationCreatePermission.name;
const annotationUpdate = sreHealthAnnotationUpdatePermission.name;
const engagementUpdate = sreHealthEngagementUpdatePermission.name;
const servicePath = `/entities/${entityPath(SERVICE)}`;

/** Every route of the plugin. */
export const ROUTES: RouteSpec[] = [
  // service/router.ts
  read('/health', async () => ({ path: '/health' }), 'open'),
  read('/entities/:kind/:namespace/:name/health', async () => ({
    path: `${servicePath}/health`,
  })),
  read('/entities/:kind/:namespace/:name/audit', async () => ({
    path: `${servicePath}/audit`,
  })),
  ...GENERIC_RESOURCES.flatMap(genericRoutes),
  {
    method: 'post',
    path: '/slo-events',
    access: 'permission-or-service',
    permission: sreHealthSloPushPermission.name,
    write: true,
    ok: 202,
    sample: async () => ({
      path: '/slo-events',
      body: {
        entityRef: SERVICE,
        slo: 'availability',
        buckets: [{ start: minuteAgo(2), good: 99, total: 100 }],
      },
    }),
  },
  {
    method: 'post',
    path: '/slo-backfill',
    access: 'permission',
    permission: sreHealthSloManagePermission.name,
    write: true,
    ok: 200,
    sample: async () => ({
      path: '/slo-backfill',
      body: {
        entityRef: SERVICE,
        slo: 'availability',
        file: {
          format: 'csv',
          text: `start,good,total\n${minuteAgo(3000)},99,100`,
        },
      },
    }),
  },
  // stressors/router.ts
  {
    method: 'post',
    path: '/entities/:kind/:namespace/:name/detect',
    access: 'permission',
    permission: annotationUpdate,
    write: true,
    ok: 200,
    sample: async () => ({ path: `${servicePath}/detect` }),
  },
  read('/stressor-flags/:id/history', async fx => ({
    path: `/stressor-flags/${
      (await fx.create(GENERIC_RESOURCES[0])).id
    }/history`,
  })),
  // stressors/rating.ts
  {
    method: 'put',
    path: '/stressor-flags/:id/rating',
    access: 'permission',
    permission: sreHealthStressorRatePermission.name,
    write: true,
    ok: 200,
    sample: async fx => {
      const flag = await fx.create(GENERIC_RESOURCES[0]);
      return {
        path: `/stressor-flags/${flag.id}/rating`,
        body: { version: flag.version, level: 4 },
      };
    },
  },
  {
    method: 'post',
    path: '/alert-firings',
    access: 'permission-or-service',
    permission: annotationCreate,
    write: true,
    ok: 202,
    sample: async () => ({
      path: '/alert-firings',
      body: {
        entityRef: SERVICE,
        firings: [{ alertName: 'HighLatency', startsAt: minuteAgo(30) }],
      },
    }),
  },
  read('/entities/:kind/:namespace/:name/alerts', async () => ({
    path: `${servicePath}/alerts`,
  })),
  read('/entities/:kind/:namespace/:name/fires.md', async () => ({
    path: `${servicePath}/fires.md`,
  })),
  {
    method: 'post',
    path: '/postmortems/import',
    access: 'permission',
    permission: annotationCreate,
    write: true,
    ok: 201,
    sample: async () => ({
      path: '/postmortems/import',
      body: {
        entityRef: SERVICE,
        markdown:
          '# Checkout outage\n\nDate: 2026-11-01\n\n## Impact\n\n38 minutes\n\n## Action items\n\n- Add a pool warm-up\n',
      },
    }),
  },
  // knowledge/router.ts
  read('/knowledge/teams/:namespace/:name', async () => ({
    path: `/knowledge/teams/default/payments-team`,
  })),
  read('/knowledge/:kind/:namespace/:name', async () => ({
    path: `/knowledge/${entityPath(SERVICE)}`,
  })),
  read('/knowledge/:kind/:namespace/:name/what-if', async () => ({
    path: `/knowledge/${entityPath(SERVICE)}/what-if`,
    query: { without: 'user:default/carol' },
  })),
  {
    method: 'post',
    path: '/knowledge/:kind/:namespace/:name/analyze',
    access: 'permission-or-service',
    permission: annotationUpdate,
    write: true,
    ok: 200,
    sample: async () => ({ path: `/knowledge/${entityPath(SERVICE)}/analyze` }),
  },
  {
    method: 'post',
    path: '/oncall-shifts',
    access: 'permission-or-service',
    permission: annotationCreate,
    write: true,
    ok: 202,
    sample: async () => ({
      path: '/oncall-shifts',
      body: {
        entityRef: SERVICE,
        shifts: [
          {
            userRef: 'user:default/carol',
            startsAt: '2026-11-02T09:00:00.000Z',
            endsAt: '2026-11-09T09:00:00.000Z',
          },
        ],
      },
    }),
  },
  read('/oncall-shifts', async () => ({
    path: '/oncall-shifts',
    query: { entityRef: SERVICE },
  })),
  // opsTime/router.ts
  {
    method: 'post',
    path: '/oncall-interrupts',
    access: 'permission-or-service',
    permission: annotationCreate,
    write: true,
    ok: 202,
    sample: async () => ({
      path: '/oncall-interrupts',
      body: {
        teamRef: TEAM,
        interrupts: [
          {
            userRef: 'user:default/carol',
            startsAt: '2026-11-02T09:00:00.000Z',
            count: 4,
            minutes: 95,
          },
        ],
      },
    }),
  },
  read('/oncall-interrupts', async () => ({
    path: '/oncall-interrupts',
    query: { teamRef: TEAM },
  })),
  read('/ops-time', async () => ({
    path: '/ops-time',
    query: { teamRef: TEAM },
  })),
  read('/interrupt-ledger', async () => ({
    path: '/interrupt-ledger',
    query: { teamRef: TEAM },
  })),
  // engagement/router.ts
  read('/engagement-records', async () => ({
    path: '/engagement-records',
    query: { teamRef: TEAM },
  })),
  {
    method: 'post',
    path: '/engagements/start',
    access: 'permission',
    permission: sreHealthEngagementCreatePermission.name,
    write: true,
    ok: 201,
    sample: async fx => ({
      path: '/engagements/start',
      body: {
        teamRef: fx.freshTeam(),
        sreRef: SRE,
        situation: 'new-service',
        ...TEST_ENGAGEMENT_PLAN,
      },
    }),
  },
  ...['record', 'kindling-targets', 'report', 'report.md'].map(tail =>
    read(`/engagements/:id/${tail}`, async fx => ({
      path: `/engagements/${(await fx.teamEngagement()).id}/${tail}`,
    })),
  ),
  {
    method: 'put',
    path: '/engagements/:id/profile',
    access: 'permission',
    permission: engagementUpdate,
    write: true,
    ok: 200,
    sample: async fx => ({
      path: `/engagements/${(await fx.engagement()).id}/profile`,
      body: { version: 1, summary: 'small team, critical service' },
    }),
  },
  {
    method: 'put',
    path: '/engagements/:id/checklist/:itemKey',
    access: 'permission',
    permission: engagementUpdate,
    write: true,
    ok: 200,
    sample: async fx => ({
      path: `/engagements/${
        (await fx.engagement()).id
      }/checklist/shadowed-on-call`,
      body: { evidence: 'two night shifts' },
    }),
  },
  {
    method: 'delete',
    path: '/engagements/:id/checklist/:itemKey',
    access: 'permission',
    permission: engagementUpdate,
    write: true,
    ok: 204,
    sample: async fx => {
      const { id } = await fx.engagement();
      const path = `/engagements/${id}/checklist/shadowed-on-call`;
      const tick = await fx.tick(path, 'two night shifts');
      return { path, query: { version: String(tick.version) } };
    },
  },
  ...(['decisions', 'kindling', 'questions'] as const).flatMap(entryRoutes),
  {
    method: 'post',
    path: '/engagements/:id/transition',
    access: 'permission',
    permission: engagementUpdate,
    write: true,
    ok: 200,
    sample: async fx => {
      const { id, version } = await fx.engagement();
      return {
        path: `/engagements/${id}/transition`,
        body: { version, to: 'share-context', reason: 'context shared early' },
      };
    },
  },
  // budgetPolicy/router.ts
  read('/entities/:kind/:namespace/:name/slo-policy', async () => ({
    path: `${servicePath}/slo-policy`,
  })),
  {
    method: 'post',
    path: '/slo-policy-episodes/:id/decision',
    access: 'permission',
    permission: engagementUpdate,
    write: true,
    ok: 200,
    sample: async fx => {
      const { id, version } = await fx.policyEpisode();
      return {
        path: `/slo-policy-episodes/${id}/decision`,
        body: { version, decision: 'accepted', reason: 'budget first' },
      };
    },
  },
  // scorecard/router.ts
  read('/scorecard', async () => ({ path: '/scorecard' })),
  read('/scorecard/export', async () => ({
    path: '/scorecard/export',
    query: { format: 'csv' },
  })),
  read('/scorecard/teams', async () => ({ path: '/scorecard/teams' })),
  read('/scorecard/facets', async () => ({ path: '/scorecard/facets' })),
  read('/scorecard/trends', async () => ({ path: '/scorecard/trends' })),
  read(
    '/scorecard/facts',
    async () => ({ path: '/scorecard/facts' }),
    'user-or-service',
  ),
];

/** `METHOD /path` of a route, as the router-stack check compares them. */
export const routeKey = (r: { method: string; path: string }) =>
  `${r.method.toUpperCase()} ${r.path}`;

/** The routes an express router (and the routers mounted in it) registers. */
export function routesOfRouter(
  router: { stack?: any[] },
  found: Array<{ method: string; path: string }> = [],
): Array<{ method: string; path: string }> {
  for (const layer of router.stack ?? []) {
    if (layer.route) {
      for (const [method, on] of Object.entries(layer.route.methods ?? {})) {
        if (on && method !== '_all') {
          found.push({ method, path: layer.route.path });
        }
      }
    } else if (layer.handle?.stack) {
      routesOfRouter(layer.handle, found);
    }
  }
  return found;
}

/**
 * The callers of the authorisation matrix: no token; the `owner`, a developer of the team
 * that owns the services and the team the routes' samples are about (`developer` is the
 * same person); a `non-owner`, a developer of another team; an SRE; a service token.
 */
export type Caller =
  | 'none'
  | 'developer'
  | 'owner'
  | 'non-owner'
  | 'sre'
  | 'service';

/** The Authorization header of a caller. */
export function headersOf(caller: Caller): Record<string, string> {
  switch (caller) {
    case 'none':
      return {};
    case 'developer':
    case 'owner':
      return { Authorization: mockCredentials.user.header(DEVELOPER) };
    case 'non-owner':
      return { Authorization: mockCredentials.user.header(NON_OWNER) };
    case 'sre':
      return { Authorization: mockCredentials.user.header(SRE) };
    default:
      return { Authorization: mockCredentials.service.header() };
  }
}

/**
 * The status the design gives `caller` on `route` (with a valid request). Every sample is
 * about the owner's service or team, so the owner gets what the policy grants owning teams
 * (SRE_HEALTH_OWNER_PERMISSIONS); the engagement and a flag's dismissal stay with SREs.
 */
export function expectedStatus(route: RouteSpec, caller: Caller): number {
  if (route.access === 'open') return route.ok;
  if (caller === 'none') return 401;
  if (caller === 'service') {
    return route.access === 'user-or-service' ||
      route.access === 'permission-or-service'
      ? route.ok
      : 403;
  }
  if (!route.permission || caller === 'sre') return route.ok;
  const owner = caller === 'owner' || caller === 'developer';
  return owner && SRE_HEALTH_OWNER_PERMISSIONS.includes(route.permission)
    ? route.ok
    : 403;
}

/**
 * The plugin in a real backend on the given database. Permission decisions are the
 * plugin's recommended rule (createSreHealthPolicyDecision, which the portal's policy
 * applies) over the user's ownership refs from the catalog, its ownership conditions
 * evaluated on the catalog's entities; service tokens are allowed, as Backstage's
 * permission client does for service principals. Scheduled tasks are recorded, not run,
 * so nothing writes in the background.
 */
export async function startRouteTestBackend(
  knex: Knex,
  /** More `sreHealth` config (e.g. knowledge repositories), over the route config. */
  extra: Record<string, unknown> = {},
): Promise<Server> {
  const permissions = sreHealthPolicyPermissions(ROUTE_CONFIG, {
    ownershipOf: routeOwnershipOf,
    entities: routeCatalogEntities,
  });
  const config = { sreHealth: { ...ROUTE_CONFIG.sreHealth, ...extra } };
  const { server } = await startTestBackend({
    features: [
      sreHealthPlugin,
      catalogServiceMock.factory({ entities: routeCatalogEntities }),
      mockServices.database.factory({ knex }),
      permissions.factory,
      mockServices.scheduler.mock({ scheduleTask: async () => {} }).factory,
      mockServices.rootConfig.factory({ data: config }),
      mockServices.httpAuth.factory({
        defaultCredentials: mockCredentials.none(),
      }),
      createServiceFactory({
        service: notificationService,
        deps: {},
        factory: () => ({ send: async () => {} }),
      }),
    ],
  });
  return server;
}

/** Rows per table of the plugin's database (migrations bookkeeping left out). */
export async function rowCounts(knex: Knex): Promise<Record<string, number>> {
  const tables: string[] = isPostgres(knex)
    ? (
        await knex('information_schema.tables')
          .where({ table_schema: 'public' })
          .select('table_name')
      ).map((r: any) => r.table_name)
    : (await knex('sqlite_master').where({ type: 'table' }).select('name')).map(
        (r: any) => r.name,
      );
  const counts: Record<string, number> = {};
  for (const table of tables.sort()) {
    if (table.startsWith('knex_') || table.startsWith('sqlite_')) continue;
    const [{ n }] = await knex(table).count({ n: '*' });
    counts[table] = Number(n);
  }
  return counts;
}
