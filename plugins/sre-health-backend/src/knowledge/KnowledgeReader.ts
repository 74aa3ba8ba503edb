import type { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import {
  MAX_LISTED_FILES,
  type KnowledgeSiloSummary,
  type KnowledgeWhatIf,
  type Operator,
  type TeamKnowledgeSummary,
  onCallOperators,
  operatorsWithout,
  servingTier,
  summarizeKnowledge,
  summarizeTeamKnowledge,
} from '@sre-health/backstage-plugin-sre-health-common';
import { nestedGroupRefs } from '../catalog/nestedGroups';
import { declaredOperators, ownerOf } from '../catalog/owners';
import type { SreHealthStore } from '../store';
import { coverageWithout, greedyTruckFactor } from '../truckFactor';
import type { KnowledgeStore } from './KnowledgeStore';
import type { OnCallShifts } from './OnCallShifts';
import { resolveRepository, type KnowledgeConfig } from './repositories';
import type { KnowledgeInputs, KnowledgeSource } from './source';
import { toTruckFactorSummary } from './truckFactorSummary';

/**
 * Whether the reader may see who authors the code of each of `entityRefs` (authorship
 * shares, departed authors): the router asks the permission framework. @internal
 */
export type AuthorshipAccess = (entityRefs: string[]) => Promise<boolean[]>;

/** Who authors the code is shown to nobody unless the caller says otherwise. */
const NO_AUTHORSHIP: AuthorshipAccess = async refs => refs.map(() => false);

/**
 * The knowledge reads: what the tab's single read needs, a component's knowledge silo (who
 * can operate it and its truck factor), the what-if of people leaving, and a team's rollup.
 * Who authors the code is per-person data: each read leaves it out (counts remain) unless
 * told the reader may see it. Reads stored analyses only; it never runs git.
 * @internal
 */
export class KnowledgeReader implements KnowledgeSource {
  constructor(
    private readonly deps: {
      store: KnowledgeStore;
      sreStore: SreHealthStore;
      shifts: OnCallShifts;
      catalog: CatalogService;
      config: KnowledgeConfig;
      now: () => Date;
    },
  ) {}

  /**
   * The truck-factor summary and recent on-call people of one component. The tab's single
   * read is one answer for every reader, so it never names the authors.
   */
  async inputsFor(
    entity: Entity,
    entityRef: string,
    options: { authorship: boolean } = { authorship: false },
  ): Promise<KnowledgeInputs> {
    const location = resolveRepository(entity, entityRef, this.deps.config);
    const [record, shifts] = await Promise.all([
      location.kind === 'local'
        ? this.deps.store.getAnalysis(entityRef)
        : undefined,
      this.deps.shifts.recent([entityRef]),
    ]);
    return {
      truckFactor: toTruckFactorSummary(location, record, options),
      onCall: onCallOperators(shifts, this.deps.now()),
    };
  }

  /** The combined knowledge silo of one component, with the authors when `authorship`. */
  async summarize(
    entity: Entity,
    entityRef: string,
    options: { authorship: boolean } = { authorship: false },
  ): Promise<KnowledgeSiloSummary> {
    const owner = ownerOf(entity);
    const [expertise, inputs, engagement] = await Promise.all([
      this.deps.sreStore.expertise.list(entityRef),
      this.inputsFor(entity, entityRef, options),
      owner ? this.deps.sreStore.activeEngagement(owner) : undefined,
    ]);
    return summarizeKnowledge({
      tier: servingTier(entity),
      recorded: expertise.map(e => ({
        userRef: e.userRef,
        level: e.level,
        source: 'recorded' as const,
      })),
      declared: declaredOperators(entity),
      ...inputs,
      // the embedded SRE leaves when the engagement ends: not counted
      embeddedSre: engagement?.sreRef,
    });
  }

  /**
   * What is left of a component's knowledge when `without` leave. The code's part (which
   * files lose their last author) is authorship: without `authorship`, it is left out.
   */
  async whatIf(
    entity: Entity,
    entityRef: string,
    without: string[],
    options: { authorship: boolean } = { authorship: false },
  ): Promise<KnowledgeWhatIf> {
    const silo = await this.summarize(entity, entityRef, options);
    const tf = silo.truckFactor!;
    let coverage: KnowledgeWhatIf['coverage'] = null;
    if (tf.truckFactor !== null && options.authorship) {
      const [authorship, record] = await Promise.all([
        this.deps.store.getAuthorship(entityRef),
        this.deps.store.getAnalysis(entityRef),
      ]);
      if (authorship && record?.result) {
        // people who already left are gone in both pictures
        const departed = record.result.departedAuthors.map(a => a.author);
        const before = coverageWithout(authorship, departed);
        const after = coverageWithout(authorship, [...departed, ...without]);
        const orphanedBefore = new Set(before.orphanedFiles);
        const orphaned = after.orphanedFiles.filter(
          f => !orphanedBefore.has(f),
        );
        coverage = {
          before: { coveredFiles: before.coveredFiles, share: before.share },
          coveredFiles: after.coveredFiles,
          totalFiles: after.totalFiles,
          share: after.share,
          truckFactorLeft: greedyTruckFactor(authorship, [
            ...departed,
            ...without,
          ]).truckFactor,
          orphanedFiles: {
            count: orphaned.length,
            paths: orphaned.slice(0, MAX_LISTED_FILES),
          },
        };
      }
    }
    return {
      entityRef,
      without,
      coverage,
      truckFactorStatus: tf.status,
      ...(tf.reason ? { reason: tf.reason } : {}),
      ...(tf.authorshipWithheld ? { authorshipWithheld: true as const } : {}),
      ...operatorsWithout(silo, without, coverage?.truckFactorLeft),
    };
  }

  /**
   * The knowledge silos of the components a group (and its nested groups) owns; each names
   * its authors (key people) only where `authorship` allows.
   */
  async team(
    group: Entity,
    credentials: BackstageCredentials,
    authorship: AuthorshipAccess = NO_AUTHORSHIP,
  ): Promise<TeamKnowledgeSummary> {
    const teamRef = stringifyEntityRef(group).toLocaleLowerCase('en-US');
    const groupRefs = await nestedGroupRefs(
      this.deps.catalog,
      group,
      credentials,
    );
    const { items } = await this.deps.catalog.getEntities(
      {
        filter: { kind: 'Component', 'relations.ownedBy': groupRefs },
        fields: ['kind', 'metadata', 'spec.type'],
      },
      { credentials },
    );
    const components = items.map(entity => ({
      entity,
      entityRef: stringifyEntityRef(entity).toLocaleLowerCase('en-US'),
    }));
    const refs = components.map(c => c.entityRef);
    const [analyses, shifts, expertise, shown] = await Promise.all([
      this.deps.store.listAnalyses(refs),
      this.deps.shifts.recent(refs),
      Promise.all(refs.map(ref => this.deps.sreStore.expertise.list(ref))),
      authorship(refs),
    ]);
    // the team's embedded SRE leaves when the engagement ends: not counted
    const engagement = await this.deps.sreStore.activeEngagement(teamRef);
    const now = this.deps.now();
    const summaries = components.map(({ entity, entityRef }, i) => {
      const location = resolveRepository(entity, entityRef, this.deps.config);
      const recorded: Operator[] = expertise[i].map(e => ({
        userRef: e.userRef,
        level: e.level,
        source: 'recorded',
      }));
      return {
        entityRef,
        ...(entity.metadata.title ? { title: entity.metadata.title } : {}),
        silo: summarizeKnowledge({
          tier: servingTier(entity),
          recorded,
          declared: declaredOperators(entity),
          onCall: onCallOperators(
            shifts.filter(s => s.entityRef === entityRef),
            now,
          ),
          truckFactor: toTruckFactorSummary(
            location,
            location.kind === 'local' ? analyses.get(entityRef) : undefined,
            { authorship: shown[i] },
          ),
          embeddedSre: engagement?.sreRef,
        }),
      };
    });
    return summarizeTeamKnowledge(teamRef, groupRefs, summaries);
  }
}
