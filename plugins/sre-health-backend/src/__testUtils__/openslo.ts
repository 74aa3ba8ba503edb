/**
 * A valid OpenSLO v1 SLO as YAML text, for the tests that read, load or paste SLO files:
 * a ratio of good to total events from `metricSource` (SRE Health's pushed events by
 * default), over a rolling `window`, with `objective` as written; `extra` is appended at
 * the top level.
 */
export function sloYaml(
  name: string,
  options: {
    window?: string;
    objective?: string;
    metricSource?: string;
    extra?: string;
  } = {},
): string {
  const {
    window = '30d',
    objective = 'target: 0.99',
    metricSource = 'type: sre-health',
    extra = '',
  } = options;
  return `apiVersion: openslo/v1
kind: SLO
metadata: { name: ${name} }
spec:
  indicator:
    spec:
      ratioMetric:
        good: { metricSource: { ${metricSource}, spec: {} } }
        total: { metricSource: { ${metricSource}, spec: {} } }
  timeWindow: [{ duration: ${window}, isRolling: true }]
  budgetingMethod: Occurrences
  objectives: [{ ${objective} }]
${extra}`;
}
