import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import type { PostmortemLink } from '@sre-health/backstage-plugin-sre-health-common';
import { ownerOf } from '../catalog/owners';
import type { Access } from '../http/access';
import type { SreHealthStore } from '../store';

/*
 * The chapter asks the embedded SRE to lead the *next* postmortem, blamelessly. Ticking
 * that checklist item links to the postmortem that was led, so the record shows it rather
 * than a tick: a postmortem about something the engagement's team owns.
 */

/** The checklist item that links to the postmortem the SRE led. @internal */
export const LED_POSTMORTEM_ITEM = 'postmortem-led';

/** The tick's columns of the link, kept as the postmortem was when ticked. @internal */
export interface LedPostmortemColumns {
  postmortem_id?: string | null;
  postmortem_title?: string | null;
  postmortem_entity_ref?: string | null;
}

/**
 * The postmortem a tick of `itemKey` links to. `postmortem-led` needs one when it is first
 * ticked (`creating`), and may change it later; no other item takes one. 400s name
 * `postmortemId`. Undefined when the tick keeps what it has (or links nothing).
 * @internal
 */
export async function linkLedPostmortem(
  deps: { store: SreHealthStore; access: Access },
  args: {
    itemKey: string;
    postmortemId?: string;
    creating: boolean;
    teamRef: string;
    credentials: BackstageCredentials;
  },
): Promise<PostmortemLink | undefined> {
  const { itemKey, postmortemId, teamRef } = args;
  if (itemKey !== LED_POSTMORTEM_ITEM) {
    if (postmortemId) {
      throw new InputError(
        `postmortemId: only ${LED_POSTMORTEM_ITEM} links a postmortem, not ${itemKey}`,
      );
    }
    return undefined;
  }
  if (!postmortemId) {
    if (args.creating) {
      throw new InputError(
        `postmortemId: ${LED_POSTMORTEM_ITEM} links to the postmortem that was led; name it`,
      );
    }
    return undefined;
  }
  const postmortem = await deps.store.postmortems.get(postmortemId);
  if (!postmortem) {
    throw new InputError(
      `postmortemId: postmortem ${postmortemId} does not exist`,
    );
  }
  const { entityRef } = postmortem;
  const entity = await deps.access
    .resolveEntity(entityRef, args.credentials, 'postmortemId')
    .catch(error => {
      if ((error as Error)?.name === 'NotFoundError') {
        throw new InputError(
          `postmortemId: the postmortem is about ${entityRef}, which is not in the catalog`,
        );
      }
      throw error;
    });
  if (ownerOf(entity) !== teamRef) {
    throw new InputError(
      `postmortemId: the postmortem is about ${entityRef}, which ${teamRef} does not own`,
    );
  }
  return {
    id: postmortem.id,
    title: postmortem.title.slice(0, 255),
    entityRef,
  };
}

/** The columns of a link; none when the tick keeps what it has. @internal */
export function ledPostmortemColumns(
  link: PostmortemLink | undefined,
): LedPostmortemColumns {
  return link
    ? {
        postmortem_id: link.id,
        postmortem_title: link.title,
        postmortem_entity_ref: link.entityRef,
      }
    : {};
}

/** The link of a tick row, or null. @internal */
export function ledPostmortemOf(
  row: LedPostmortemColumns,
): PostmortemLink | null {
  return row.postmortem_id
    ? {
        id: row.postmortem_id,
        title: row.postmortem_title ?? '',
        entityRef: row.postmortem_entity_ref ?? '',
      }
    : null;
}
