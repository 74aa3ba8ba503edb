import type {
  SliSpec,
  SloSpec,
  AlertConditionSpec,
  AlertPolicySpec,
  OpenSloKind,
} from './schema';
import { isCalendarUnit, parseDuration } from '../duration';
import { alertRulesOf, ResolvedAlertPolicy } from './alerting';
import { KnownDataSource, toIndicator } from './indicator';
import type { Doc, ParsedOpenSloFiles } from './types';
import { zonedTimeToInstant } from '../zone';

/**
 * Resolves the valid documents of an entity's files: references between them, then each
 * SLO into definitions, "not computable" reasons or problems.
 */
export class Resolver {
  private readonly result: ParsedOpenSloFiles;
  private readonly dataSources: Map<string, KnownDataSource>;

  constructor(
    private readonly byKind: Map<OpenSloKind, Map<string, Doc<unknown>>>,
    private readonly invalid: Map<OpenSloKind, Set<string>>,
    problems: ParsedOpenSloFiles['problems'],
    /** Why a name other catalog entities define does not resolve (ambiguous, invalid). */
    private readonly elsewhere: Map<
      OpenSloKind,
      Map<string, string>
    > = new Map(),
  ) {
    this.result = { slos: [], notComputable: [], problems };
    this.dataSources = new Map(
      [...this.docs<{ type: string }>('DataSource')].map(([n, d]) => [
        n,
        { type: d.spec.type },
      ]),
    );
  }

  private docs<S>(kind: OpenSloKind): Map<string, Doc<S>> {
    return this.byKind.get(kind)! as Map<string, Doc<S>>;
  }

  /**
   * Why the reference `field` to a `kind` named `ref` does not resolve: invalid, ambiguous
   * across other entities, or defined nowhere.
   */
  private dangling(kind: OpenSloKind, ref: string, field: string): string {
    if (this.invalid.get(kind)!.has(ref)) {
      return `${kind} ${ref} is invalid (see its problems)`;
    }
    const elsewhere = this.elsewhere.get(kind)?.get(ref);
    if (elsewhere) return elsewhere;
    (this.result.unresolved ??= []).push(ref);
    return `${field} '${ref}' resolves in none of this entity's files nor any catalog entity's`;
  }

  run(): ParsedOpenSloFiles {
    const policies = this.resolvePolicies();
    for (const slo of this.docs<SloSpec>('SLO').values()) {
      this.resolveSlo(slo, policies);
    }
    return this.result;
  }

  /** Each valid AlertPolicy with its condition, or the problem of a reference in it. */
  private resolvePolicies(): Map<string, ResolvedAlertPolicy | string> {
    const resolved = new Map<string, ResolvedAlertPolicy | string>();
    for (const doc of this.docs<AlertPolicySpec>('AlertPolicy').values()) {
      // a shared policy's problems are its owner's, shown on that entity's tab
      const outcome = this.resolvePolicy(doc.name, doc.spec, 'spec', p =>
        doc.owner
          ? undefined
          : this.result.problems.push({
              document: doc.label,
              index: doc.index,
              location: doc.location,
              ...p,
            }),
      );
      resolved.set(
        doc.name,
        outcome ??
          `AlertPolicy ${doc.name}${
            doc.owner ? ` of ${doc.owner}` : ''
          } has unresolved references (see its problems${
            doc.owner ? ' there' : ''
          })`,
      );
    }
    return resolved;
  }

  private resolvePolicy(
    name: string,
    spec: AlertPolicySpec,
    at: string,
    problem: (p: { path: string; message: string }) => void,
  ): ResolvedAlertPolicy | undefined {
    let ok = true;
    spec.notificationTargets.forEach((t, i) => {
      const ref = (t as { targetRef?: string }).targetRef;
      if (ref !== undefined && !this.docs('AlertNotificationTarget').has(ref)) {
        ok = false;
        problem({
          path: `${at}.notificationTargets[${i}].targetRef`,
          message: this.dangling('AlertNotificationTarget', ref, 'targetRef'),
        });
      }
    });
    const item = spec.conditions[0] as {
      conditionRef?: string;
      metadata?: { name: string };
      spec?: AlertConditionSpec;
    };
    let condition: ResolvedAlertPolicy['condition'] | undefined;
    if (item.conditionRef !== undefined) {
      const doc = this.docs<AlertConditionSpec>('AlertCondition').get(
        item.conditionRef,
      );
      if (doc) condition = { name: doc.name, spec: doc.spec };
      else {
        problem({
          path: `${at}.conditions[0].conditionRef`,
          message: this.dangling(
            'AlertCondition',
            item.conditionRef,
            'conditionRef',
          ),
        });
      }
    } else {
      condition = { name: item.metadata!.name, spec: item.spec! };
    }
    return ok && condition ? { name, spec, condition } : undefined;
  }

