import { Page, expect, test } from '@playwright/test';
import {
  SLOW,
  navigate,
  openScorecard,
  openSreHealthTab,
  shot,
} from './journey';
import { parseCsv } from './csv';

// The journeys of an SRE (the guest user, a member of group:default/sre), in order, in one
// browser page: the app loads once and each journey navigates inside it, as a person does.
test.describe.configure({ mode: 'serial' });

const SERVICE = 'payments-api';

// The cards of the SRE Health tab, by the titles their InfoCards carry.
const CARD_TITLES = [
  'Service level objectives',
  'Stressors',
  'Alerts, deferred problems and complaints',
  'Knowledge silo',
  'Fires',
  'Postmortems',
];

function escapeRegExp(text: string) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

let page: Page;
test.beforeAll(async ({ browser }) => {
  page = await browser.newPage();
});
test.afterAll(async () => {
  await page.close();
});

function stressorRow(title: string) {
  return page
    .getByRole('table', { name: 'Stressors by priority' })
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader').filter({ hasText: title }) });
}

/** Reloads until `check` passes: the scorecard's service rows come from a periodic sync. */
async function untilSynced(check: () => Promise<void>) {
  await expect(async () => {
    try {
      await check();
    } catch (e) {
      await page.reload({ waitUntil: 'domcontentloaded' });
      throw e;
    }
  }).toPass({ timeout: 180_000, intervals: [5_000] });
}

test('the guest signs in with the Enter button', async ({}, testInfo) => {
  await page.goto('/', { waitUntil: 'domcontentloaded' });
  const enter = page.getByRole('button', { name: /enter/i });
  await expect(enter).toBeVisible({ timeout: SLOW });
  await shot(page, testInfo, '01-sign-in-page');

  await enter.click();
  const nav = page.getByRole('navigation', { name: 'sidebar nav' });
  await expect(
    nav.getByRole('link', { name: 'Catalog', exact: true }),
  ).toBeVisible({ timeout: SLOW });
  await expect(nav.getByRole('link', { name: 'SRE Scorecard' })).toBeVisible();
  // The catalog lists what the guest owns through the sre group.
  await expect(page.getByRole('link', { name: 'Alert router' })).toBeVisible({
    timeout: SLOW,
  });
  await shot(page, testInfo, '02-signed-in-catalog');
});

test('the SRE Health tab of payments-api shows every card', async ({}, testInfo) => {
  await navigate(page, `/catalog/default/component/${SERVICE}`);
  await page
    .getByRole('navigation', { name: 'Content navigation' })
    .getByRole('link', { name: 'SRE Health' })
    .click({ timeout: SLOW });
  await expect(page).toHaveURL(
    /\/catalog\/default\/component\/payments-api\/sre-health$/,
  );
  await openSreHealthTab(page, SERVICE, { navigate: false });

  const titles = page.locator('.MuiCardHeader-title');
  for (const title of CARD_TITLES) {
    await expect(
      titles.filter({ hasText: new RegExp(`^${title}$`) }),
    ).toHaveCount(1);
  }
  // What the cards hold for the demo service, not just their frames.
  await expect(page.getByRole('region', { name: 'Verdict' })).toContainText(
    'What to do first',
  );
  await expect(
    page.getByRole('heading', { name: 'Availability', level: 3 }),
  ).toBeVisible();
  const team = page.getByRole('region', { name: 'Team' });
  await expect(team).toContainText('Embedded SRE alice');
  await expect(team).toContainText('operational overload');
  // Every stressor: flagged (a row of the table) or not (a chip below it).
  const rows = page
    .getByRole('table', { name: 'Stressors by priority' })
    .getByRole('rowheader');
  const chips = page
    .getByRole('list', { name: 'Stressors not flagged' })
    .getByRole('listitem');
  expect((await rows.count()) + (await chips.count())).toBe(8);
  await expect(
    page.getByRole('button', { name: /^Code knowledge/ }),
  ).toBeVisible();
  await page.getByRole('button', { name: /^Show all \d+ fires$/ }).click();
  await expect(
    page.getByRole('heading', { name: /^Toil \(\d+\)$/ }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', {
      name: 'Checkout payments failing for 38 minutes',
    }),
  ).toBeVisible();
  await shot(page, testInfo, '03-sre-health-tab-payments-api');
});

