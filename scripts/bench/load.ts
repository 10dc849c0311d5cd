/**
 * A server under load: `connections` clients at once on loopback (autocannon, as a library), each
 * request the next address of a rotation; latency percentiles over every response, the server's
 * CPU time (user + system, from /proc) beside the wall time, and its memory at the peak.
 */
import autocannon from 'autocannon';
import { processTree, processUsage } from './measure';
import { percentile } from './report';

/** The server's memory: the Node processes under this one (the benchmark starts only the server meanwhile; tsx's esbuild is not counted). */
export function serverRss(): number {
  return processTree(process.pid).filter((sample) => sample.pid !== process.pid && sample.program === 'node').reduce((sum, sample) => sum + sample.rssBytes, 0);
}

export const megabytes = (bytes: number) => `${Math.round(bytes / 1e6).toLocaleString('en-GB')} MB`;
export const milliseconds = (ms: number) => `${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;

export interface LoadRun {
  p50: number;
  p95: number;
  p99: number;
  requestsPerSecond: number;
  responses: number;
  failures: number;
  peakRss: number;
  /** Seconds the run lasted, and the server's CPU seconds (user + system) in them. */
  wallSeconds: number;
  serverCpuSeconds?: number;
}

/** One run of `connections` clients for `seconds`, each request the next address of `paths` in turn; `pid` is the server's, for its CPU time. */
export async function load(origin: string, paths: string[], options: { connections: number; seconds: number; pid?: number }): Promise<LoadRun> {
  const times: number[] = [];
  let next = 0;
  let peakRss = serverRss();
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, serverRss())), 100);
  const cpuBefore = options.pid === undefined ? undefined : processUsage(options.pid).ownCpu;
  const started = performance.now();
  try {
    const result = await new Promise<autocannon.Result>((resolve, reject) => {
      const instance = autocannon({
        url: origin,
        connections: options.connections,
        duration: options.seconds,
        // As a browser asks: the server then compresses each answer (brotli), part of what a request costs.
        headers: { 'accept-encoding': 'gzip, deflate, br' },
        requests: [{ method: 'GET', setupRequest: (request) => ({ ...request, path: paths[next++ % paths.length] }) }],
      }, (error, result) => (error ? reject(error) : resolve(result)));
      instance.on('response', (_client, _status, _bytes, responseTime) => times.push(responseTime));
    });
    return {
      p50: percentile(times, 0.5),
      p95: percentile(times, 0.95),
      p99: percentile(times, 0.99),
      requestsPerSecond: result.requests.average,
      responses: times.length,
      failures: result.non2xx + result.errors + result.timeouts,
      peakRss,
      wallSeconds: (performance.now() - started) / 1000,
      serverCpuSeconds: cpuBefore === undefined ? undefined : processUsage(options.pid!).ownCpu - cpuBefore,
    };
  } finally {
    clearInterval(sampler);
  }
}