  private resolveSlo(
    doc: Doc<SloSpec>,
    policies: Map<string, ResolvedAlertPolicy | string>,
  ): void {
    const { spec } = doc;
    let failed = false;
    const problem = (path: string, message: string) => {
      failed = true;
      this.result.problems.push({
        document: doc.label,
        index: doc.index,
        location: doc.location,
        path,
        message,
      });
    };
    const notComputable = (reason: string) =>
      this.result.notComputable.push({
        name: doc.name,
        displayName: doc.displayName ?? doc.name,
        description: spec.description ?? '',
        document: doc.label,
        reason,
        location: doc.location,
      });

    // `service` must resolve when the entity's own files define Services (or the name is
    // ambiguous or invalid elsewhere); other entities' Services alone do not require it
    const services = this.docs('Service');
    const ownServices = [...services.values()].some(d => !d.owner);
    if (
      spec.service !== undefined &&
      !services.has(spec.service) &&
      (ownServices || this.elsewhere.get('Service')!.has(spec.service))
    ) {
      problem(
        'spec.service',
        this.dangling('Service', spec.service, 'service'),
      );
    }

    // Alert policies, inline or by name
    const resolvedPolicies: ResolvedAlertPolicy[] = [];
    (spec.alertPolicies ?? []).forEach((p, i) => {
      const at = `spec.alertPolicies[${i}]`;
      const item = p as {
        alertPolicyRef?: string;
        metadata?: { name: string };
        spec?: AlertPolicySpec;
      };
      if (item.alertPolicyRef !== undefined) {
        const policy = policies.get(item.alertPolicyRef);
        if (policy === undefined) {
          problem(
            `${at}.alertPolicyRef`,
            this.dangling('AlertPolicy', item.alertPolicyRef, 'alertPolicyRef'),
          );
        } else if (typeof policy === 'string') {
          problem(`${at}.alertPolicyRef`, policy);
        } else resolvedPolicies.push(policy);
        return;
      }
      const policy = this.resolvePolicy(
        item.metadata!.name,
        item.spec!,
        `${at}.spec`,
        pr => problem(pr.path, pr.message),
      );
      if (policy) resolvedPolicies.push(policy);
    });

    // Composite SLOs: valid, checked for their references, not computed here
    if (!spec.indicator && spec.indicatorRef === undefined) {
      spec.objectives.forEach((o, i) => {
        if (
          o.indicatorRef !== undefined &&
          !this.docs('SLI').has(o.indicatorRef)
        ) {
          problem(
            `spec.objectives[${i}].indicatorRef`,
            this.dangling('SLI', o.indicatorRef, 'indicatorRef'),
          );
        }
      });
      if (!failed) {
        notComputable(
          'composite SLOs (indicators per objective) are not computed here',
        );
      }
      return;
    }

    let sli: SliSpec | undefined = spec.indicator?.spec;
    if (!sli) {
      sli = this.docs<SliSpec>('SLI').get(spec.indicatorRef!)?.spec;
      if (!sli)
        problem(
          'spec.indicatorRef',
          this.dangling('SLI', spec.indicatorRef!, 'indicatorRef'),
        );
    }
    const outcome = sli
      ? toIndicator(
          sli,
          spec.indicator
            ? 'spec.indicator.spec'
            : `SLI ${spec.indicatorRef}.spec`,
          this.dataSources,
          ref => this.dangling('DataSource', ref, 'metricSourceRef'),
        )
      : undefined;
    if (outcome && 'problem' in outcome) {
      problem(outcome.problem.path, outcome.problem.message);
    }
    if (sli?.thresholdMetric) {
      if (spec.objectives.length > 1 && spec.indicatorRef !== undefined) {
        problem(
          'spec.objectives',
          'a thresholdMetric indicator allows only one objective',
        );
      }
      spec.objectives.forEach((o, i) => {
        if (o.op === undefined) {
          problem(
            `spec.objectives[${i}].op`,
            'required with a thresholdMetric indicator',
          );
        }
        if (o.value === undefined) {
          problem(
            `spec.objectives[${i}].value`,
            'required with a thresholdMetric indicator',
          );
        }
      });
    }
    if (failed || !outcome || 'problem' in outcome) return;
    if ('notComputable' in outcome) {
      notComputable(outcome.notComputable);
      return;
    }

    if (!spec.timeWindow) {
      notComputable('it has no timeWindow; an error budget needs one window');
      return;
    }
    const window = spec.timeWindow[0];
    const duration = parseDuration(window.duration)!;
    const rolling = window.isRolling === true;
    if (rolling && isCalendarUnit(duration.unit)) {
      notComputable(
        `a rolling ${window.duration} window has no fixed length here; use days or weeks, or a calendar window`,
      );
      return;
    }
    const calendarStart = window.calendar
      ? zonedTimeToInstant(
          window.calendar.startTime,
          window.calendar.timeZone,
        ).toISOString()
      : undefined;
    const alertRules =
      spec.alertPolicies && spec.alertPolicies.length > 0
        ? alertRulesOf(resolvedPolicies)
        : undefined;

    spec.objectives.forEach((o, i) => {
      const suffix = spec.objectives.length > 1 ? `/${o.name ?? i + 1}` : '';
      // "(numeric | duration-shorthand)": a number counts minutes
      let sliceWindow = undefined;
      if (typeof o.timeSliceWindow === 'number') {
        sliceWindow = { value: o.timeSliceWindow, unit: 'm' as const };
      } else if (o.timeSliceWindow !== undefined) {
        sliceWindow = parseDuration(o.timeSliceWindow);
      }
      this.result.slos.push({
        location: doc.location,
        definition: {
          name: `${doc.name}${suffix}`,
          displayName: [doc.displayName ?? doc.name, o.displayName]
            .filter(Boolean)
            .join(' — '),
          description: spec.description ?? '',
          indicator: outcome.indicator,
          timeWindow: {
            duration,
            rolling,
            calendarStart,
            timeZone: window.calendar?.timeZone,
          },
          budgetingMethod: spec.budgetingMethod,
          target:
            o.target ?? Number(((o.targetPercent as number) / 100).toFixed(10)),
          op: o.op,
          threshold: o.value,
          timeSliceTarget: o.timeSliceTarget,
          timeSliceWindow: sliceWindow,
          service: spec.service,
          alertRules,
        },
      });
    });
  }
}
