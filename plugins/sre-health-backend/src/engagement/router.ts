import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import {
  engagementHistoryQuerySchema,
  sreHealthEngagementCreatePermission,
  sreHealthEngagementUpdatePermission,
  startEngagementSchema,
  tickChecklistItemSchema,
  transitionEngagementSchema,
  updateEngagementProfileSchema,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { Request } from 'express';
import type { Access } from '../http/access';
import {
  idParamSchema,
  parseInput,
  versionQuerySchema,
} from '../http/validation';
import type { AfterActionReportService } from './AfterActionReportService';
import type { EngagementEntryService } from './EngagementEntryService';
import type { EngagementLifecycleService } from './EngagementLifecycleService';
import { ENTRY_KINDS, ENTRY_KIND_NAMES } from './entryKinds';
import type { EntryKindName } from './entryTables';

/** @internal */
export interface EngagementRouterOptions {
  engagements: EngagementLifecycleService;
  entries: EngagementEntryService;
  reports: AfterActionReportService;
  access: Access;
}

const entryParams = z.object({
  id: z.string().uuid('must be a UUID'),
  entryId: z.string().uuid('must be a UUID'),
});

const checklistParams = z.object({
  id: z.string().uuid('must be a UUID'),
  itemKey: z.string().min(1).max(64),
});

/**
 * Routes of the engagement record: start an engagement with its situation, the phase
 * checklists, decisions, kindling, leading questions, phase changes with reasons, and the
 * after-action report (JSON and Markdown). Reads need a signed-in user; every write needs
 * `sre-health.engagement.update` on the engagement's team (starting one, `.create`).
 * @internal
 */
export function createEngagementRouter(
  options: EngagementRouterOptions,
): express.Router {
  const { engagements, entries, reports, access } = options;
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  /** 404 for an unknown engagement, then 403 unless the caller may update its team. */
  const authorizeWrite = async (req: Request, id: string) => {
    await access.reader(req);
    const engagement = await engagements.getEngagement(id);
    const { credentials, actor } = await access.authorize(
      req,
      sreHealthEngagementUpdatePermission,
      engagement.teamRef,
    );
    return { engagement, credentials, actor };
  };

  const audited = <T>(
    req: Request,
    action: string,
    resourceType: string,
    entityRef: string,
    id: string,
    write: () => Promise<T>,
  ) => access.audited(req, { action, resourceType, entityRef, id }, write);

  router.get('/engagement-records', async (req, res) => {
    await access.reader(req);
    const { teamRef } = parseInput(
      engagementHistoryQuerySchema,
      req.query,
      'query',
    );
    res.json(await engagements.history(teamRef));
  });

  router.post('/engagements/start', async (req, res) => {
    await access.reader(req);
    const body = parseInput(startEngagementSchema, req.body);
    const { credentials, actor } = await access.authorize(
      req,
      sreHealthEngagementCreatePermission,
      body.teamRef,
    );
    const record = await access.audited(
      req,
      { action: 'create', resourceType: 'engagement', entityRef: body.teamRef },
      () => engagements.start(body, actor, credentials),
    );
    res.status(201).json(record);
  });

  router.get('/engagements/:id/record', async (req, res) => {
    const credentials = await access.reader(req);
    const { id } = parseInput(idParamSchema, req.params, 'path');
    res.json(await engagements.record(id, credentials));
  });

  router.get('/engagements/:id/kindling-targets', async (req, res) => {
    const credentials = await access.reader(req);
    const { id } = parseInput(idParamSchema, req.params, 'path');
    res.json(await entries.kindlingTargets(id, credentials));
  });

  router.get('/engagements/:id/report', async (req, res) => {
    const credentials = await access.reader(req);
    const { id } = parseInput(idParamSchema, req.params, 'path');
    res.json(
      await reports.report(
        id,
        credentials.principal.userEntityRef,
        credentials,
      ),
    );
  });

  router.get('/engagements/:id/report.md', async (req, res) => {
    const credentials = await access.reader(req);
    const { id } = parseInput(idParamSchema, req.params, 'path');
    const doc = await reports.report(
      id,
      credentials.principal.userEntityRef,
      credentials,
    );
    const team = doc.report.teamRef
      .replace(/^.*\//, '')
      .replace(/[^a-z0-9-]/gi, '-');
    res
      .type('text/markdown; charset=utf-8')
      .set(
        'Content-Disposition',
        `attachment; filename="after-action-report-${team}-${doc.report.startDate}.md"`,
      )
      .send(doc.markdown);
  });

  router.put('/engagements/:id/profile', async (req, res) => {
    await access.reader(req);
    const { id } = parseInput(idParamSchema, req.params, 'path');
    const body = parseInput(updateEngagementProfileSchema, req.body);
    const { engagement, actor } = await authorizeWrite(req, id);
    res.json(
      await audited(
        req,
        'update',
        'engagement-profile',
        engagement.teamRef,
        id,
        () => engagements.updateProfile(id, body, actor),
      ),
    );
  });

  router.put('/engagements/:id/checklist/:itemKey', async (req, res) => {
    await access.reader(req);
    const { id, itemKey } = parseInput(checklistParams, req.params, 'path');
    const body = parseInput(tickChecklistItemSchema, req.body);
    const { engagement, actor, credentials } = await authorizeWrite(req, id);
    res.json(
      await audited(
        req,
        'tick',
        'engagement-checklist-item',
        engagement.teamRef,
        id,
        () => engagements.tick(id, itemKey, body, actor, credentials),
      ),
    );
  });

  router.delete('/engagements/:id/checklist/:itemKey', async (req, res) => {
    await access.reader(req);
    const { id, itemKey } = parseInput(checklistParams, req.params, 'path');
    const { version } = parseInput(versionQuerySchema, req.query, 'query');
    const { engagement, actor } = await authorizeWrite(req, id);
    await audited(
      req,
      'untick',
      'engagement-checklist-item',
      engagement.teamRef,
      id,
      () => engagements.untick(id, itemKey, version, actor),
    );
    res.status(204).end();
  });

  /** Create, edit and delete routes of one kind of entry of the record. */
  function mountEntries(name: EntryKindName) {
    const { mapping, schemas } = ENTRY_KINDS[name];
    const { resourceType } = mapping;

    router.post(`/engagements/:id/${name}`, async (req, res) => {
      await access.reader(req);
      const { id } = parseInput(idParamSchema, req.params, 'path');
      const body = parseInput(schemas.create, req.body);
      const { engagement, actor, credentials } = await authorizeWrite(req, id);
      const created = await audited(
        req,
        'create',
        resourceType,
        engagement.teamRef,
        id,
        () => entries.create(name, id, body, actor, credentials),
      );
      res.status(201).json(created);
    });

    router.patch(`/engagements/:id/${name}/:entryId`, async (req, res) => {
      await access.reader(req);
      const { id, entryId } = parseInput(entryParams, req.params, 'path');
      const body = parseInput(schemas.update, req.body);
      const { engagement, actor, credentials } = await authorizeWrite(req, id);
      const updated = await audited(
        req,
        'update',
        resourceType,
        engagement.teamRef,
        entryId,
        () => entries.update(name, id, entryId, body, actor, credentials),
      );
      res.json(updated);
    });

    router.delete(`/engagements/:id/${name}/:entryId`, async (req, res) => {
      await access.reader(req);
      const { id, entryId } = parseInput(entryParams, req.params, 'path');
      const { version } = parseInput(versionQuerySchema, req.query, 'query');
      const { engagement, actor } = await authorizeWrite(req, id);
      await audited(
        req,
        'delete',
        resourceType,
        engagement.teamRef,
        entryId,
        () => entries.delete(name, id, entryId, version, actor),
      );
      res.status(204).end();
    });
  }

  ENTRY_KIND_NAMES.forEach(mountEntries);

  router.post('/engagements/:id/transition', async (req, res) => {
    await access.reader(req);
    const { id } = parseInput(idParamSchema, req.params, 'path');
    const body = parseInput(transitionEngagementSchema, req.body);
    const { engagement, actor, credentials } = await authorizeWrite(req, id);
    const record = await audited(
      req,
      body.to === 'closed' ? 'close' : 'transition',
      'engagement',
      engagement.teamRef,
      id,
      () => engagements.transition(id, body, actor, credentials),
    );
    res.json(record);
  });

  return router;
}
