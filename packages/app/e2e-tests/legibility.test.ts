import { Page, expect, test } from '@playwright/test';
import { SLOW, navigate, shot, signIn } from './journey';
import { WIDTHS, expectLegible, useTheme } from './legibility';

// A new SRE with ten seconds, on the demo data as it starts (this file runs before the
// journeys that write): the verdict leads the tab, the Overview card carries it, and every
// page reads in light and dark, at 1024 and 1440 px, without sideways scroll, broken words
// or serious accessibility violations. The README's screenshots come from here.
test.describe.configure({ mode: 'serial' });

const tabPath = (name: string) =>
  `/catalog/default/component/${name}/sre-health`;

let page: Page;
test.beforeAll(async ({ browser }) => {
  // A context of our own: axe runs its frames through it.
  const context = await browser.newContext({
    viewport: { width: 1440, height: 900 },
  });
  page = await context.newPage();
  await signIn(page);
});
test.afterAll(async () => {
  await page.context().close();
});

function verdict() {
  return page.getByRole('region', { name: 'Verdict' });
}

async function openTab(name: string) {
  await navigate(page, tabPath(name));
  await expect(verdict()).toBeVisible({ timeout: SLOW });
  await expect(
    page.getByRole('table', { name: 'Stressors by priority' }),
  ).toBeVisible({ timeout: SLOW });
}

function firstAction() {
  return verdict()
    .getByRole('list', { name: 'What to do first' })
    .getByRole('listitem')
    .first()
    .getByRole('link');
}

test('payments-api: the verdict is paging, and the first action is the burn', async ({}, testInfo) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await openTab('payments-api');
  await expect(verdict()).toContainText('Paging');
  await expect(firstAction()).toHaveText(
    /^Investigate the 1h burn of \d+(\.\d+)?× on Availability$/,
  );
  await expect(firstAction()).toHaveAttribute('href', '#slo-availability');

  // Above the fold: the verdict whole, without scrolling.
  await page.evaluate(() => window.scrollTo(0, 0));
  const box = await verdict().boundingBox();
  expect(box).not.toBeNull();
  expect(box!.y + box!.height).toBeLessThanOrEqual(900);
  // The whole tab in at most two screens.
  const height = await page.evaluate(
    () => document.documentElement.scrollHeight,
  );
  expect(height).toBeLessThanOrEqual(1800);

  await page.screenshot({ path: 'docs/sre-health-tab.png', fullPage: true });
  await shot(page, testInfo, 'L1-verdict-payments-api');

  // The action's link lands on the SLO it names.
  await firstAction().click();
  await expect(page).toHaveURL(/#slo-availability$/);
  await expect(page.locator('#slo-availability')).toBeInViewport();
});

test('ledger-service: the first action is a second operator', async ({}, testInfo) => {
  await openTab('ledger-service');
  // carol is its only operator and also carries its pager: a compound risk (#18), whose
  // move leads the actions and lands on the knowledge card.
  await expect(firstAction()).toHaveText(
    'Train a second operator for ledger-service and share its pager',
  );
  await expect(firstAction()).toHaveAttribute('href', '#knowledge');
  await expect(verdict()).toContainText('only carol can operate it');
  await shot(page, testInfo, 'L2-verdict-ledger-service', { fullPage: false });
});

test('the Overview card carries the verdict and links to the tab', async ({}, testInfo) => {
  await navigate(page, '/catalog/default/component/payments-api');
  const card = page.locator('.MuiCard-root').filter({
    has: page.locator('.MuiCardHeader-title', { hasText: /^SRE Health$/ }),
  });
  await expect(card).toBeVisible({ timeout: SLOW });
  await expect(card).toContainText('Paging');
  await expect(card).toContainText('Investigate the 1h burn of');
  await expect(
    card.getByRole('group', { name: 'Error budget left' }),
  ).toBeVisible();
  await expect(card.getByRole('group', { name: 'Truck factor' })).toBeVisible();
  const link = card.getByRole('link', { name: /Open the SRE Health tab/ });
  await expect(link).toHaveAttribute(
    'href',
    /\/catalog\/default\/component\/payments-api\/sre-health$/,
  );
  await card.screenshot({ path: 'docs/sre-health-overview-card.png' });
  await shot(page, testInfo, 'L3-overview-card');
});

test("the group page charts the team's ops share once, the running engagement shaded", async ({}, testInfo) => {
  await navigate(page, '/catalog/default/group/payments-team');
  const opsTime = page.getByRole('region', { name: 'Ops time' });
  await expect(
    opsTime.locator('.recharts-legend-item-text', { hasText: /^Computed/ }),
  ).toBeVisible({ timeout: SLOW });
  await expect(
    opsTime.locator('.recharts-reference-area', { hasText: 'engagement' }),
  ).toBeVisible();
  // the running engagement's record leaves the chart to the section
  const record = page.getByRole('tablist', { name: 'Engagement record' });
  await expect(record.getByRole('tab', { name: 'Kindling' })).toBeVisible();
  await expect(record.getByRole('tab', { name: 'Ops load' })).toHaveCount(0);
  await expect(page.locator('.recharts-legend-wrapper')).toHaveCount(1);
  await shot(page, testInfo, 'L4-group-ops-time', { fullPage: true });
});

