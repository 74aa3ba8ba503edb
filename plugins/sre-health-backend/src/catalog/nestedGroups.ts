import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  Entity,
  RELATION_CHILD_OF,
  RELATION_PARENT_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** How many groups a team's roll-up walks at most: a bound on a runaway hierarchy. */
export const MAX_TEAM_GROUPS = 200;

/**
 * The refs of a group and of the groups nested under it (`parentOf` relations), breadth
 * first, lower case, at most `MAX_TEAM_GROUPS`; read with the caller's credentials, so a
 * group the caller may not see is not walked.
 */
export async function nestedGroupRefs(
  catalog: CatalogService,
  group: Entity,
  credentials: BackstageCredentials,
): Promise<string[]> {
  return walkGroups(catalog, group, credentials, RELATION_PARENT_OF);
}

/**
 * The refs of the groups a group is nested in (`childOf` relations, up to the root),
 * nearest first, lower case, without the group itself; bounded like `nestedGroupRefs`.
 */
export async function parentGroupRefs(
  catalog: CatalogService,
  group: Entity,
  credentials: BackstageCredentials,
): Promise<string[]> {
  const refs = await walkGroups(catalog, group, credentials, RELATION_CHILD_OF);
  return refs.slice(1);
}

/** Breadth first from `group` along `relation`, the group first. */
async function walkGroups(
  catalog: CatalogService,
  group: Entity,
  credentials: BackstageCredentials,
  relation: string,
): Promise<string[]> {
  const refs = [stringifyEntityRef(group).toLocaleLowerCase('en-US')];
  const seen = new Set(refs);
  let level: Entity[] = [group];
  while (level.length > 0 && seen.size < MAX_TEAM_GROUPS) {
    const next = [
      ...new Set(
        level
          .flatMap(g => g.relations ?? [])
          .filter(r => r.type === relation)
          .map(r => r.targetRef.toLocaleLowerCase('en-US')),
      ),
    ]
      .filter(ref => !seen.has(ref))
      .slice(0, MAX_TEAM_GROUPS - seen.size);
    if (next.length === 0) break;
    next.forEach(ref => {
      seen.add(ref);
      refs.push(ref);
    });
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs: next, fields: ['kind', 'metadata', 'relations'] },
      { credentials },
    );
    level = items.filter((e): e is Entity => Boolean(e));
  }
  return refs;
}
