import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { Entity, RELATION_HAS_MEMBER } from '@backstage/catalog-model';
import { ConflictError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ANNOTATION_ONCALL_GROUP,
  AlertSummary,
  DETECTOR_AUTHOR,
  DetectedStressor,
  DetectionThresholds,
  EntityHealth,
  ON_CALL_LOOKBACK_DAYS,
  OnCallShift,
  StressorFlag,
  isExemptionExpired,
  isServingCritical,
  isSreHealthAvailable,
  normalizeEntityRef,
  onCallOperators,
  operatingPicture,
  utcToday,
} from '@sre-health/backstage-plugin-sre-health-common';
import {
  DetectionContext,
  StressorDetector,
} from '@sre-health/backstage-plugin-sre-health-node';
import { SreHealthStore } from '../store';
import { unitOfWork } from '../database/unitOfWork';
import { SloService } from '../slo';
import { declaredOperators, ownerOf } from '../catalog/owners';
import { entityRefOf } from '../http/access';
import { AlertFiring, AlertFiringStore } from './AlertFiringStore';

const DAY = 86_400_000;

/** Recorded on-call shifts (the knowledge feature's); who held the pager operates. @internal */
export interface OnCallShiftSource {
  listShifts(entityRef: string, since?: Date): Promise<OnCallShift[]>;
}

/**
 * Looks at a service's health (the tab's read) after each detection run has reconciled its
 * flags: the compound risks the scorecard stores, the notifications worth sending.
 * @internal
 */
export interface ServiceHealthObserver {
  /** Names the observer in the warning its failure logs. */
  name: string;
  observe(health: EntityHealth): Promise<unknown>;
}

/** What one detection run changed. @internal */
export interface DetectionOutcome {
  entityRef: string;
  detected: DetectedStressor[];
  created: number;
  updated: number;
  resolved: number;
  /** Flags whose exemption ran out and whose stressor is still there (or cannot be checked). */
  reopened: number;
}

/**
 * Runs the stressor detectors over an entity and keeps the stored flags in step: a new
 * detection becomes a `detected` flag, a detection matching an SRE's flag makes it `both`,
 * a detected flag that is no longer seen is resolved, and a dismissed one is left alone.
 * An exempt flag keeps its status until its exemption runs out (its last day is before
 * today, UTC); the next run then re-opens it if the stressor is still detected (or has no
 * detector to tell) and resolves it if not, as it resolves a dismissed flag that is no
 * longer seen. The detector's own flags close when the signal goes, exempt or not. Each
 * change is the detector's audited write.
 * @internal
 */
export class DetectionService {
  constructor(
    private readonly deps: {
      store: SreHealthStore;
      alerts: AlertFiringStore;
      catalog: CatalogService;
      auth: AuthService;
      slos: SloService;
      shifts: OnCallShiftSource;
      detectors: StressorDetector[];
      thresholds: DetectionThresholds;
      sreGroups: string[];
      logger: LoggerService;
      /**
       * After each service's flags are reconciled: the tab's read of it (one per service and
       * run), handed to each observer in turn. A failure of the read or of an observer is
       * logged and fails neither the run nor the other observers.
       */
      afterService?: {
        read(entity: Entity): Promise<EntityHealth>;
        observers: ServiceHealthObserver[];
      };
      /** Records each owning team's computed ops share once a run is through; a failure is logged. */
      opsTime?: { record(teamRef: string): Promise<unknown> };
      now?: () => Date;
    },
  ) {}

  /** Firings pushed by an alerting pipeline: the input of the "alerts nobody acts on" detector. */
  recordFirings(
    entityRef: string,
    firings: ReadonlyArray<AlertFiring>,
  ): Promise<number> {
    return this.deps.alerts.record(entityRef, firings);
  }

  /** Every entity the tab applies to; progress is logged as it goes. */
  async runAll(
    trigger: string,
  ): Promise<{ entities: number; changed: number }> {
    const { store, catalog, auth, logger } = this.deps;
    const credentials = await auth.getOwnServiceCredentials();
    const startedAt = new Date();
    const [runId] = await store
      .db('detection_runs')
      .insert({ trigger, started_at: startedAt })
      .returning('id');
    const { items } = await catalog.getEntities(
      { filter: { kind: 'Component' } },
      { credentials },
    );
    const entities = items.filter(isSreHealthAvailable);
    let changed = 0;
    let done = 0;
    let error: string | null = null;
    try {
      for (const entity of entities) {
        const outcome = await this.runForEntity(entity);
        changed +=
          outcome.created +
          outcome.updated +
          outcome.resolved +
          outcome.reopened;
        done += 1;
        if (done % 25 === 0 || done === entities.length) {
          logger.info(
            `Stressor detection: ${done}/${entities.length} entities, ${changed} flag changes`,
          );
        }
      }
      await this.recordOpsTime(entities);
    } catch (e) {
      error = (e as Error).message;
      throw e;
    } finally {
      await store
        .db('detection_runs')
        .where({ id: typeof runId === 'object' ? runId.id : runId })
        .update({
          finished_at: new Date(),
          entities: done,
          flags_changed: changed,
          error,
        });
    }
    return { entities: entities.length, changed };
  }

