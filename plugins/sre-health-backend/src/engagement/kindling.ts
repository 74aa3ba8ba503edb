import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  RELATION_MEMBER_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import {
  KindlingTarget,
  KindlingTargetOptions,
  stressorTitle,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { SreHealthStore } from '../store';
import type { Access } from '../http/access';
import { ownerOf } from '../catalog/owners';
import type { EngagementFiguresReader } from './figures';

/*
 * Kindling's catalog rules: an item fixes a postmortem or stressor flag about something the
 * team owns, and one member of the team does the work.
 */

/** Most postmortems and flags offered as kindling targets. */
const MAX_TARGETS = 200;

/** What kindling's rules read: the catalog (through Access) and the plugin's store. */
export interface KindlingDeps {
  access: Access;
  store: SreHealthStore;
}

/**
 * What a kindling item fixes for good: a postmortem or stressor flag about an entity the
 * team owns. 400 naming `fixes.id` otherwise.
 */
async function kindlingTarget(
  deps: KindlingDeps,
  fixes: { kind: 'postmortem' | 'stressor-flag'; id: string },
  teamRef: string,
  credentials: BackstageCredentials,
): Promise<KindlingTarget> {
  let label: string;
  let entityRef: string;
  if (fixes.kind === 'postmortem') {
    const postmortem = await deps.store.postmortems.get(fixes.id);
    if (!postmortem) {
      throw new InputError(`fixes.id: postmortem ${fixes.id} does not exist`);
    }
    label = postmortem.title;
    entityRef = postmortem.entityRef;
  } else {
    const flag = await deps.store.flags.get(fixes.id);
    if (!flag) {
      throw new InputError(
        `fixes.id: stressor flag ${fixes.id} does not exist`,
      );
    }
    label = `${stressorTitle(flag.stressorKey)} on ${flag.entityRef}`;
    entityRef = flag.entityRef;
  }
  const entity = await deps.access
    .resolveEntity(entityRef, credentials, 'fixes.id')
    .catch(error => {
      if ((error as Error)?.name === 'NotFoundError') {
        throw new InputError(
          `fixes.id: the ${fixes.kind} is about ${entityRef}, which is not in the catalog`,
        );
      }
      throw error;
    });
  if (ownerOf(entity) !== teamRef) {
    throw new InputError(
      `fixes.id: the ${fixes.kind} is about ${entityRef}, which ${teamRef} does not own`,
    );
  }
  return {
    kind: fixes.kind,
    id: fixes.id,
    label: label.slice(0, 255),
    entityRef,
  };
}

/** One team member does the work: the assignee must be a member of the team. */
async function requireMember(
  access: Access,
  userRef: string,
  teamRef: string,
  credentials: BackstageCredentials,
) {
  const user = await access.resolveRef(
    { ref: userRef, field: 'assigneeRef' },
    credentials,
    ['User'],
  );
  const member = (user.relations ?? []).some(
    r =>
      r.type === RELATION_MEMBER_OF &&
      r.targetRef.toLocaleLowerCase('en-US') === teamRef,
  );
  if (!member) {
    throw new InputError(
      `assigneeRef: ${userRef} is not a member of ${teamRef}; kindling is work one team member can do`,
    );
  }
}

/**
 * Checks the refs a kindling write names (what it fixes, the assignee, the reviewer)
 * against the catalog, and returns the resolved target when `fixes` is given.
 */
export async function resolveKindlingRefs(
  deps: KindlingDeps,
  input: {
    fixes?: { kind: 'postmortem' | 'stressor-flag'; id: string };
    assigneeRef?: string;
    reviewerRef?: string;
  },
  teamRef: string,
  credentials: BackstageCredentials,
): Promise<{ fixes?: KindlingTarget }> {
  const fixes = input.fixes
    ? await kindlingTarget(deps, input.fixes, teamRef, credentials)
    : undefined;
  if (input.assigneeRef) {
    await requireMember(deps.access, input.assigneeRef, teamRef, credentials);
  }
  if (input.reviewerRef) {
    await deps.access.resolveRef(
      { ref: input.reviewerRef, field: 'reviewerRef' },
      credentials,
      ['User'],
    );
  }
  return { fixes };
}

/**
 * What kindling can fix for good: the postmortems and unresolved stressor flags of the
 * entities the team owns.
 */
export async function listKindlingTargets(
  deps: { store: SreHealthStore; figures: EngagementFiguresReader },
  teamRef: string,
  credentials: BackstageCredentials,
): Promise<KindlingTargetOptions> {
  const entities = await deps.figures.ownedEntities(teamRef, credentials);
  const refs = entities.map(e =>
    stringifyEntityRef(e).toLocaleLowerCase('en-US'),
  );
  if (refs.length === 0) return { postmortems: [], flags: [] };
  const [postmortems, flags] = await Promise.all([
    deps.store.postmortems.listWhere(q =>
      q.whereIn('entity_ref', refs).limit(MAX_TARGETS),
    ),
    deps.store.flags.listWhere(q =>
      q
        .whereIn('entity_ref', refs)
        .whereNotIn('status', ['resolved', 'dismissed'])
        .limit(MAX_TARGETS),
    ),
  ]);
  return {
    postmortems: postmortems.map(p => ({
      kind: 'postmortem' as const,
      id: p.id,
      label: p.title,
      entityRef: p.entityRef,
    })),
    flags: flags.map(f => ({
      kind: 'stressor-flag' as const,
      id: f.id,
      label: `${stressorTitle(f.stressorKey)} on ${f.entityRef}`,
      entityRef: f.entityRef,
    })),
  };
}
