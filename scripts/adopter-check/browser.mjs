// What an adopter sees first, in Debian's Chromium: sign in as the guest, open the annotated
// service's SRE Health tab, find its SLO. The guest (user:development/guest) is neither in
// sreHealth.sreGroups nor in the owning group, so the README's policy module must leave it
// without edit controls and the write API must answer 403 (the scaffolded allow-all policy
// would let it write). Screenshots go to <out>.
//   node scripts/adopter-check/browser.mjs <app url> <backend url> <out>
import { chromium } from 'playwright-core';

const [appUrl, backendUrl, out] = process.argv.slice(2);
const SERVICE = 'checkout-service';
const SLOW = 180_000; // first loads of the dev server's lazy chunks on a busy 2-core machine

function fail(message) {
  throw new Error(message);
}

async function visible(locator, what) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout: SLOW });
  } catch {
    fail(`not on the page: ${what}`);
  }
}

const browser = await chromium.launch({
  executablePath: process.env.E2E_CHROMIUM ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
  ],
});
const page = await browser.newPage({ viewport: { width: 1440, height: 1600 } });
const pageErrors = [];
page.on('pageerror', error => pageErrors.push(error.message));
try {
  // The liveness route is open to all (no token).
  const liveness = await fetch(`${backendUrl}/api/sre-health/health`);
  if (!liveness.ok)
    fail(`GET /api/sre-health/health answered ${liveness.status}`);

  await page.goto(appUrl, { waitUntil: 'domcontentloaded', timeout: SLOW });
  const enter = page.getByRole('button', { name: /enter/i });
  const nav = page
    .getByRole('navigation')
    .getByRole('link', { name: 'Catalog', exact: true });
  await visible(enter.or(nav), 'the sign-in page or the sidebar');
  if (await enter.isVisible()) await enter.click();
  await visible(nav, 'the sidebar after signing in as the guest');
  console.log('signed in as the guest');

  const healthRequest = page.waitForRequest(
    r => r.url().includes('/api/sre-health/') && !!r.headers().authorization,
    { timeout: SLOW },
  );
  const permissionAnswered = page.waitForResponse(
    r => r.url().includes('/api/permission/authorize') && r.ok(),
    { timeout: SLOW },
  );
  await page.goto(`${appUrl}/catalog/default/component/${SERVICE}`, {
    waitUntil: 'domcontentloaded',
    timeout: SLOW,
  });
  // The entity page's tabs are links in the new frontend system.
  const tab = page
    .getByRole('tab', { name: 'SRE Health' })
    .or(page.getByRole('link', { name: 'SRE Health', exact: true }));
  await visible(tab, `the SRE Health tab on ${SERVICE}'s page`);
  await page.screenshot({ path: `${out}/1-overview.png` });
  await tab.click();
  await visible(
    page.getByRole('heading', { name: 'Availability', level: 3 }),
    'the SLO "Availability" (sre-health.dev/slo-target)',
  );
  await visible(
    page.getByText(/Objective\s*99\.9%\s*over\s*30d/),
    'the objective 99.9% over 30d',
  );
  console.log(
    `${SERVICE}: the SRE Health tab shows the SLO Availability, 99.9% over 30d`,
  );

  await permissionAnswered;
  await page.waitForLoadState('networkidle');
  await page.screenshot({ path: `${out}/2-sre-health-tab.png` });
  const lines = (await page.getByRole('main').innerText())
    .split('\n')
    .map(line => line.trim())
    .filter(Boolean);
  const verdict = lines.findIndex(line => /^What to do first$/i.test(line));
  if (verdict > 0) {
    const first = lines.slice(verdict - 2, verdict + 4).join('\n  ');
    console.log(`what the tab says first:\n  ${first}`);
  }
  for (const name of ['Flag a stressor', 'Add SLO', 'Record a fire']) {
    if ((await page.getByRole('button', { name }).count()) > 0) {
      fail(
        `the guest (no SRE, not an owner) sees "${name}": the permission policy is not in effect`,
      );
    }
  }

  // The write API with the guest's own token: the policy denies it.
  const authorization = (await healthRequest).headers().authorization;
  const write = await fetch(`${backendUrl}/api/sre-health/stressor-flags`, {
    method: 'POST',
    headers: { authorization, 'content-type': 'application/json' },
    body: JSON.stringify({
      entityRef: `component:default/${SERVICE}`,
      stressorKey: 'knowledge-gap',
      stressLevel: 3,
      evidence: 'The adopter check tries a write as a non-SRE.',
      status: 'open',
    }),
  });
  if (write.status !== 403) {
    fail(
      `a non-SRE's write answered ${
        write.status
      }, not 403: ${await write.text()}`,
    );
  }
  console.log(
    'the guest, no SRE and not an owner: no edit controls, a write answers 403',
  );
  if (pageErrors.length) fail(`errors in the page: ${pageErrors.join('; ')}`);
} catch (error) {
  await page
    .screenshot({ path: `${out}/failure.png`, fullPage: true })
    .catch(() => {});
  console.error(`[adopter] ${error.message} (screenshot: ${out}/failure.png)`);
  process.exitCode = 1;
} finally {
  await browser.close();
}