  /** Each owning team's computed ops share, once per team per run. */
  private async recordOpsTime(entities: readonly Entity[]): Promise<void> {
    const { opsTime, logger } = this.deps;
    if (!opsTime) return;
    const teams = new Set(
      entities
        .map(ownerOf)
        .filter((t): t is string => !!t?.startsWith('group:')),
    );
    for (const team of teams) {
      try {
        await opsTime.record(team);
      } catch (e) {
        logger.warn(`Ops time of ${team} failed: ${e}`);
      }
    }
  }

  async runForEntity(entity: Entity): Promise<DetectionOutcome> {
    const context = await this.context(entity);
    const detected: DetectedStressor[] = [];
    for (const detector of this.deps.detectors) {
      try {
        const found = await detector.detect(context);
        if (found)
          detected.push({ ...found, stressorKey: detector.stressorKey });
      } catch (e) {
        this.deps.logger.warn(
          `Detector ${detector.stressorKey} failed on ${context.entityRef}: ${e}`,
        );
      }
    }
    const outcome = await this.reconcile(context, detected);
    await this.observe(entity, context.entityRef);
    return outcome;
  }

  /** Hands the service's health, read once as its flags now stand, to each observer. */
  private async observe(entity: Entity, entityRef: string): Promise<void> {
    const { afterService, logger } = this.deps;
    if (!afterService?.observers.length) return;
    let health: EntityHealth;
    try {
      health = await afterService.read(entity);
    } catch (e) {
      logger.warn(`Reading ${entityRef} for its observers failed: ${e}`);
      return;
    }
    for (const observer of afterService.observers) {
      try {
        await observer.observe(health);
      } catch (e) {
        logger.warn(`${observer.name} of ${entityRef} failed: ${e}`);
      }
    }
  }

  private async context(entity: Entity): Promise<DetectionContext> {
    const { store, thresholds, sreGroups } = this.deps;
    const now = this.deps.now?.() ?? new Date();
    const entityRef = entityRefOf(entity);
    const ownerRef = ownerOf(entity);
    const credentials = await this.deps.auth.getOwnServiceCredentials();

    const dependents = (entity.relations ?? [])
      .filter(r => r.type === 'dependencyOf')
      .map(r => r.targetRef.toLocaleLowerCase('en-US'));
    const [previous] = await store
      .db('dependents_snapshots')
      .where({ entity_ref: entityRef })
      .orderBy('taken_at', 'desc')
      .limit(1);
    const previousDependents = previous ? Number(previous.dependents) : null;
    if (previousDependents !== dependents.length) {
      await unitOfWork(store.db, { entityRefs: [entityRef] }, trx =>
        trx('dependents_snapshots').insert({
          entity_ref: entityRef,
          taken_at: now,
          dependents: dependents.length,
        }),
      );
    }

    const members = async (groupRef: string) => {
      const group = await this.deps.catalog.getEntityByRef(groupRef, {
        credentials,
      });
      return (group?.relations ?? [])
        .filter(r => r.type === RELATION_HAS_MEMBER)
        .map(r => r.targetRef.toLocaleLowerCase('en-US'));
    };
    const onCallGroup = entity.metadata.annotations?.[ANNOTATION_ONCALL_GROUP];
    const groups = [...sreGroups];
    if (onCallGroup) {
      try {
        groups.push(
          normalizeEntityRef(
            onCallGroup.includes(':') ? onCallGroup : `group:${onCallGroup}`,
            'group',
          ),
        );
      } catch {
        // an unparseable annotation adds nobody
      }
    }
    const [
      expertise,
      shifts,
      engagement,
      postmortems,
      deferredProblems,
      complaints,
      flags,
      sloSet,
      alertCounts,
      diagnoses,
      ...groupMembers
    ] = await Promise.all([
      store.expertise.list(entityRef),
      this.deps.shifts.listShifts(
        entityRef,
        new Date(now.getTime() - ON_CALL_LOOKBACK_DAYS * DAY),
      ),
      ownerRef ? store.activeEngagement(ownerRef) : Promise.resolve(undefined),
      store.postmortems.list(entityRef),
      store.deferredProblems.list(entityRef),
      store.complaints.list(entityRef),
      store.flags.list(entityRef),
      this.deps.slos.definitions(entity, entityRef),
      this.deps.alerts.counts(
        entityRef,
        new Date(now.getTime() - thresholds.alertWindowDays * DAY),
      ),
      store.alertDiagnoses.list(entityRef),
      ...groups.map(members),
    ]);
    const { operators, operatingSide } = operatingPicture({
      recorded: expertise.map(e => ({
        userRef: e.userRef,
        level: e.level,
        source: 'recorded' as const,
      })),
      declared: declaredOperators(entity),
      onCall: onCallOperators(shifts, now),
      groupMembers: groupMembers.flat(),
      embeddedSre: engagement?.sreRef ?? null,
    });

    const alerts: AlertSummary[] = alertCounts.map(a => ({
      alertName: a.alertName,
      firings: a.firings,
      lastFiredAt: a.lastFiredAt.toISOString(),
      diagnosis: diagnoses.find(d => d.alertName === a.alertName) ?? null,
    }));
    return {
      entity,
      entityRef,
      ownerRef,
      now,
      thresholds,
      servingCritical: isServingCritical(entity, thresholds),
      sreGroups,
      dependents,
      previousDependents,
      operators,
      operatingSide,
      engagement: engagement ?? null,
      // an SLO defined but not computed here (e.g. on Datadog) is still an SLO
      hasSlo: sloSet.slos.length + sloSet.notComputable.length > 0,
      postmortems,
      deferredProblems,
      complaints,
      alerts,
      flags,
    };
  }

