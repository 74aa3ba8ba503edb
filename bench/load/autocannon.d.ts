// The parts of autocannon 8's programmatic API the load benchmark uses (it ships no types).
declare module 'autocannon' {
  // eslint-disable-next-line @typescript-eslint/no-namespace
  namespace autocannon {
    interface Request {
      method?: string;
      path?: string;
      headers?: Record<string, string>;
      body?: string;
      setupRequest?: (req: Request, context: Record<string, any>) => Request;
      onResponse?: (
        status: number,
        body: string,
        context: Record<string, any>,
      ) => void;
    }
    interface Options {
      url: string;
      connections?: number;
      duration?: number;
      amount?: number;
      timeout?: number;
      headers?: Record<string, string>;
      method?: string;
      requests?: Request[];
    }
    interface Histogram {
      average: number;
      mean: number;
      p50: number;
      p90: number;
      p99: number;
      max: number;
      total: number;
    }
    interface Result {
      requests: Histogram & { sent: number };
      latency: Histogram;
      duration: number;
      errors: number;
      timeouts: number;
      non2xx: number;
      '2xx': number;
      '4xx': number;
      '5xx': number;
      statusCodeStats: Record<string, { count: number }>;
    }
  }
  function autocannon(
    options: autocannon.Options,
  ): Promise<autocannon.Result> & {
    stop(): void;
    /** Every response, with its latency in milliseconds. */
    on(
      event: 'response',
      listener: (
        client: unknown,
        statusCode: number,
        bytes: number,
        responseTime: number,
      ) => void,
    ): void;
  };
  export = autocannon;
}
