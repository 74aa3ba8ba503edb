import type { UrlReaderService } from '@backstage/backend-plugin-api';
import type { ScmIntegrations } from '@backstage/integration';
import {
  createSloDefinitionSchema,
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
import type { PrometheusDataSource } from './PrometheusClient';
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
  /** For OpenSLO files at catalog locations. */
  integrations: ScmIntegrations;
  /** `sreHealth.dataSources`. */
  dataSources: Map<string, PrometheusDataSource>;
  /** `sreHealth.ingestion.lateToleranceMinutes`. */
  lateToleranceMinutes: number;
}): SreHealthFeature & { slos: SloService } {
  const { store, access } = deps;
  const slos = new SloService({
    store,
    loader: new SloDefinitionLoader({
      store,
      urlReader: deps.urlReader,
      integrations: deps.integrations,
    }),
    dataSources: deps.dataSources,
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
  return { ...feature, slos };
}