const DIALOG = '[role="dialog"]';

/** The pages a reader of SRE Health sees, each opened and waited for. */
const PAGES: Array<{
  name: string;
  open: () => Promise<void>;
  scope?: string;
}> = [
  {
    name: 'tab',
    open: () => openTab('payments-api'),
  },
  {
    name: 'overview',
    // The Overview's other cards are the catalog's; ours is the summary card.
    scope: '#sre-health-summary',
    open: async () => {
      await navigate(page, '/catalog/default/component/payments-api');
      await expect(
        page.locator('.MuiCardHeader-title', { hasText: /^SRE Health$/ }),
      ).toBeVisible({ timeout: SLOW });
      await expect(page.getByText('What to do first').first()).toBeVisible({
        timeout: SLOW,
      });
    },
  },
  {
    name: 'scorecard',
    open: async () => {
      await navigate(page, '/sre-scorecard');
      const table = page.getByRole('table', { name: 'SRE scorecard' });
      // Judge the matrix with its rows: they come from the scorecard task's first sync after
      // the portal starts, so reload until it has run (an empty table is always narrow).
      await expect(async () => {
        try {
          await expect(
            table.getByRole('link', { name: 'Payments API' }),
          ).toBeVisible({ timeout: 10_000 });
        } catch (e) {
          await page.reload({ waitUntil: 'domcontentloaded' });
          throw e;
        }
      }).toPass({ timeout: SLOW, intervals: [5_000] });
    },
  },
  {
    name: 'group',
    scope: '#sre-health-engagement',
    open: async () => {
      await navigate(page, '/catalog/default/group/payments-team');
      await expect(page.getByText('Kindling').first()).toBeVisible({
        timeout: SLOW,
      });
    },
  },
  {
    // a team with past engagements: their table in the group page's narrow card
    name: 'team-history',
    scope: '#sre-health-engagement',
    open: async () => {
      await navigate(page, '/catalog/default/group/search-team');
      await expect(
        page.getByRole('table', { name: 'Past engagements' }),
      ).toBeVisible({ timeout: SLOW });
    },
  },
  {
    // a past engagement's record: its ops chart, typed and computed, the engagement shaded
    name: 'record-ops-load',
    scope: DIALOG,
    open: async () => {
      await navigate(page, '/catalog/default/group/search-team');
      const past = page.getByRole('table', { name: 'Past engagements' });
      await expect(past).toBeVisible({ timeout: SLOW });
      await past.getByRole('button', { name: /^Record of / }).click();
      const dialog = page.getByRole('dialog', { name: /^Engagement record: / });
      await dialog.getByRole('tab', { name: 'Ops load' }).click();
      const panel = dialog.getByRole('tabpanel', { name: 'Ops load' });
      await expect(
        panel.locator('.recharts-legend-item-text', { hasText: /^Typed/ }),
      ).toBeVisible({ timeout: SLOW });
      // search-team's record: typed weeks only, and the caption says why
      await expect(
        panel.getByText(/^Typed: before the engagement .*No computed weeks/),
      ).toBeVisible({ timeout: SLOW });
    },
  },
  {
    name: 'report',
    scope: DIALOG,
    open: async () => {
      await navigate(page, '/catalog/default/group/search-team');
      const past = page.getByRole('table', { name: 'Past engagements' });
      await expect(past).toBeVisible({ timeout: SLOW });
      await past
        .getByRole('button', { name: /^After-action report of / })
        .click();
      await expect(
        page
          .getByRole('dialog', { name: /^After-action report: / })
          .getByRole('heading', { level: 1 }),
      ).toBeVisible({ timeout: SLOW });
    },
  },
];

(['light', 'dark'] as const).forEach(theme => {
  test(`every page reads in the ${theme} theme at ${WIDTHS.join(
    ' and ',
  )} px`, async ({}, testInfo) => {
    await useTheme(page, theme);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const p of PAGES) {
        await p.open();
        await expectLegible(page, `${p.name} (${theme}, ${width} px)`, p.scope);
        await shot(page, testInfo, `L-${theme}-${width}-${p.name}`, {
          fullPage: p.scope !== DIALOG,
        });
        if (width === 1440 && theme === 'light' && p.name === 'scorecard') {
          await page.screenshot({ path: 'docs/sre-scorecard.png' });
        }
        if (width === 1440 && theme === 'dark' && p.name === 'tab') {
          await page.screenshot({ path: 'docs/sre-health-tab-dark.png' });
        }
        if (p.scope === DIALOG) {
          await page.keyboard.press('Escape');
        }
      }
    }
    await useTheme(page, 'light');
  });
});
