import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { expect, test } from '@playwright/test';
import { SLOW, openSreHealthTab, shot, signIn } from './journey';

// An AI agent's view of SRE Health: an MCP client (the official TypeScript SDK, over
// streamable HTTP) talks to the portal's MCP endpoint (@backstage/plugin-mcp-actions-backend)
// with the signed-in guest's own Backstage token, lists the tools and asks for the health of
// payments-api. Its verdict must be the one the SRE Health tab shows.
const MCP_URL = `${
  process.env.BACKEND_URL ?? 'http://localhost:7007'
}/api/mcp-actions/v1`;

const SRE_HEALTH_TOOLS = {
  'sre-health.get-service-health': 'read',
  'sre-health.query-scorecard': 'read',
  'sre-health.explain-slo-alert': 'read',
  'sre-health.what-if-person-leaves': 'read',
  'sre-health.flag-stressor': 'write',
  'sre-health.record-fire': 'write',
  'sre-health.record-engagement-decision': 'write',
} as const;

async function connect(token: string): Promise<Client> {
  const client = new Client({ name: 'sre-health-e2e', version: '1.0.0' });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(MCP_URL), {
      requestInit: { headers: { Authorization: `Bearer ${token}` } },
    }),
  );
  return client;
}

test('an MCP client lists the SRE Health tools and reads the verdict of payments-api', async ({
  page,
}, testInfo) => {
  await signIn(page);
  // the guest's Backstage token, as the app sends it to the SRE Health backend
  let token = '';
  page.on('request', r => {
    const authorization = r.headers().authorization;
    if (r.url().includes('/api/sre-health/') && authorization) {
      token = authorization.replace(/^Bearer /, '');
    }
  });
  // on a cold start the catalog may not have read the demo organisation yet
  await expect(async () => {
    if (page.url().includes('/sre-health')) await page.reload();
    await openSreHealthTab(page, 'payments-api');
  }).toPass({ timeout: 2 * SLOW, intervals: [5_000] });
  expect(token).not.toBe('');

  const client = await connect(token);
  try {
    const { tools } = await client.listTools();
    const ours = tools.filter(t => t.name.startsWith('sre-health.'));
    expect(ours.map(t => t.name).sort()).toEqual(
      Object.keys(SRE_HEALTH_TOOLS).sort(),
    );
    for (const tool of ours) {
      const read =
        SRE_HEALTH_TOOLS[tool.name as keyof typeof SRE_HEALTH_TOOLS] === 'read';
      expect(tool.annotations).toMatchObject({
        readOnlyHint: read,
        destructiveHint: false,
      });
      expect(tool.description!.length).toBeGreaterThan(100);
      expect(tool.inputSchema.type).toBe('object');
    }

    // The tab and the tool read the same answer; burn rates move by the minute, so both
    // are read again until they are read within the same minute.
    const verdict = page.getByRole('region', { name: 'Verdict' });
    await expect(async () => {
      await page.reload({ waitUntil: 'domcontentloaded' });
      await expect(verdict).toBeVisible({ timeout: SLOW });
      const result = await client.callTool({
        name: 'sre-health.get-service-health',
        arguments: { entityRef: 'component:default/payments-api' },
      });
      expect(result.isError ?? false).toBe(false);
      const output = result.structuredContent as {
        entityRef: string;
        verdict: {
          state: string;
          headline: string;
          actions: Array<{ text: string }>;
        };
        slos: Array<{ displayName: string }>;
      };
      expect(output.entityRef).toBe('component:default/payments-api');
      expect(output.verdict.state).toMatch(
        /^(paging|ticket|at-risk|healthy|no-slo)$/,
      );
      await expect(verdict).toContainText(output.verdict.headline);
      for (const action of output.verdict.actions) {
        await expect(verdict).toContainText(action.text);
      }
      expect(output.slos.map(s => s.displayName)).toContain('Availability');
    }).toPass({ timeout: 180_000, intervals: [2_000, 5_000] });
    await shot(page, testInfo, '30-mcp-verdict-on-the-tab');

    // a read-only tool refuses what its schema does not take, as an MCP error result
    const bad = await client.callTool({
      name: 'sre-health.get-service-health',
      arguments: { entityRef: 'component:default/payments-api', extra: 1 },
    });
    expect(bad.isError).toBe(true);
  } finally {
    await client.close();
  }
});
