import {
  ActionItemClass,
  PostmortemActionItem,
} from '@internal/backstage-plugin-sre-health-common';

/**
 * The action items to PATCH when an SRE sets (or clears, with `undefined`) the class of
 * item `index`: the others are sent unchanged, each with only the fields the API takes.
 */
export function withCorrectedClass(
  items: ReadonlyArray<PostmortemActionItem>,
  index: number,
  correctedClass: ActionItemClass | undefined,
): PostmortemActionItem[] {
  return items.map((item, i) => {
    const cls = i === index ? correctedClass : item.correctedClass;
    return cls ? { text: item.text, correctedClass: cls } : { text: item.text };
  });
}

/** The non-blank lines of a text area, one action item each. */
export function actionItemLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map(line => line.replace(/^\s*(?:[-*+]|\d+[.)])\s+/, '').trim())
    .filter(Boolean);
}
