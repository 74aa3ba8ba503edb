import {
  ActionItemClass,
  PostmortemActionItem,
} from '@sre-health/backstage-plugin-sre-health-common';

/** An item as the API takes it: only the fields it has, nothing the read added. */
function forApi(item: PostmortemActionItem): PostmortemActionItem {
  const { text, correctedClass, owner, state, dueDate } = item;
  return {
    text,
    ...(correctedClass ? { correctedClass } : {}),
    ...(owner ? { owner } : {}),
    ...(state ? { state } : {}),
    ...(dueDate ? { dueDate } : {}),
  };
}

/**
 * The action items to PATCH when an SRE sets (or clears, with `undefined`) the class of
 * item `index`: the others are sent unchanged, each with only the fields the API takes.
 */
export function withCorrectedClass(
  items: ReadonlyArray<PostmortemActionItem>,
  index: number,
  correctedClass: ActionItemClass | undefined,
): PostmortemActionItem[] {
  return items.map((item, i) =>
    forApi(i === index ? { ...item, correctedClass } : item),
  );
}

/** Who sees an item through, where it stands and by when: empty values clear a field. */
export interface ActionItemDetails {
  owner: string;
  state: 'open' | 'done';
  dueDate: string;
}

/** The action items to PATCH when item `index` gets a new owner, state or due date. */
export function withItemDetails(
  items: ReadonlyArray<PostmortemActionItem>,
  index: number,
  details: ActionItemDetails,
): PostmortemActionItem[] {
  return items.map((item, i) =>
    forApi(
      i === index
        ? {
            ...item,
            owner: details.owner || undefined,
            // open is what an item without a state is
            state: details.state === 'done' ? 'done' : undefined,
            dueDate: details.dueDate || undefined,
          }
        : item,
    ),
  );
}

/** The non-blank lines of a text area, one action item (or factor) each. */
export function actionItemLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map(line => line.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').trim())
    .filter(Boolean);
}