test('an SRE flags a stressor and sees it on the tab and on the scorecard', async ({}, testInfo) => {
  await openSreHealthTab(page, SERVICE);

  // A stressor nobody has flagged on this service yet: its chip offers "Flag".
  const notFlagged = page.getByRole('list', { name: 'Stressors not flagged' });
  const flagButtons = notFlagged.getByRole('button', { name: /^Flag / });
  await expect(flagButtons.first()).toBeVisible();
  const label = await flagButtons.first().getAttribute('aria-label');
  const title = label!.replace(/^Flag /, '');
  const evidence = `E2E run ${new Date().toISOString()}: three rollbacks this week, no SLO to judge them by.`;

  await page
    .getByRole('button', { name: 'Flag a stressor', exact: true })
    .click();
  const dialog = page.getByRole('dialog', { name: 'Flag a stressor' });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: /^Stressor/ }).click();
  // Each option reads its title, then its one-line meaning.
  await page
    .getByRole('option', { name: new RegExp(`^${escapeRegExp(title)} `) })
    .click();
  await dialog.getByRole('button', { name: /^Stress level/ }).click();
  await page.getByRole('option', { name: '4 — high' }).click();
  await dialog.getByRole('textbox', { name: 'Evidence' }).fill(evidence);
  await shot(page, testInfo, '04-flag-stressor-dialog');
  await dialog.getByRole('button', { name: 'Flag', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: SLOW });

  // On the tab: the row is now a flag by the guest, level 4, open, with its evidence.
  const row = stressorRow(title);
  await expect(
    row.getByRole('button', { name: `More actions for ${title}` }),
  ).toBeVisible({ timeout: SLOW });
  await expect(
    notFlagged.getByRole('button', { name: `Flag ${title}` }),
  ).toHaveCount(0);
  await expect(row).toContainText('guest');
  await expect(row.getByLabel('stress level 4 of 5')).toBeVisible();
  await row.getByRole('button', { name: `Details of ${title}` }).click();
  await expect(
    page.getByRole('region', { name: `Details of ${title}` }),
  ).toContainText(evidence);
  await shot(page, testInfo, '05-flagged-stressor-on-tab');

  // On the scorecard: flags are read live; the service rows come from the catalog sync
  // (every minute in the e2e config).
  await openScorecard(page);
  const cell = page.getByRole('link', {
    name: `${title}: open 4, stress level 4 of 5; evidence on the SRE Health tab of ${SERVICE}`,
  });
  await untilSynced(() => expect(cell).toBeVisible({ timeout: 20_000 }));
  await cell.scrollIntoViewIfNeeded();
  await shot(page, testInfo, '06-flagged-stressor-on-scorecard');

  // The cell links to the evidence on the service's tab.
  await cell.click();
  await expect(page).toHaveURL(new RegExp(`/component/${SERVICE}/sre-health`));
  await openSreHealthTab(page, SERVICE, { navigate: false });
});

test('the scorecard filtered by a team exports the same services as CSV', async ({}, testInfo) => {
  await openScorecard(page);
  const table = page.getByRole('table', { name: 'SRE scorecard' });
  // Every demo service, once the scorecard task has copied them from the catalog.
  await untilSynced(async () => {
    await expect(table.getByRole('link', { name: 'Payments API' })).toBeVisible(
      {
        timeout: 20_000,
      },
    );
    await expect(page.getByText('7 services match')).toBeVisible();
  });
  await shot(page, testInfo, '07-scorecard');

  // Filter by the Search team.
  await page.getByLabel('Owner', { exact: true }).click();
  await page.getByRole('option', { name: /^Search \(team\)$/ }).click();
  await page.keyboard.press('Escape');
  await expect(page.getByText('2 services match')).toBeVisible({
    timeout: SLOW,
  });
  const names = await table
    .getByRole('row')
    .locator('td:first-child a')
    .allInnerTexts();
  expect([...names].sort()).toEqual(['Search API', 'Search indexer']);
  await shot(page, testInfo, '08-scorecard-filtered-by-search-team');

  // Export CSV: the download holds the rows the page shows, and only those.
  const [download] = await Promise.all([
    page.waitForEvent('download', { timeout: SLOW }),
    page.getByRole('button', { name: 'Export CSV' }).click(),
  ]);
  expect(download.suggestedFilename()).toMatch(
    /^sre-scorecard-\d{4}-\d{2}-\d{2}\.csv$/,
  );
  // Read through Playwright: the app's lint rules keep fs out of this package.
  const chunks: Buffer[] = [];
  for await (const chunk of await download.createReadStream()) {
    chunks.push(chunk as Buffer);
  }
  const csv = Buffer.concat(chunks).toString('utf8');
  await testInfo.attach('scorecard.csv', {
    body: csv,
    contentType: 'text/csv',
  });
  const [header, ...rows] = parseCsv(csv);
  expect(header.slice(0, 3)).toEqual(['Service', 'Entity ref', 'Owner']);
  expect(rows.map(r => r[0]).sort()).toEqual([...names].sort());
  for (const r of rows) {
    expect(r).toHaveLength(header.length);
    expect(r[2]).toBe('group:default/search-team');
  }
});

test("the Search team's closed engagement has an after-action report", async ({}, testInfo) => {
  await navigate(page, '/catalog/default/group/search-team');
  const past = page.getByRole('table', { name: 'Past engagements' });
  await expect(past).toBeVisible({ timeout: SLOW });
  await past.scrollIntoViewIfNeeded();
  await shot(page, testInfo, '09-search-team-past-engagements');

  const report = past.getByRole('button', {
    name: /^After-action report of /,
  });
  await expect(report).toHaveCount(1);
  await report.click();
  const dialog = page.getByRole('dialog', { name: /^After-action report: / });
  await expect(dialog).toBeVisible();
  await expect(
    dialog.getByRole('heading', {
      level: 1,
      name: /^After-action report: .*search-team/,
    }),
  ).toBeVisible({ timeout: SLOW });
  for (const name of [
    'The problem, in numbers',
    'What was decided, phase by phase',
  ]) {
    await expect(dialog.getByRole('heading', { level: 2, name })).toBeVisible();
  }
  await expect(
    dialog.getByRole('heading', { level: 2, name: /^Kindling cleared \(/ }),
  ).toBeVisible();
  await expect(
    dialog.getByRole('heading', { level: 3, name: 'Stressors resolved' }),
  ).toBeVisible();
  const numbers = dialog.getByRole('table', {
    name: 'Ops load at the start and at the end',
  });
  // The problem in numbers: the ops share before the engagement and at its end.
  await expect(
    numbers.getByRole('row', { name: /^Before the engagement \d+% / }),
  ).toBeVisible();
  await expect(
    numbers.getByRole('row', { name: /^At the end \d+% / }),
  ).toBeVisible();
  // The viewport: a full-page capture cuts a modal dialog at the fold.
  await shot(page, testInfo, '10-after-action-report', { fullPage: false });
});
