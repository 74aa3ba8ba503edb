import { parseOpenSlo } from './openslo';
import { calendarPeriod, parseDuration } from './duration';
import { annotationSlo } from './annotation';

const slo = (
  spec: Record<string, unknown>,
  name = 'checkout-availability',
) => ({
  apiVersion: 'openslo/v1',
  kind: 'SLO',
  metadata: { name, displayName: 'Checkout availability' },
  spec,
});

const ratio = {
  ratioMetric: {
    counter: true,
    good: {
      metricSource: {
        type: 'Prometheus',
        metricSourceRef: 'prom',
        spec: { query: 'http_requests_total{code!~"5.."}' },
      },
    },
    total: {
      metricSource: {
        type: 'Prometheus',
        metricSourceRef: 'prom',
        spec: { query: 'http_requests_total' },
      },
    },
  },
};

describe('parseOpenSlo', () => {
  it('normalises a ratio SLO with an inline indicator', () => {
    const { slos, problems } = parseOpenSlo([
      slo({
        indicator: { metadata: { name: 'good-requests' }, spec: ratio },
        timeWindow: [{ duration: '28d', isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [
          { displayName: 'Most requests succeed', targetPercent: 99.9 },
        ],
      }),
    ]);
    expect(problems).toEqual([]);
    expect(slos).toEqual([
      expect.objectContaining({
        name: 'checkout-availability',
        target: 0.999,
        budgetingMethod: 'Occurrences',
        timeWindow: {
          duration: { value: 28, unit: 'd' },
          rolling: true,
          calendarStart: undefined,
        },
        indicator: expect.objectContaining({ type: 'ratio', counter: true }),
      }),
    ]);
  });

  it('resolves indicatorRef to an SLI document and splits objectives', () => {
    const { slos, problems } = parseOpenSlo([
      {
        apiVersion: 'openslo/v1',
        kind: 'DataSource',
        metadata: { name: 'prom' },
        spec: { type: 'Prometheus' },
      },
      {
        apiVersion: 'openslo/v1',
        kind: 'SLI',
        metadata: { name: 'latency' },
        spec: {
          thresholdMetric: {
            metricSource: {
              type: 'Prometheus',
              metricSourceRef: 'prom',
              spec: { query: 'p99_latency_seconds' },
            },
          },
        },
      },
      slo(
        {
          indicatorRef: 'latency',
          timeWindow: [
            {
              duration: '1M',
              isRolling: false,
              calendar: { startTime: '2026-01-01 00:00:00', timeZone: 'UTC' },
            },
          ],
          budgetingMethod: 'Timeslices',
          objectives: [
            {
              name: 'fast',
              op: 'lte',
              value: 0.3,
              target: 0.99,
              timeSliceWindow: '1m',
            },
            {
              name: 'ok',
              op: 'lte',
              value: 1,
              target: 0.999,
              timeSliceWindow: '1m',
            },
          ],
        },
        'search-latency',
      ),
      {
        apiVersion: 'openslo/v1',
        kind: 'AlertPolicy',
        metadata: { name: 'page' },
        spec: {},
      },
    ]);
    expect(problems).toEqual([]);
    expect(
      slos.map(s => [
        s.name,
        s.op,
        s.threshold,
        s.target,
        s.timeWindow.rolling,
      ]),
    ).toEqual([
      ['search-latency/fast', 'lte', 0.3, 0.99, false],
      ['search-latency/ok', 'lte', 1, 0.999, false],
    ]);
    expect(slos[0].timeWindow.calendarStart).toBe('2026-01-01T00:00:00.000Z');
  });

  it('names the document, the field path and the problem, and keeps the valid SLOs', () => {
    const good = slo(
      {
        indicator: { spec: ratio },
        timeWindow: [{ duration: '30d', isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [{ target: 0.99 }],
      },
      'fine',
    );
    const bad = slo(
      {
        indicator: { spec: ratio },
        timeWindow: [{ duration: '30 days', isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [{ target: 1.5 }],
      },
      'broken',
    );
    const { slos, problems } = parseOpenSlo([
      good,
      bad,
      { apiVersion: 'openslo/v2', kind: 'SLO', metadata: { name: 'x' } },
    ]);
    expect(slos.map(s => s.name)).toEqual(['fine']);
    expect(problems).toEqual(
      expect.arrayContaining([
        {
          document: 'SLO broken',
          path: 'spec.timeWindow[0].duration',
          message: expect.stringContaining('duration'),
        },
        {
          document: 'SLO broken',
          path: 'spec.objectives[0].target',
          message: expect.any(String),
        },
        { document: 'SLO x', path: 'apiVersion', message: expect.any(String) },
      ]),
    );
  });

  it('rejects unsupported sources and missing queries clearly', () => {
    const { problems } = parseOpenSlo([
      slo({
        indicator: {
          spec: {
            ratioMetric: {
              good: { metricSource: { type: 'Datadog', spec: {} } },
              total: { metricSource: { type: 'Datadog', spec: {} } },
            },
          },
        },
        timeWindow: [{ duration: '30d', isRolling: true }],
        budgetingMethod: 'Occurrences',
        objectives: [{ target: 0.99 }],
      }),
    ]);
    expect(problems[0]).toMatchObject({
      document: 'SLO checkout-availability',
      path: 'spec.indicator.spec.ratioMetric.good.metricSource.type',
      message: expect.stringContaining('Datadog'),
    });
  });
});

describe('durations and calendar windows', () => {
  it('parses OpenSLO durations', () => {
    expect(parseDuration('28d')).toEqual({ value: 28, unit: 'd' });
    expect(parseDuration('1M')).toEqual({ value: 1, unit: 'M' });
    expect(parseDuration('0d')).toBeUndefined();
    expect(parseDuration('1 day')).toBeUndefined();
  });

  it('finds the current calendar month and week', () => {
    const month = calendarPeriod(
      { value: 1, unit: 'M' },
      new Date('2026-01-01T00:00:00Z'),
      new Date('2026-11-25T12:00:00Z'),
    );
    expect(month).toEqual({
      from: new Date('2026-11-01T00:00:00Z'),
      to: new Date('2026-12-01T00:00:00Z'),
    });
    const week = calendarPeriod(
      { value: 1, unit: 'w' },
      new Date('2026-11-02T00:00:00Z'),
      new Date('2026-11-25T12:00:00Z'),
    );
    expect(week.from).toEqual(new Date('2026-11-23T00:00:00Z'));
  });

  it('turns the slo-target annotation into a pushed-events SLO', () => {
    expect(annotationSlo('99.9', '28d')).toMatchObject({
      name: 'availability',
      target: 0.999,
      timeWindow: { duration: { value: 28, unit: 'd' } },
    });
    expect(annotationSlo('abc', undefined)).toBeUndefined();
  });
});
