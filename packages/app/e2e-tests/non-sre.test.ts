import { expect, test } from '@playwright/test';
import {
  SLOW,
  openAllDisclosures,
  openSreHealthTab,
  shot,
  signIn,
} from './journey';

// Runs against the portal restarted with app-config.non-sre.yaml: the guest sign-in is
// user:default/carol, a developer in payments-team and not in group:default/sre.
const SERVICE = 'payments-api';

// Every control that writes, by card; none may show for a reader.
const EDIT_CONTROLS: Array<string | RegExp> = [
  'Flag a stressor',
  'Run detection',
  /^Flag /,
  /^More actions for /,
  /^Confirm /,
  /^Diagnose /,
  'Record',
  /^Close /,
  'Add SLO',
  /^Edit SLO /,
  'Record a fire',
  /^Sort /,
  'New postmortem',
  'Import from Markdown',
  /^Correct the class of /,
  'Analyse now',
  'Record operator',
];

function jwtSubject(authorization: string): string {
  const payload = authorization.replace(/^Bearer /, '').split('.')[1];
  return JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')).sub;
}

test('a non-SRE sees no edit controls and the write API answers 403', async ({
  page,
}, testInfo) => {
  await signIn(page);
  // The identity token the app itself sends to the SRE Health backend.
  const healthRequest = page.waitForRequest(
    r => r.url().includes('/api/sre-health/') && !!r.headers().authorization,
    { timeout: SLOW },
  );
  const permissionAnswered = page.waitForResponse(
    r => r.url().includes('/api/permission/authorize') && r.ok(),
    { timeout: SLOW },
  );
  await openSreHealthTab(page, SERVICE);
  const authorization = (await healthRequest).headers().authorization;
  expect(jwtSubject(authorization)).toBe('user:default/carol');

  // The data is there to read: every stressor, flagged (a row) or not (a chip)...
  const table = page.getByRole('table', { name: 'Stressors by priority' });
  const notFlagged = page
    .getByRole('list', { name: 'Stressors not flagged' })
    .getByRole('listitem');
  expect(
    (await table.getByRole('rowheader').count()) + (await notFlagged.count()),
  ).toBe(8);
  await expect(
    page.getByRole('heading', { name: 'Availability', level: 3 }),
  ).toBeVisible();
  // ...and nothing to change it with. The cards render read-only until the permission
  // answers arrive, so an early look would prove nothing: wait for them (denials for
  // carol) and for the page to go quiet first.
  await permissionAnswered;
  await page.waitForLoadState('networkidle');
  // Details sit behind disclosures: open every one, so a control hidden there counts too.
  await openAllDisclosures(page);
  for (const name of EDIT_CONTROLS) {
    await expect(page.getByRole('button', { name })).toHaveCount(0);
  }
  await shot(page, testInfo, '11-non-sre-read-only-tab');

  // Called anyway, with carol's own token, the write API refuses and writes nothing.
  // A stressor nobody has flagged here; its chip is the anchor `stressor-<key>`.
  const unflagged = notFlagged.first();
  const unflaggedTitle = (await unflagged.innerText()).trim();
  const stressorKey = (
    await unflagged.locator('[id^="stressor-"]').first().getAttribute('id')
  )?.replace(/^stressor-/, '');
  expect(stressorKey, `the key of ${unflaggedTitle}`).toMatch(/^[a-z-]+$/);
  const response = await page.evaluate(
    async ({ auth, body }) => {
      const res = await fetch(
        'http://localhost:7007/api/sre-health/stressor-flags',
        {
          method: 'POST',
          headers: { Authorization: auth, 'Content-Type': 'application/json' },
          body: JSON.stringify(body),
        },
      );
      return { status: res.status, text: await res.text() };
    },
    {
      auth: authorization,
      body: {
        entityRef: `component:default/${SERVICE}`,
        stressorKey,
        stressLevel: 3,
        evidence: 'A non-SRE tries to flag a stressor through the API.',
        status: 'open',
      },
    },
  );
  expect(response.status, response.text).toBe(403);
  await testInfo.attach('403 response', {
    body: response.text,
    contentType: 'text/plain',
  });

  await page.reload({ waitUntil: 'domcontentloaded' });
  await openSreHealthTab(page, SERVICE, { navigate: false });
  await expect(notFlagged.filter({ hasText: unflaggedTitle })).toHaveCount(1);
  await expect(
    table.getByRole('rowheader').filter({ hasText: unflaggedTitle }),
  ).toHaveCount(0);
  await shot(page, testInfo, '12-non-sre-after-refused-write');
});
