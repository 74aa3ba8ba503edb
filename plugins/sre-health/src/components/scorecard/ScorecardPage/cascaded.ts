/* Test helper of the scorecard components. */

/**
 * The value of a CSS property as a browser cascades it: the matching rule with the
 * highest specificity (classes, attributes, pseudo-classes) wins, then the later one.
 * (jsdom's getComputedStyle ignores specificity: the theme's cell rule won there.)
 */
export function cascaded(el: Element, property: string): string {
  let best: { specificity: number; value: string } = {
    specificity: -1,
    value: '',
  };
  for (const sheet of Array.from(document.styleSheets)) {
    for (const rule of Array.from(sheet.cssRules)) {
      const r = rule as CSSStyleRule;
      const value = r.style?.getPropertyValue(property);
      if (!r.selectorText || !value) continue;
      for (const selector of r.selectorText.split(',')) {
        let matches = false;
        try {
          matches = el.matches(selector);
        } catch {
          matches = false;
        }
        if (!matches) continue;
        const specificity = (selector.match(/[.[]|:(?!:)/g) ?? []).length;
        if (specificity >= best.specificity) best = { specificity, value };
      }
    }
  }
  return best.value;
}
