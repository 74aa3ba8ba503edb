import type { PrometheusDataSource } from '../config';

export type { PrometheusDataSource } from '../config';

/** Prometheus refused the query itself (bad syntax, bad data): the caller's fault. @internal */
export class PrometheusRejectedQuery extends Error {}

/** A sample of an instant or range query. @internal */
export interface PromSample {
  t: number;
  value: number;
}

/**
 * The two Prometheus HTTP API calls SRE Health needs. Every call is bounded by the data
 * source's timeout; failures carry a message fit for "source unavailable: <reason>".
 * @internal
 */
export class PrometheusClient {
  constructor(private readonly source: PrometheusDataSource) {}

  /** Sum of the instant vector at `time` (0 when empty). */
  async instant(query: string, time: Date): Promise<number> {
    const data = await this.call('query', {
      query,
      time: String(time.getTime() / 1000),
    });
    const result = data.result as Array<{ value: [number, string] }>;
    return result.reduce((sum, r) => sum + parseValue(r.value[1]), 0);
  }

  /** Samples of a range query summed across series, oldest first. */
  async range(
    query: string,
    from: Date,
    to: Date,
    stepSeconds: number,
  ): Promise<PromSample[]> {
    const data = await this.call('query_range', {
      query,
      start: String(from.getTime() / 1000),
      end: String(to.getTime() / 1000),
      step: String(stepSeconds),
    });
    const byTime = new Map<number, number>();
    for (const series of data.result as Array<{
      values: Array<[number, string]>;
    }>) {
      for (const [t, v] of series.values) {
        byTime.set(t, (byTime.get(t) ?? 0) + parseValue(v));
      }
    }
    return [...byTime.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([t, value]) => ({ t: t * 1000, value }));
  }

  private async call(
    endpoint: string,
    params: Record<string, string>,
  ): Promise<{ result: unknown }> {
    const { name, url, headers, timeoutMs } = this.source;
    let response: Response;
    try {
      response = await fetch(`${url}/api/v1/${endpoint}`, {
        method: 'POST',
        headers: {
          ...headers,
          'Content-Type': 'application/x-www-form-urlencoded',
        },
        body: new URLSearchParams(params),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const e = error as Error & {
        cause?: { code?: string; message?: string };
      };
      if (e.name === 'TimeoutError') {
        throw new Error(
          `Prometheus "${name}" did not answer within ${timeoutMs} ms`,
        );
      }
      throw new Error(
        `Prometheus "${name}" is unreachable: ${
          e.cause?.code ?? e.cause?.message ?? e.message
        }`,
      );
    }
    const body = (await response.json().catch(() => undefined)) as
      | {
          status?: string;
          data?: { result: unknown };
          errorType?: string;
          error?: string;
        }
      | undefined;
    if (!response.ok || body?.status !== 'success' || !body.data) {
      const why = body?.error
        ? `${body.errorType}: ${body.error}`
        : `HTTP ${response.status}`;
      const message = `Prometheus "${name}" rejected the query: ${why}`;
      throw body?.errorType === 'bad_data'
        ? new PrometheusRejectedQuery(message)
        : new Error(message);
    }
    return body.data;
  }
}

function parseValue(v: string): number {
  const n = Number(v);
  return Number.isFinite(n) ? n : 0;
}
