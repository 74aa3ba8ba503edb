import express from 'express';
import Router from 'express-promise-router';
import {
  pushAlertFiringsSchema,
  sreHealthAnnotationCreatePermission,
  sreHealthAnnotationUpdatePermission,
  DetectionThresholds,
} from '@sre-health/backstage-plugin-sre-health-common';
import { SreHealthStore } from '../store';
import { Access, entityRefOf } from '../http/access';
import { entityRefFromPath, idParamSchema, parseInput } from '../http/validation';
import { AlertFiringStore } from './AlertFiringStore';
import { DetectionService } from './DetectionService';

const DAY = 86_400_000;

/**
 * Routes of the stressor engine: detection on demand, alert firings and their counts, and a
 * flag's history.
 * @internal
 */
export function createStressorRouter(options: {
  store: SreHealthStore;
  access: Access;
  alerts: AlertFiringStore;
  detection: DetectionService;
  thresholds: DetectionThresholds;
}): express.Router {
  const { store, access, alerts, detection, thresholds } = options;
  const router = Router();
  router.use(express.json({ limit: '256kb' }));

  router.post('/entities/:kind/:namespace/:name/detect', async (req, res) => {
    const ref = entityRefFromPath(req.params);
    const { credentials } = await access.authorize(req, sreHealthAnnotationUpdatePermission, ref);
    const entity = await access.resolveEntity(ref, credentials);
    const outcome = await access.audited(
      req,
      { action: 'detect', resourceType: 'stressor-flag', entityRef: ref },
      () => detection.runForEntity(entity),
    );
    res.json({ ...outcome, flags: await store.flags.list(entityRefOf(entity)) });
  });

  router.get('/stressor-flags/:id/history', async (req, res) => {
    await access.reader(req);
    const { id } = parseInput(idParamSchema, req.params, 'path');
    const flag = await store.flags.getOrThrow(id);
    const log = await store.audit.listForEntity(flag.entityRef, 1000);
    res.json(log.filter(e => e.resourceId === id));
  });

  router.post('/alert-firings', async (req, res) => {
    const body = parseInput(pushAlertFiringsSchema, req.body);
    const { credentials } = await access.authorize(req, sreHealthAnnotationCreatePermission, body.entityRef, {
      allowServices: true,
    });
    await access.resolveEntity(body.entityRef, credentials);
    const firings = body.firings.map(f => ({
      alertName: f.alertName,
      startsAt: new Date(f.startsAt),
      ...(f.endsAt ? { endsAt: new Date(f.endsAt) } : {}),
      ...(f.pagedUserRef ? { pagedUserRef: f.pagedUserRef } : {}),
    }));
    await access.audited(req, { action: 'push', resourceType: 'alert-firings', entityRef: body.entityRef }, () =>
      detection.recordFirings(body.entityRef, firings),
    );
    res.status(202).json({ accepted: firings.length });
  });

  router.get('/entities/:kind/:namespace/:name/alerts', async (req, res) => {
    const credentials = await access.reader(req);
    const entity = await access.resolveEntity(entityRefFromPath(req.params), credentials);
    const ref = entityRefOf(entity);
    const since = new Date(Date.now() - thresholds.alertWindowDays * DAY);
    const [counts, diagnoses] = await Promise.all([alerts.counts(ref, since), store.alertDiagnoses.list(ref)]);
    res.json(
      counts.map(c => ({
        alertName: c.alertName,
        firings: c.firings,
        lastFiredAt: c.lastFiredAt.toISOString(),
        diagnosis: diagnoses.find(d => d.alertName === c.alertName) ?? null,
      })),
    );
  });

  return router;
}