  private async reconcile(
    context: DetectionContext,
    detected: DetectedStressor[],
  ): Promise<DetectionOutcome> {
    const { flags } = this.deps.store;
    const outcome: DetectionOutcome = {
      entityRef: context.entityRef,
      detected,
      created: 0,
      updated: 0,
      resolved: 0,
      reopened: 0,
    };
    const today = utcToday(context.now);
    const expired = (flag: StressorFlag) => isExemptionExpired(flag, today);
    const open = new Map<string, StressorFlag>(
      context.flags
        .filter(f => f.status !== 'resolved')
        .map(f => [f.stressorKey, f]),
    );
    const keys = new Set(this.deps.detectors.map(d => d.stressorKey));
    const guard = async (write: () => Promise<unknown>) => {
      try {
        await write();
        return true;
      } catch (e) {
        // An SRE edited the flag meanwhile; the next run picks up from their version.
        if (e instanceof ConflictError) return false;
        throw e;
      }
    };

    for (const d of detected) {
      const flag = open.get(d.stressorKey);
      const facts = { ...d.facts };
      if (!flag) {
        if (
          await guard(() =>
            flags.create(
              {
                entityRef: context.entityRef,
                stressorKey: d.stressorKey,
                stressLevel: d.stressLevel,
                evidence: d.evidence,
                status: 'open',
                source: 'detected',
                facts,
              },
              DETECTOR_AUTHOR,
            ),
          )
        ) {
          outcome.created += 1;
        }
        continue;
      }
      // An SRE's own words stay; the detector's go into the facts.
      const ownEvidence = flag.author !== DETECTOR_AUTHOR;
      const nextFacts = ownEvidence
        ? { ...facts, detectorEvidence: d.evidence }
        : facts;
      const changes = {
        // The evidence proposes a level; the team's rating, if any, stays the level.
        proposedLevel: d.stressLevel,
        evidence: ownEvidence ? undefined : d.evidence,
        source: flag.source === 'sre' ? ('both' as const) : undefined,
        facts: nextFacts,
      };
      if (expired(flag)) {
        // The exemption ran out and the stressor is still there: open again.
        if (
          await guard(() =>
            flags.update(
              flag.id,
              flag.version,
              { ...changes, status: 'open', detected: true },
              DETECTOR_AUTHOR,
            ),
          )
        ) {
          outcome.reopened += 1;
        }
        continue;
      }
      const same =
        changes.proposedLevel === flag.proposedLevel &&
        (changes.evidence === undefined ||
          changes.evidence === flag.evidence) &&
        changes.source === undefined &&
        JSON.stringify(nextFacts) === JSON.stringify(flag.facts);
      if (
        !same &&
        (await guard(() =>
          flags.update(
            flag.id,
            flag.version,
            { ...changes, detected: true },
            DETECTOR_AUTHOR,
          ),
        ))
      ) {
        outcome.updated += 1;
      }
    }

    const seen = new Set(detected.map(d => d.stressorKey));
    for (const flag of open.values()) {
      if (seen.has(flag.stressorKey)) continue;
      if (!keys.has(flag.stressorKey)) {
        // No detector can tell whether it still holds: an expired exemption re-opens.
        if (
          expired(flag) &&
          (await guard(() =>
            flags.update(
              flag.id,
              flag.version,
              { status: 'open' },
              DETECTOR_AUTHOR,
            ),
          ))
        ) {
          outcome.reopened += 1;
        }
        continue;
      }
      // Only the detector's own flags close when the signal goes; an SRE's stay theirs.
      const detectorOnly = flag.source === 'detected' && !flag.confirmedBy;
      if (detectorOnly || flag.status === 'dismissed' || expired(flag)) {
        if (
          await guard(() =>
            flags.update(
              flag.id,
              flag.version,
              { status: 'resolved' },
              DETECTOR_AUTHOR,
            ),
          )
        ) {
          outcome.resolved += 1;
        }
      }
    }
    return outcome;
  }
}
