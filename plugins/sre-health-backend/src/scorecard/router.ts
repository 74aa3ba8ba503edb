import express from 'express';
import Router from 'express-promise-router';
import type { HttpAuthService } from '@backstage/backend-plugin-api';
import {
  SCORECARD_DEFAULT_PAGE_SIZE,
  ScorecardExport,
  ScorecardPage,
  ScorecardTeams,
  scorecardExportQuerySchema,
  scorecardFiltersSchema,
  scorecardQuerySchema,
  scorecardCsvHeader,
  scorecardTrendsQuerySchema,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { Access } from '../http/access';
import { parseInput } from '../http/validation';
import type { ScorecardService } from './ScorecardService';

/** Characters of export text per write. */
const EXPORT_CHUNK_CHARS = 256 * 1024;

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
  const { query, exportText } = scorecard;
  const router = Router();

  router.get('/scorecard', async (req, res) => {
    await access.reader(req);
    const {
      offset = 0,
      limit = SCORECARD_DEFAULT_PAGE_SIZE,
      ...view
    } = parseInput(scorecardQuerySchema, req.query, 'query');
    const [{ rows, total, highStress, customStressors }, syncedAt] =
      await Promise.all([query.page(view, offset, limit), query.syncedAt()]);
    const page: ScorecardPage = {
      rows,
      total,
      offset,
      limit,
      syncedAt,
      highStress,
      customStressors,
    };
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
    const csv = format === 'csv';
    const separator = csv ? '\r\n' : ',';
    // the view's custom stressors: the CSV's columns, each row's cells
    const customStressors = await query.customStressors(view);
    const syncedAt = query.syncedAt();
    syncedAt.catch(() => {}); // awaited below; a failure must not go unhandled meanwhile
    // Rows come as text from the database (see ScorecardExportText) and go out as
    // they arrive, in chunks: no copy of the whole body as one string, no ETag hash over
    // it. Nothing is sent before the first row, so a failing query is still a clean error.
    let chunk = '';
    let started = false;
    const flush = () => {
      if (!started) {
        started = true;
        res
          .status(200)
          .type(
            csv ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8',
          )
          .set(
            'Content-Disposition',
            `attachment; filename="${filename}.${format}"`,
          );
        // a byte-order mark so that a spreadsheet reads UTF-8; the export object's keys
        // that need every row (total) come after the rows
        chunk = `${
          csv
            ? `\uFEFF${scorecardCsvHeader(customStressors)}`
            : `{"generatedAt":${JSON.stringify(generatedAt)},"rows":[`
        }${chunk}`;
      }
      res.write(chunk);
      chunk = '';
    };
    let written = 0;
    try {
      const total = await exportText.streamRowsText(
        view,
        format,
        line => {
          chunk += csv || written > 0 ? separator + line : line;
          written += 1;
          if (chunk.length >= EXPORT_CHUNK_CHARS) flush();
        },
        customStressors,
      );
      const synced = await syncedAt;
      flush();
      // the shape of ScorecardExport (key order aside), or the CSV's last line break
      res.end(
        csv
          ? '\r\n'
          : `],"total":${total},"syncedAt":${JSON.stringify(
              synced,
            )},"customStressors":${JSON.stringify(customStressors)}}`,
      );
    } catch (error) {
      if (!started) throw error;
      res.destroy(error as Error); // the body is cut short: the download fails
    }
  });

  router.get('/scorecard/teams', async (req, res) => {
    await access.reader(req);
    const filters = parseInput(scorecardFiltersSchema, req.query, 'query');
    const teams: ScorecardTeams = await scorecard.teams(filters);
    res.json(teams);
  });

  router.get('/scorecard/facets', async (req, res) => {
    await access.reader(req);
    res.json(await query.facets());
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
    const customStressors = await query.customStressors({});
    const [rows, syncedAt] = await Promise.all([
      query.rows({ sort: 'name' }, customStressors),
      query.syncedAt(),
    ]);
    const body: ScorecardExport = {
      generatedAt: new Date().toISOString(),
      syncedAt,
      total: rows.length,
      rows,
      customStressors,
    };
    res.json(body);
  });

  return router;
}
