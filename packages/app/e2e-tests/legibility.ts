import AxeBuilder from '@axe-core/playwright';
import { Page, expect } from '@playwright/test';
import { SLOW } from './journey';

/** The widths the pages are checked at: a small laptop and a common desktop. */
export const WIDTHS = [1024, 1440] as const;

/**
 * Switches Backstage's theme the way the settings page does (its choice is kept in local
 * storage), reloads, and waits until the app is back, signed in again if it asks.
 */
export async function useTheme(page: Page, theme: 'light' | 'dark') {
  await page.evaluate(t => window.localStorage.setItem('theme', t), theme);
  await page.reload({ waitUntil: 'domcontentloaded' });
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  const enter = page.getByRole('button', { name: /enter/i });
  await expect(nav.or(enter)).toBeAttached({ timeout: SLOW });
  if (await enter.isVisible()) {
    await enter.click();
  }
  await expect(nav).toBeAttached({ timeout: SLOW });
  await expect(page.locator('body')).toHaveAttribute('data-theme-mode', theme);
}

/**
 * Serious and critical axe violations inside `selector` (our content: the page's main
 * area, without the portal's own sidebar), as `rule: target` lines, so a failure names
 * the element. WCAG 2 A and AA rules, colour contrast included.
 */
export async function axeViolations(page: Page, selector = 'main') {
  const results = await new AxeBuilder({ page })
    .include(selector)
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'])
    .analyze();
  return results.violations
    .filter(v => v.impact === 'serious' || v.impact === 'critical')
    .flatMap(v =>
      v.nodes.map(
        n =>
          `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary
            ?.split('\n')
            .slice(1)
            .join(' ')}`,
      ),
    );
}

/** The page scrolls sideways: the document is wider than the window. */
export async function horizontalOverflow(page: Page) {
  return page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
}

/**
 * Words of table headings, row headings and chips that the browser laid out on more than
 * one line ("pag e", "Payme nts"): each word's text range must sit on a single line.
 * Elements that are not displayed are skipped.
 */
export async function wordsBrokenInside(page: Page, scope = 'main') {
  return page.evaluate(within => {
    const selector = [
      'th',
      '[role="columnheader"]',
      '[role="rowheader"]',
      '.MuiChip-label',
    ]
      .map(s => `${within} ${s}`)
      .join(', ');
    const broken: string[] = [];
    for (const el of Array.from(document.querySelectorAll(selector))) {
      const box = (el as HTMLElement).getBoundingClientRect();
      if (box.width === 0 && box.height === 0) continue;
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const m of Array.from(text.matchAll(/\S+/g))) {
          const range = document.createRange();
          range.setStart(node, m.index!);
          range.setEnd(node, m.index! + m[0].length);
          const lines = new Set(
            Array.from(range.getClientRects())
              .filter(r => r.width > 0)
              .map(r => Math.round(r.top)),
          );
          if (lines.size > 1) broken.push(`"${m[0]}" in "${text.trim()}"`);
        }
      }
    }
    return broken;
  }, scope);
}

/**
 * Every legibility check of one page at the current size: no serious or critical axe
 * violation and no word broken inside a heading or chip within `scope` (SRE Health's own
 * part of the page), and no sideways scroll of the whole page.
 */
export async function expectLegible(page: Page, what: string, scope = 'main') {
  // Let charts and lazy cards settle: axe reads the page as it is. The pointer rests
  // outside the content, so no row is read in its hover colour.
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page.mouse.move(0, 0);
  expect(await axeViolations(page, scope), `${what}: axe`).toEqual([]);
  const { scrollWidth, innerWidth } = await horizontalOverflow(page);
  expect(scrollWidth, `${what}: page width`).toBeLessThanOrEqual(innerWidth);
  expect(await wordsBrokenInside(page, scope), `${what}: broken words`).toEqual(
    [],
  );
}
