/**
 * Path fuzzing, for the malformed-request part of the forms benchmark (forms.ts counts these with
 * its posts): every route pattern the build has, read from its server manifest, asked for with
 * unknown and malformed segments in place of each parameter and after the last segment: encoded
 * slashes and dots, bad percent-encoding, very long segments, injections, and fuzzed query strings.
 * Each request is sent with its path exactly as written (no URL normalising) on a connection of its
 * own. Nothing here may get a 5xx; a missing page is a 404.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

export interface PathProbe {
  /** What was fuzzed, for the report: "unknown segment", "bad percent-encoding"… */
  kind: string;
  /** The route pattern it came from, e.g. /funds/[id]/apply/[section]. */
  route: string;
  /** The path as sent, byte for byte. */
  path: string;
  method: 'GET' | 'HEAD';
}

export interface PathReply {
  status: number;
  error?: string;
}

/** Segments that stand for nothing, or break the rules of a path, each with what it tries. */
const fuzzSegments: { kind: string; values: string[] }[] = [
  { kind: 'unknown segment', values: ['does-not-exist', 'DOES-NOT-EXIST', '0', '-1', 'index.html'] },
  { kind: 'bad percent-encoding', values: ['%', '%ZZ', '%E0%A4%A', '%C0%AF', '%FF%FE', '%00', '%u0041', 'a%'] },
  { kind: 'encoded slash or dots', values: ['a%2Fb', '%2F', '%2F%2F', '%5C..%5C', '..%2F..%2Fetc%2Fpasswd', '%2e%2e', '.%2e', '..', '.'] },
  { kind: 'very long segment', values: ['a'.repeat(300), 'b'.repeat(8000)] },
  { kind: 'injection', values: ['%3Cscript%3Ealert(1)%3C%2Fscript%3E', "'%20OR%201=1--", '%0D%0ASet-Cookie:%20x=1', '__proto__', 'constructor', '%E2%80%AE'] },
];
const everySegment = fuzzSegments.flatMap(({ kind, values }) => values.map((value) => ({ kind, value })));

/** The build's route patterns (prerendered and on demand), as its server manifest lists them. */
export function routePatterns(outDir: string): string[] {
  const serverDir = path.join(outDir, 'server');
  const manifest = fs.readdirSync(serverDir).find((file) => /^manifest_.*\.mjs$/.test(file));
  if (!manifest) throw new Error(`No server manifest in ${serverDir}: is it a build?`);
  const text = fs.readFileSync(path.join(serverDir, manifest), 'utf8');
  // Astro's own image and island endpoints are not the hub's routes.
  return [...new Set([...text.matchAll(/"route":"([^"]+)"/g)].map((match) => match[1]!))].filter((route) => !route.startsWith('/_')).sort();
}

/** A real value for a parameter where the build has one (a fund, a group…), so the segments after it are reached. */
function realValue(outDir: string, before: string, parameter: string): string {
  if (parameter === '[section]') return 'your-group';
  const folder = path.join(outDir, 'client', before);
  const entries = fs.existsSync(folder) ? fs.readdirSync(folder, { withFileTypes: true }).filter((entry) => entry.isDirectory() && fs.existsSync(path.join(folder, entry.name, 'index.html'))) : [];
  return entries.map((entry) => entry.name).sort()[0] ?? 'x';
}

/** mulberry32, as forms.ts uses: the same seed, the same paths. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return (below: number) => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * below);
  };
}

/**
 * `count` probes over every route pattern in turn (so each is asked for), each a seeded pick of:
 * a parameter replaced by a fuzz segment, a fuzz segment after the route, or a fuzzed query string.
 */
export function pathProbes(outDir: string, count: number, seed: number): PathProbe[] {
  const random = seeded(seed);
  const routes = routePatterns(outDir);
  const candidates = routes.map((route) => {
    const segments = route.split('/').slice(1);
    const real = segments.map((segment, index) => (segment.startsWith('[') ? realValue(outDir, segments.slice(0, index).join('/'), segment) : segment));
    const join = (parts: string[]) => `/${parts.join('/')}${route === '/' ? '' : '/'}`.replace(/^\/\/$/, '/');
    const made: Omit<PathProbe, 'method'>[] = [];
    for (const { kind, value } of everySegment) {
      segments.forEach((segment, index) => {
        if (segment.startsWith('[')) made.push({ kind, route, path: join(real.map((part, at) => (at === index ? value : part))) });
      });
      made.push({ kind, route, path: `${join(real)}${value}` });
      made.push({ kind: `${kind} in the query`, route, path: `${join(real)}?q=${value}&page=${value}&${value}=1` });
    }
    return made;
  });
  const probes: PathProbe[] = [];
  for (let index = 0; probes.length < count; index = (index + 1) % candidates.length) {
    const options = candidates[index]!;
    probes.push({ ...options[random(options.length)]!, method: random(10) === 0 ? 'HEAD' : 'GET' });
  }
  return probes;
}

/** One probe on a connection of its own, its path sent exactly as written. */
export function sendPath(origin: string, probe: PathProbe): Promise<PathReply> {
  return new Promise((resolve) => {
    const { hostname, port } = new URL(origin);
    const request = http.request({ host: hostname, port, path: probe.path, method: probe.method, agent: false, timeout: 60_000 }, (response) => {
      response.resume();
      response.on('end', () => resolve({ status: response.statusCode ?? 0 }));
      response.on('error', (error) => resolve({ status: response.statusCode ?? 0, error: error.message }));
    });
    request.on('error', (error) => resolve({ status: 0, error: error.message }));
    request.on('timeout', () => request.destroy(new Error('no reply within 60 s')));
    request.end();
  });
}
