import { Page, TestInfo, expect } from '@playwright/test';

/** Where the step screenshots go: kept by CI with the run's other artefacts. */
export const SCREENSHOT_DIR = 'artifacts/e2e/screenshots';

/** How long a first visit may take: the dev server builds lazy chunks on demand. */
export const SLOW = 150_000;

/**
 * A full-page screenshot of one step, named `NN-step.png` so the folder reads in the
 * order of the journeys, and attached to the HTML report.
 */
export async function shot(
  page: Page,
  testInfo: TestInfo,
  step: string,
  options: { fullPage?: boolean } = {},
) {
  const retry = testInfo.retry ? `-retry${testInfo.retry}` : '';
  const path = `${SCREENSHOT_DIR}/${step}${retry}.png`;
  await page.screenshot({ path, fullPage: options.fullPage ?? true }); // creates the folder
  await testInfo.attach(step, { path, contentType: 'image/png' });
}

/** Signs in through the guest provider the way a person does: the Enter button. */
export async function signIn(page: Page) {
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  const enter = page.getByRole('button', { name: /enter/i });
  await expect(enter).toBeVisible({ timeout: SLOW });
  await enter.click();
  await expect(
    page
      .getByRole('navigation', { name: 'sidebar nav' })
      .getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible({ timeout: SLOW });
}

/** Opens (or, with navigate false, waits for) a component's SRE Health tab. */
export async function openSreHealthTab(
  page: Page,
  component: string,
  options: { navigate?: boolean } = {},
) {
  if (options.navigate ?? true) {
    await navigate(page, `/catalog/default/component/${component}/sre-health`);
  }
  await expect(
    page.getByRole('table', { name: 'Stressors by priority' }),
  ).toBeVisible({ timeout: SLOW });
}

/**
 * Client-side navigation, as a link click does it: the single-page app keeps running, so
 * the journeys do not reload the (large, unminified) dev bundle at every step.
 */
export async function navigate(page: Page, path: string) {
  await page.evaluate(p => {
    window.history.pushState({}, '', p);
    window.dispatchEvent(new PopStateEvent('popstate'));
  }, path);
}

/** The sidebar's way to the scorecard; waits for its services table. */
export async function openScorecard(page: Page) {
  await page
    .getByRole('navigation', { name: 'sidebar nav' })
    .getByRole('link', { name: 'SRE Scorecard' })
    .click();
  await expect(page.getByRole('table', { name: 'SRE scorecard' })).toBeVisible({
    timeout: SLOW,
  });
}

/**
 * Opens every closed disclosure of the page's main area (buttons with
 * `aria-expanded="false"`, not menus or selects), so what hides behind them is on the page.
 */
export async function openAllDisclosures(page: Page) {
  const closed = page.locator(
    'main button[aria-expanded="false"]:not([aria-haspopup])',
  );
  for (let i = 0; i < 40 && (await closed.count()) > 0; i++) {
    await closed.first().click();
  }
  await expect(closed).toHaveCount(0);
}
