import { mockApis, registerMswTestHooks } from '@backstage/frontend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { SreHealthClient } from '../../../api';

/* The engagement-record methods of the API client. */

const BASE = 'http://backstage.test/api/sre-health';
const ID = '3b241101-e2bb-4255-8caf-4136c566a962';

describe('SreHealthClient engagement-record methods', () => {
  const server = setupServer();
  registerMswTestHooks(server);
  const client = new SreHealthClient({
    discoveryApi: mockApis.discovery({ baseUrl: 'http://backstage.test' }),
    fetchApi: mockApis.fetch(),
  });

  it('sends each write to its route with its method and body', async () => {
    const seen: string[] = [];
    const record = async ({ request }: { request: Request }) => {
      const url = new URL(request.url);
      const body =
        request.method === 'GET' || request.method === 'DELETE'
          ? ''
          : await request.text();
      seen.push(
        `${request.method} ${url.pathname.replace('/api/sre-health', '')}${
          url.search
        } ${body}`.trim(),
      );
      return request.method === 'DELETE'
        ? new HttpResponse(null, { status: 204 })
        : HttpResponse.json({ ok: true });
    };
    server.use(http.all(`${BASE}/*`, record));

    await client.startEngagement({
      teamRef: 'group:default/payments',
      sreRef: 'user:default/sam',
      plannedEndDate: '2027-03-26',
      situation: 'new-service',
    });
    await client.getEngagementRecord(ID);
    await client.listEngagementHistory({
      kind: 'Group',
      namespace: 'default',
      name: 'payments',
    });
    await client.updateEngagementProfile(ID, { summary: 's' });
    await client.tickChecklistItem(ID, 'team-sorted', { evidence: 'e' });
    await client.untickChecklistItem(ID, 'team-sorted', 2);
    await client.createEngagementDecision(ID, {
      decision: 'd',
      reason: 'r',
      example: 'x',
    });
    await client.updateEngagementDecision(ID, 'd1', {
      version: 1,
      reason: 'r2',
    });
    await client.deleteEngagementDecision(ID, 'd1', 2);
    await client.updateKindlingItem(ID, 'k1', { version: 3, state: 'done' });
    await client.deleteLeadingQuestion(ID, 'q1', 1);
    await client.transitionEngagement(ID, {
      version: 3,
      to: 'closed',
      reason: 'r',
    });
    await client.getKindlingTargets(ID);
    await client.getAfterActionReport(ID);

    const e = `/engagements/${ID}`;
    expect(seen).toEqual([
      'POST /engagements/start {"teamRef":"group:default/payments","sreRef":"user:default/sam","plannedEndDate":"2027-03-26","situation":"new-service"}',
      `GET ${e}/record`,
      'GET /engagement-records?teamRef=Group%3Adefault%2Fpayments',
      `PUT ${e}/profile {"summary":"s"}`,
      `PUT ${e}/checklist/team-sorted {"evidence":"e"}`,
      `DELETE ${e}/checklist/team-sorted?version=2`,
      `POST ${e}/decisions {"decision":"d","reason":"r","example":"x"}`,
      `PATCH ${e}/decisions/d1 {"version":1,"reason":"r2"}`,
      `DELETE ${e}/decisions/d1?version=2`,
      `PATCH ${e}/kindling/k1 {"version":3,"state":"done"}`,
      `DELETE ${e}/questions/q1?version=1`,
      `POST ${e}/transition {"version":3,"to":"closed","reason":"r"}`,
      `GET ${e}/kindling-targets`,
      `GET ${e}/report`,
    ]);
  });

  it('reads the report as Markdown text, and throws the backend’s error', async () => {
    server.use(
      http.get(
        `${BASE}/engagements/${ID}/report.md`,
        () =>
          new HttpResponse('# After-action report: payments\n', {
            headers: { 'Content-Type': 'text/markdown' },
          }),
      ),
      http.post(`${BASE}/engagements/${ID}/transition`, () =>
        HttpResponse.json(
          {
            error: {
              name: 'ConflictError',
              message: 'the engagement is already closed',
            },
          },
          { status: 409 },
        ),
      ),
    );
    expect(await client.getAfterActionReportMarkdown(ID)).toBe(
      '# After-action report: payments\n',
    );
    await expect(
      client.transitionEngagement(ID, { version: 1, to: 'closed' }),
    ).rejects.toMatchObject({
      name: 'ResponseError',
      statusCode: 409,
    });
  });
});
