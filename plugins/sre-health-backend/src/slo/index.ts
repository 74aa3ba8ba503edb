import type {
  AuthService,
  UrlReaderService,
} from '@backstage/backend-plugin-api';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import type { ScmIntegrations } from '@backstage/integration';
import express from 'express';
import Router from 'express-promise-router';
import {
  BudgetPolicyStep,
  createSloDefinitionSchema,
  sloBackfillSchema,
  pushSloEventsSchema,
  sreHealthSloManagePermission,
  sreHealthSloPushPermission,
  updateSloDefinitionSchema,
} from '@sre-health/backstage-plugin-sre-health-common';
import type { SreHealthFeature } from '../feature';
import type { Access } from '../http/access';
import { RecordService } from '../http/recordService';
import { createRecordFeature } from '../http/resourceRouter';
import { parseInput } from '../http/validation';
import type { SreHealthStore } from '../store';
import type { SliReaderFactory } from '@sre-health/backstage-plugin-sre-health-node';
import { PrometheusClient, PrometheusDataSource } from './PrometheusClient';
import { SloBackfill } from './backfill';
import { sloDefinitionRules } from './definitionRules';
import { SloEventIngestion } from './eventIngestion';
import { SloDefinitionLoader } from './SloDefinitionLoader';
import { SloService } from './SloService';

export { SloService } from './SloService';

/**
 * SLOs: definitions kept in SRE Health (`/slo-definitions`), pushed good/total events
 * (`POST /slo-events`), and the status every other feature reads through `slos`.
 * @internal
 */
export function createSloFeature(deps: {
  store: SreHealthStore;
  access: Access;
  urlReader: UrlReaderService;
  /** For the OpenSLO definitions other catalog entities share. */
  catalog: CatalogService;
  auth: AuthService;
  /** For OpenSLO files at catalog locations. */
  integrations: ScmIntegrations;
  /** `sreHealth.dataSources`. */
  dataSources: Map<string, PrometheusDataSource>;
  /** `sreHealth.ingestion.lateToleranceMinutes`. */
  lateToleranceMinutes: number;
  /** SLI readers added through `sreHealthSliReadersExtensionPoint`. */
  readers?: ReadonlyArray<SliReaderFactory>;
  /** `sreHealth.slo.budgetPolicy.steps`. */
  budgetPolicy?: ReadonlyArray<BudgetPolicyStep>;
}): SreHealthFeature & { slos: SloService } {
  const { store, access } = deps;
  const loader = new SloDefinitionLoader({
    store,
    urlReader: deps.urlReader,
    integrations: deps.integrations,
    catalog: { service: deps.catalog, auth: deps.auth },
  });
  const slos = new SloService({
    store,
    loader,
    dataSources: deps.dataSources,
    readers: deps.readers,
    budgetPolicy: deps.budgetPolicy,
  });
  const ingestion = new SloEventIngestion({
    slos,
    events: store.sloEvents,
    lateToleranceMinutes: deps.lateToleranceMinutes,
  });

  const feature = createRecordFeature(access, {
    path: 'slo-definitions',
    refField: 'entityRef',
    createSchema: createSloDefinitionSchema,
    updateSchema: updateSloDefinitionSchema,
    createPermission: sreHealthSloManagePermission,
    updatePermission: sreHealthSloManagePermission,
    service: new RecordService(store.sloDefinitions, sloDefinitionRules),
  });
  feature.router!.post('/slo-events', async (req, res) => {
    const body = parseInput(pushSloEventsSchema, req.body);
    const { credentials } = await access.authorize(
      req,
      sreHealthSloPushPermission,
      body.entityRef,
      { allowServices: true },
    );
    const entity = await access.resolveEntity(body.entityRef, credentials);
    const accepted = await access.audited(
      req,
      { action: 'push', resourceType: 'slo-events', entityRef: body.entityRef },
      () => ingestion.push(entity, body.entityRef, body.slo, body.buckets),
    );
    res.status(202).json({ accepted });
  });
  const backfill = new SloBackfill({
    slos,
    events: store.sloEvents,
    clients: new Map(
      [...deps.dataSources].map(([name, ds]) => [
        name,
        new PrometheusClient(ds),
      ]),
    ),
  });
  // the backfill route first, with a body limit a file of 200,000 minutes fits in
  const router = Router();
  router.post(
    '/slo-backfill',
    express.json({ limit: '16mb' }),
    async (req, res) => {
      const body = parseInput(sloBackfillSchema, req.body);
      const { credentials } = await access.authorize(
        req,
        sreHealthSloManagePermission,
        body.entityRef,
      );
      const entity = await access.resolveEntity(body.entityRef, credentials);
      const result = await access.audited(
        req,
        {
          action: 'backfill',
          resourceType: 'slo-events',
          entityRef: body.entityRef,
        },
        () =>
          body.file
            ? backfill.fromFile(
                entity,
                body.entityRef,
                body.slo,
                body.file.format,
                body.file.text,
              )
            : backfill.fromPrometheus(
                entity,
                body.entityRef,
                body.slo,
                body.prometheus!,
              ),
      );
      res.json(result);
    },
  );
  router.use(feature.router!);
  return { ...feature, router, slos };
}
