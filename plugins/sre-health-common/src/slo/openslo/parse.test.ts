import { parseOpenSlo } from './parse';
import { calendarPeriod, parseDuration } from '../duration';
import { annotationSlo } from '../annotation';

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
          timeZone: undefined,
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
        spec: { type: 'Prometheus', connectionDetails: {} },
      },
      {
        apiVersion: 'openslo/v1',
        kind: 'SLI',
        metadata: { name: 'latency' },
        spec: ratio,
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
              target: 0.99,
              timeSliceTarget: 0.9,
              timeSliceWindow: '1m',
            },
            {
              name: 'ok',
              target: 0.999,
              timeSliceTarget: 0.5,
              timeSliceWindow: 5,
            },
          ],
        },
        'search-latency',
      ),
      {
        apiVersion: 'openslo/v1',
        kind: 'AlertPolicy',
        metadata: { name: 'page' },
        spec: {
          conditions: [{ conditionRef: 'fast-burn' }],
          notificationTargets: [{ targetRef: 'on-call' }],
        },
      },
      {
        apiVersion: 'openslo/v1',
        kind: 'AlertCondition',
        metadata: { name: 'fast-burn' },
        spec: {
          severity: 'page',
          condition: {
            kind: 'burnrate',
            op: 'gt',
            threshold: 14.4,
            lookbackWindow: '1h',
          },
        },
      },
      {
        apiVersion: 'openslo/v1',
        kind: 'AlertNotificationTarget',
        metadata: { name: 'on-call' },
        spec: { target: 'pagerduty' },
      },
    ]);
    expect(problems).toEqual([]);
    expect(
      slos.map(s => [
        s.name,
        s.timeSliceWindow,
        s.target,
        s.timeWindow.rolling,
      ]),
    ).toEqual([
      ['search-latency/fast', { value: 1, unit: 'm' }, 0.99, false],
      ['search-latency/ok', { value: 5, unit: 'm' }, 0.999, false],
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
          index: 2,
          path: 'spec.timeWindow[0].duration',
          message: expect.stringContaining('duration'),
        },
        {
          document: 'SLO broken',
          index: 2,
          path: 'spec.objectives[0].target',
          message: 'must be in [0.0, 1.0)',
        },
        {
          document: 'SLO x',
          index: 3,
          path: 'apiVersion',
          message: 'must be openslo/v1',
        },
        { document: 'SLO x', index: 3, path: 'spec', message: 'required' },
      ]),
    );
  });

  it("accepts any source type: whether it is read is the backend readers' verdict", () => {
    const { slos, problems } = parseOpenSlo([
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
    expect(problems).toEqual([]);
    expect(slos[0].indicator).toMatchObject({
      type: 'ratio',
      total: { sourceType: 'datadog', typeName: 'Datadog' },
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

  it('lays calendar quarters on the wall clock of their time zone, across daylight saving', () => {
    // 2026-01-01 00:00 in New York is 05:00Z (EST); 1 April 00:00 there is 04:00Z (EDT)
    const quarter = calendarPeriod(
      { value: 1, unit: 'Q' },
      new Date('2026-01-01T05:00:00Z'),
      new Date('2026-05-15T12:00:00Z'),
      'America/New_York',
    );
    expect(quarter).toEqual({
      from: new Date('2026-04-01T04:00:00Z'),
      to: new Date('2026-07-01T04:00:00Z'),
    });
    // a week starting Monday 00:00 in Berlin, across the end of summer time (25 October)
    const week = calendarPeriod(
      { value: 1, unit: 'w' },
      new Date('2026-10-18T22:00:00Z'),
      new Date('2026-10-27T12:00:00Z'),
      'Europe/Berlin',
    );
    expect(week).toEqual({
      from: new Date('2026-10-25T23:00:00Z'),
      to: new Date('2026-11-01T23:00:00Z'),
    });
    // and a year, in UTC without a zone
    expect(
      calendarPeriod(
        { value: 1, unit: 'Y' },
        new Date('2025-01-01T00:00:00Z'),
        new Date('2026-03-01T00:00:00Z'),
      ),
    ).toEqual({
      from: new Date('2026-01-01T00:00:00Z'),
      to: new Date('2027-01-01T00:00:00Z'),
    });
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
