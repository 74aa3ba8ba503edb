import express from 'express';
import Router from 'express-promise-router';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  SCORECARD_DEFAULT_PAGE_SIZE,
  ScorecardExport,
  ScorecardPage,
  scorecardExportQuerySchema,
  scorecardFiltersSchema,
  scorecardQuerySchema,
  scorecardCsvHeader,
  scorecardTrendsQuerySchema,
} from '@internal/backstage-plugin-sre-health-common';
import type { Access } from '../service/access';
import { parseInput } from '../service/validation';
import type { ScorecardService } from './ScorecardService';

/** @internal */
export interface ScorecardRouterOptions {
  scorecard: ScorecardService;
  access: Access;
  httpAuth: HttpAuthService;
}

/**
 * The org-wide scorecard:
 * - `GET /scorecard`: a page of services (filters, sort, `offset`, `limit`);
 * - `GET /scorecard/export?format=csv|json`: the same view, every row;
 * - `GET /scorecard/teams`: group rows rolled up through nested groups;
 * - `GET /scorecard/trends`: open stressors per day from the daily snapshots;
 * - `GET /scorecard/facets`: the owners, systems and lifecycles to filter by;
 * - `GET /scorecard/facts`: every row, for other plugins (service tokens), e.g. the
 *   Tech Insights fact retriever.
 * @internal
 */
export function createScorecardRouter(
  options: ScorecardRouterOptions,
): express.Router {
  const { scorecard, access, httpAuth } = options;
  const { store } = scorecard;
  const router = Router();

  router.get('/scorecard', async (req, res) => {
    await access.reader(req);
    const {
      offset = 0,
      limit = SCORECARD_DEFAULT_PAGE_SIZE,
      ...view
    } = parseInput(scorecardQuerySchema, req.query, 'query');
    const [{ rows, total }, syncedAt] = await Promise.all([
      store.page(view, offset, limit),
      store.syncedAt(),
    ]);
    const page: ScorecardPage = { rows, total, offset, limit, syncedAt };
    res.json(page);
  });

  router.get('/scorecard/export', async (req, res) => {
    await access.reader(req);
    const { format = 'json', ...view } = parseInput(
      scorecardExportQuerySchema,
      req.query,
      'query',
    );
    const generatedAt = new Date().toISOString();
    const filename = `sre-scorecard-${generatedAt.slice(0, 10)}`;
    // Rows come as text from the database (see ScorecardStore.rowsText) and go out as is.
    const [lines, syncedAt] = await Promise.all([
      store.rowsText(view, format),
      store.syncedAt(),
    ]);
    if (format === 'csv') {
      res
        .type('text/csv; charset=utf-8')
        .set('Content-Disposition', `attachment; filename="${filename}.csv"`)
        .send(`\uFEFF${[scorecardCsvHeader(), ...lines].join('\r\n')}\r\n`);
      return;
    }
    // the shape of ScorecardExport
    res
      .type('application/json; charset=utf-8')
      .set('Content-Disposition', `attachment; filename="${filename}.json"`)
      .send(
        `{"generatedAt":${JSON.stringify(
          generatedAt,
        )},"syncedAt":${JSON.stringify(syncedAt)},"total":${
          lines.length
        },"rows":[${lines.join(',')}]}`,
      );
  });

  router.get('/scorecard/teams', async (req, res) => {
    await access.reader(req);
    const filters = parseInput(scorecardFiltersSchema, req.query, 'query');
    res.json({ teams: await scorecard.teams(filters) });
  });

  router.get('/scorecard/facets', async (req, res) => {
    await access.reader(req);
    res.json(await store.facets());
  });

  router.get('/scorecard/trends', async (req, res) => {
    await access.reader(req);
    const { owner, days = 90 } = parseInput(
      scorecardTrendsQuerySchema,
      req.query,
      'query',
    );
    res.json(await scorecard.trends(owner, days));
  });

  router.get('/scorecard/facts', async (req, res) => {
    // Other plugins read it with their service token; users may too.
    await httpAuth.credentials(req, { allow: ['user', 'service'] });
    const [rows, syncedAt] = await Promise.all([
      store.rows({ sort: 'name' }),
      store.syncedAt(),
    ]);
    const body: ScorecardExport = {
      generatedAt: new Date().toISOString(),
      syncedAt,
      total: rows.length,
      rows,
    };
    res.json(body);
  });

  return router;
}
