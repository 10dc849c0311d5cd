/**
 * The public forms under load and abuse, against the production server serving the demo build, on
 * PGlite (a fresh DATA_DIR) and on PostgreSQL (a fresh database on the local server, created and
 * dropped here; skipped with a note when none is reachable):
 *
 * 1. 200 applicants, each with its own cookie, fill a Small Sparks draft over HTTP, then all send it at once.
 * 2. A steady load of sends, the server killed with SIGKILL part-way, restarted on the same database:
 *    every application whose reply showed a reference must be stored.
 * 3. 1,000 malformed posts from a seeded generator over every public form endpoint: no 5xx, nothing stored.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type DatabaseLocation } from '../../src/store/database';
import { launchChromium } from './browser';
import { processTree } from './measure';
import { pathProbes, sendPath } from './paths';
import { type BenchOptions, type BenchPart, type Row, type Section, benchCommand, median, percentile, spread } from './report';
import { type RunningServer, serveBuild } from './server';
import { ensureDemoBuild } from './sites';

const fund = 'small-sparks';
const applyBase = `/funds/${fund}/apply/`;
/** Small Sparks' sections, in order (a one-stage fund). */
const sectionIds = ['your-group', 'contact', 'project', 'where-and-who', 'community', 'budget', 'timeline', 'documents', 'declarations'];
const concurrentApplicants = 200;
const killApplicants = 150;
const killWorkers = 10;
/** The kill comes once this many sends have been acknowledged, so about as many again are in flight or waiting. */
const killAfterAcknowledged = 50;
/** Counts rather than timings, so one run per database keeps the part to minutes; raise it to repeat the kill. */
const killRuns = 1;
const fuzzRequests = 1000;
const fuzzSeed = 20261124;
const fuzzWorkers = 8;
/** GET and HEAD requests for every route pattern with unknown and malformed segments (paths.ts), counted with the posts. */
const pathFuzzRequests = 1000;
/** Complete drafts the fuzzer's posts to the check page may carry, so a refused send has something to send. */
const fuzzPreparedDrafts = 12;
const referencePattern = /data-reference>([^<]+)</;
// The file type check reads content, not names: this is a PDF whatever it is called.
const pdf = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

// ---------------------------------------------------------------- databases

interface FreshDatabase {
  /** What the server's environment needs to use it. */
  env: Record<string, string | undefined>;
  location: DatabaseLocation;
  drop(): Promise<void>;
}

export interface Engine {
  name: 'PGlite' | 'PostgreSQL';
  /** Why the engine cannot be measured here, or undefined when it can. */
  unavailable(): Promise<string | undefined>;
  fresh(label: string): Promise<FreshDatabase>;
}

export const pglite: Engine = {
  name: 'PGlite',
  unavailable: async () => undefined,
  async fresh(label) {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), `hub-bench-forms-${label}-`));
    return {
      env: { DATA_DIR: dataDir, DATABASE_URL: undefined },
      location: { dataDir },
      drop: async () => fs.rmSync(dataDir, { recursive: true, force: true }),
    };
  },
};

/** The port of the newest online Debian cluster (`pg_lsclusters`), as `.ci/run` starts it. */
function localClusterPort(): number | undefined {
  try {
    const online = execFileSync('pg_lsclusters', ['-h'], { encoding: 'utf8' })
      .split('\n').map((line) => line.trim().split(/\s+/)).filter((fields) => fields[3] === 'online');
    return online.length ? Number(online.at(-1)![2]) : undefined;
  } catch {
    return undefined;
  }
}

/** Runs SQL as the cluster's superuser: through BENCH_POSTGRES_URL if set, else as the postgres user of the local cluster (needs root). */
async function adminSql(sql: string): Promise<void> {
  const adminUrl = process.env.BENCH_POSTGRES_URL;
  if (adminUrl) {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
    return;
  }
  execFileSync('runuser', ['-u', 'postgres', '--', 'psql', '-q', '-v', 'ON_ERROR_STOP=1', '-p', String(localClusterPort()), '-c', sql], {
    env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

const benchRole = 'hub_bench';

export const postgres: Engine = {
  name: 'PostgreSQL',
  async unavailable() {
    if (process.env.BENCH_POSTGRES_URL) {
      try {
        await adminSql('SELECT 1');
        return undefined;
      } catch (error) {
        return `BENCH_POSTGRES_URL is set but does not answer (${error instanceof Error ? error.message : String(error)})`;
      }
    }
    if (process.getuid?.() !== 0) return 'no BENCH_POSTGRES_URL, and not root, so the local cluster cannot be used to create a database';
    if (localClusterPort() === undefined) return 'no PostgreSQL server is reachable: `pg_lsclusters` shows no online cluster and BENCH_POSTGRES_URL is not set (start one as `.ci/run` does)';
    return undefined;
  },
  async fresh(label) {
    const database = `hub_bench_forms_${label.replaceAll('-', '_')}_${process.pid}`;
    let databaseUrl: string;
    if (process.env.BENCH_POSTGRES_URL) {
      await adminSql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await adminSql(`CREATE DATABASE ${database}`);
      const url = new URL(process.env.BENCH_POSTGRES_URL);
      url.pathname = `/${database}`;
      databaseUrl = url.toString();
    } else {
      // A role of the benchmark's own, as `.ci/run` makes one for the tests.
      await adminSql(`DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '${benchRole}') THEN CREATE ROLE ${benchRole} LOGIN PASSWORD '${benchRole}'; END IF; END $$`);
      await adminSql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await adminSql(`CREATE DATABASE ${database} OWNER ${benchRole}`);
      databaseUrl = `postgres://${benchRole}:${benchRole}@127.0.0.1:${localClusterPort()}/${database}`;
    }
    return {
      env: { DATABASE_URL: databaseUrl, DATA_DIR: undefined },
      location: { databaseUrl },
      drop: () => adminSql(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`),
    };
  },
};

/** Row counts of the tables forms write, read once the server has stopped (PGlite serves one process at a time). */
async function countRows(location: DatabaseLocation): Promise<{ submissions: number; drafts: number; attachments: number; outbox: number; references: Set<string> }> {
  const db = await openDatabase(location);
  try {
    const count = async (table: string) => (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]!.n;
    const references = new Set((await db.query<{ reference: string }>('SELECT reference FROM submissions')).map((row) => row.reference));
    return { submissions: await count('submissions'), drafts: await count('drafts'), attachments: await count('attachments'), outbox: await count('outbox'), references };
  } finally {
    await db.close();
  }
}

// ---------------------------------------------------------------- the server

export interface Server extends RunningServer {
  pid: number;
}

/** The production server (scripts/bench/server.ts) on `outDir` with the database and limits in `env`. */
export async function startServer(outDir: string, env: Record<string, string | undefined>): Promise<Server> {
  const serverEnv: Record<string, string | undefined> = {
    // The rate limit would refuse most of a load that comes from one address.
    POSTS_PER_MINUTE: '100000',
    // Emails wait in the outbox rather than going anywhere.
    SMTP_URL: undefined,
    // Last, so a part measuring the limit itself (sign-in.ts) can set it.
    ...env,
  };
  const saved = Object.fromEntries(Object.keys(serverEnv).map((key) => [key, process.env[key]]));
  const before = new Set(processTree(process.pid).map((sample) => sample.pid));
  const setEnv = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  // serveBuild passes this process's environment on to the server it starts.
  setEnv(serverEnv);
  let server: RunningServer;
  try {
    server = await serveBuild(outDir);
  } finally {
    setEnv(saved);
  }
  const started = processTree(process.pid).filter((sample) => !before.has(sample.pid) && sample.parent === process.pid);
  if (started.length !== 1) {
    await server.stop();
    throw new Error(`Expected to find the one server process just started, found ${started.length}`);
  }
  return { ...server, pid: started[0]!.pid };
}

// ---------------------------------------------------------------- HTTP

interface Reply {
  status: number;
  text: string;
  ms: number;
  location?: string;
  /** Why no reply came (connection refused or dropped), when none did. */
  error?: string;
}

/** One applicant's browser, as far as the forms care: the draft's cookie. */
class Applicant {
  cookie?: string;
  constructor(readonly number: number) {}
}

interface Send {
  method?: string;
  headers?: Record<string, string>;
  body?: Uint8Array | FormData | URLSearchParams | ReadableStream<Uint8Array>;
}

async function send(origin: string, target: string, init: Send = {}, applicant?: Applicant): Promise<Reply> {
  const headers: Record<string, string> = { ...init.headers };
  if (applicant?.cookie && !headers.cookie) headers.cookie = `application=${applicant.cookie}`;
  const started = performance.now();
  try {
    const response = await fetch(`${origin}${target}`, {
      method: init.method ?? 'POST',
      headers,
      body: init.body,
      redirect: 'manual',
      signal: AbortSignal.timeout(120_000),
      ...(init.body instanceof ReadableStream ? { duplex: 'half' } : {}),
    } as RequestInit);
    const text = await response.text();
    for (const cookie of response.headers.getSetCookie()) {
      const match = /^application=([^;]*)/.exec(cookie);
      if (match && applicant) applicant.cookie = match[1] || undefined;
    }
    return { status: response.status, text, ms: performance.now() - started, location: response.headers.get('location') ?? undefined };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : '';
    return { status: 0, text: '', ms: performance.now() - started, error: `${error instanceof Error ? error.message : String(error)}${cause}` };
  }
}

/**
 * One request on a connection of its own (no keep-alive), with exactly the bytes and headers given:
 * a dropped connection is then this request's own, not one left behind by the request before it.
 */
function sendOnce(origin: string, target: string, method: string, headers: Record<string, string>, body?: Uint8Array, chunked = false): Promise<Reply> {
  return new Promise((resolve) => {
    const started = performance.now();
    const url = new URL(target, origin);
    let answered = false;
    const request = http.request({ host: url.hostname, port: url.port, path: url.pathname, method, headers, agent: false, timeout: 120_000 }, (response) => {
      answered = true;
      const chunks: Buffer[] = [];
      const finish = (error?: Error) => resolve({
        status: response.statusCode ?? 0,
        text: Buffer.concat(chunks).toString('utf8'),
        ms: performance.now() - started,
        location: response.headers.location,
        ...(error ? { error: `the reply broke off: ${error.message}` } : {}),
      });
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => finish());
      response.on('error', finish);
    });
    // A server may answer (413, 403) before reading a body, and close while it is still being written: the reply counts.
    request.on('error', (error) => {
      if (!answered) resolve({ status: 0, text: '', ms: performance.now() - started, error: error.message });
    });
    request.on('timeout', () => request.destroy(new Error('no reply within 120 s')));
    if (!body) return request.end();
    if (!chunked) return request.end(body);
    for (let offset = 0; offset < body.length; offset += 64 * 1024) request.write(body.subarray(offset, offset + 64 * 1024));
    request.end();
  });
}

/** Runs `work` over `items` with at most `concurrency` at a time. */
async function pool<T, R>(items: T[], concurrency: number, work: (item: T, index: number) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await work(items[index]!, index);
    }
  }));
  return results;
}

const sameSite = (origin: string) => ({ origin });

/**
 * The name each answer is posted under, read from the section pages' own forms: a list field may be
 * named `item` or `item[]`, and the benchmark should follow the forms rather than break when they change.
 */
async function postedNames(origin: string): Promise<(section: string, name: string) => string> {
  const names = new Map<string, Set<string>>();
  for (const id of sectionIds) {
    const page = await send(origin, `${applyBase}${id}/`, { method: 'GET' });
    names.set(id, new Set(postForm(page.text)?.fields.map((field) => field.name) ?? []));
  }
  return (section, name) => {
    const offered = names.get(section);
    if (offered?.has(name)) return name;
    if (offered?.has(`${name}[]`)) return `${name}[]`;
    throw new Error(`The ${section} page has no field ${name}: the benchmark's answers need updating to the form`);
  };
}

/** Every section of a Small Sparks application, answered as `completeDraft` in tests/e2e/apply.spec.ts does, over HTTP. */
async function fillDraft(origin: string, applicant: Applicant, nameFor: (section: string, name: string) => string): Promise<void> {
  const n = applicant.number;
  const year = String(new Date().getUTCFullYear() + 1);
  const sections: [string, Record<string, string>][] = [
    ['your-group', { groupName: `Bench Picnic Club ${n}`, organisationType: 'community-group', bankAccount: 'yes' }],
    ['contact', { contactName: `Alex Example ${n}`, contactEmail: `applicant-${n}@example.org`, contactPhone: '01632 960 124' }],
    ['project', { projectTitle: `Picnic kit ${n}`, projectType: 'equipment', projectSummary: 'Tables and a gazebo for summer picnics.', need: 'No shade in the park.', amount: '200' }],
    ['where-and-who', { areas: 'march', peopleReached: '25' }],
    ['community', { involvement: 'Neighbours plan each picnic together.' }],
    ['budget', { item: 'Gazebo', cost: '200' }],
    ['timeline', { 'start-day': '1', 'start-month': '6', 'start-year': year, 'end-day': '1', 'end-month': '9', 'end-year': year, milestones: 'June: first picnic.' }],
  ];
  const expectRedirect = (section: string, reply: Reply) => {
    if (reply.status !== 303) throw new Error(`Filling a draft: ${section} answered ${reply.status || reply.error} rather than 303`);
  };
  for (const [section, answers] of sections) {
    const body = new URLSearchParams(Object.entries(answers).map(([name, value]) => [nameFor(section, name), value]));
    expectRedirect(section, await send(origin, `${applyBase}${section}/`, { headers: sameSite(origin), body }, applicant));
  }
  const upload = new FormData();
  upload.set('action', 'continue');
  upload.set(nameFor('documents', 'documentFor'), 'other');
  upload.set(nameFor('documents', 'document'), new Blob([pdf], { type: 'application/pdf' }), 'constitution.pdf');
  expectRedirect('documents', await send(origin, `${applyBase}documents/`, { headers: sameSite(origin), body: upload }, applicant));
  const declarations = new URLSearchParams([...['true', 'authorised', 'data'].map((value) => [nameFor('declarations', 'declarations'), value]), [nameFor('declarations', 'declarantName'), `Alex Example ${n}`]]);
  const declared = await send(origin, `${applyBase}declarations/`, { headers: sameSite(origin), body: declarations }, applicant);
  if (declared.location !== `${applyBase}check/`) throw new Error(`Filling a draft: declarations led to ${declared.location ?? declared.status} rather than the check page`);
}

async function prepareApplicants(origin: string, count: number, firstNumber = 1): Promise<Applicant[]> {
  const applicants = Array.from({ length: count }, (_, index) => new Applicant(firstNumber + index));
  const nameFor = await postedNames(origin);
  await pool(applicants, 20, (applicant) => fillDraft(origin, applicant, nameFor));
  return applicants;
}

const sendApplication = (origin: string, applicant: Applicant) => send(origin, `${applyBase}check/`, { headers: sameSite(origin), body: new URLSearchParams() }, applicant);
const referenceIn = (reply: Reply) => (reply.status === 200 ? referencePattern.exec(reply.text)?.[1] : undefined);


const milliseconds = (ms: number) => `${ms < 10 ? ms.toFixed(1) : Math.round(ms).toLocaleString('en-GB')} ms`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// ---------------------------------------------------------------- 1. 200 at once

interface ConcurrentRun {
  stored: number;
  distinct: number;
  errors: number;
  errorKinds: string[];
  p50: number;
  p95: number;
  p99: number;
  /** From the first send to the last reply. */
  wallMs: number;
  prepareMs: number;
}

async function concurrentApplications(outDir: string, engine: Engine, run: number): Promise<ConcurrentRun> {
  const database = await engine.fresh(`concurrent-${run}`);
  try {
    const server = await startServer(outDir, database.env);
    let replies: Reply[];
    let wallMs: number;
    let prepareMs: number;
    try {
      const preparing = performance.now();
      const applicants = await prepareApplicants(server.origin, concurrentApplicants);
      prepareMs = performance.now() - preparing;
      const sending = performance.now();
      replies = await Promise.all(applicants.map((applicant) => sendApplication(server.origin, applicant)));
      wallMs = performance.now() - sending;
    } finally {
      await server.stop();
    }
    const { submissions } = await countRows(database.location);
    const references = replies.map(referenceIn).filter((reference) => reference !== undefined);
    const failed = replies.filter((reply) => reply.status !== 200);
    const times = replies.map((reply) => reply.ms);
    return {
      stored: submissions,
      distinct: new Set(references).size,
      errors: failed.length,
      errorKinds: [...new Set(failed.map((reply) => reply.error ?? String(reply.status)))],
      p50: percentile(times, 0.5),
      p95: percentile(times, 0.95),
      p99: percentile(times, 0.99),
      wallMs,
      prepareMs,
    };
  } finally {
    await database.drop();
  }
}

// ---------------------------------------------------------------- 2. SIGKILL

interface KillRun {
  /** Sends started before the kill. */
  sent: number;
  acknowledged: number;
  /** Sends whose connection was cut by the kill, or refused after it. */
  cut: number;
  storedAfterRestart: number;
  acknowledgedButMissing: number;
  /** Stored, though the applicant never saw the reference (committed, then killed before the reply left). */
  storedNotAcknowledged: number;
  healthAfterRestart: number;
  /** After the restart, the applicants without a reference send again. */
  resent: number;
  resentShownReference: number;
  resentAlreadySent: number;
  finalStored: number;
  finalApplicants: number;
}

async function killDuringLoad(outDir: string, engine: Engine, run: number): Promise<KillRun> {
  const database = await engine.fresh(`kill-${run}`);
  try {
    let server = await startServer(outDir, database.env);
    const applicants = await prepareApplicants(server.origin, killApplicants);
    const replies = new Map<Applicant, Reply>();
    let acknowledged = 0;
    let killed = false;
    let next = 0;
    // A steady load: each worker sends one application after another until the server is gone.
    await Promise.all(Array.from({ length: killWorkers }, async () => {
      while (!killed && next < applicants.length) {
        const applicant = applicants[next++]!;
        const reply = await sendApplication(server.origin, applicant);
        replies.set(applicant, reply);
        if (referenceIn(reply) && ++acknowledged >= killAfterAcknowledged && !killed) {
          killed = true;
          process.kill(server.pid, 'SIGKILL');
        }
      }
    }));
    await server.stop();
    if (!killed) throw new Error(`The load ended before ${killAfterAcknowledged} sends were acknowledged, so the server was never killed`);
    const acknowledgedReferences = [...replies.values()].map(referenceIn).filter((reference) => reference !== undefined);

    // Restart on the same database, see it answer, stop it cleanly, and count what survived.
    server = await startServer(outDir, database.env);
    const health = await send(server.origin, '/healthz', { method: 'GET' });
    await server.stop();
    const afterRestart = await countRows(database.location);

    // The applicants who saw no reference try again, as a person would.
    server = await startServer(outDir, database.env);
    const unacknowledged = applicants.filter((applicant) => !referenceIn(replies.get(applicant) ?? { status: 0, text: '', ms: 0 }));
    const resends = await pool(unacknowledged, killWorkers, (applicant) => sendApplication(server.origin, applicant));
    await server.stop();
    const final = await countRows(database.location);
    return {
      sent: replies.size,
      acknowledged: acknowledgedReferences.length,
      cut: [...replies.values()].filter((reply) => reply.status === 0).length,
      storedAfterRestart: afterRestart.submissions,
      acknowledgedButMissing: acknowledgedReferences.filter((reference) => !afterRestart.references.has(reference)).length,
      storedNotAcknowledged: [...afterRestart.references].filter((reference) => !acknowledgedReferences.includes(reference)).length,
      healthAfterRestart: health.status,
      resent: resends.length,
      resentShownReference: resends.filter((reply) => referenceIn(reply)).length,
      resentAlreadySent: resends.filter((reply) => referenceIn(reply) && afterRestart.references.has(referenceIn(reply)!)).length,
      finalStored: final.submissions,
      finalApplicants: applicants.length,
    };
  } finally {
    await database.drop();
  }
}

// ---------------------------------------------------------------- 3. malformed posts

/** mulberry32: a small seeded generator, so the same seed sends the same 1,000 requests. */
function seededRandom(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (below: number) => Math.floor(next() * below);
  return { next, int, pick: <T>(items: readonly T[]): T => items[int(items.length)]!, chance: (share: number) => next() < share };
}
type Random = ReturnType<typeof seededRandom>;

interface Field {
  name: string;
  /** input type, or select, textarea, button. */
  kind: string;
  /** The values offered (radios, checkboxes, options, buttons), or the value of a hidden field. */
  values: string[];
}

interface Target {
  path: string;
  kind: 'form' | 'section' | 'check';
  fields: Field[];
  multipart: boolean;
  /** The idempotency key a generic form carries in a hidden field. */
  attempt?: string;
}

const decodeEntities = (text: string) => text.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

function attributes(tag: string): Record<string, string> {
  const found: Record<string, string> = {};
  for (const match of tag.matchAll(/([:\w-]+)(?:\s*=\s*"([^"]*)")?/g)) found[match[1]!.toLowerCase()] = decodeEntities(match[2] ?? '');
  return found;
}

/** The fields of the page's post form, read from its HTML (our own markup, so a few patterns do). */
function postForm(html: string): Omit<Target, 'path' | 'kind'> | undefined {
  const form = /<form\b([^>]*\bmethod="post"[^>]*)>([\s\S]*?)<\/form>/i.exec(html);
  if (!form) return undefined;
  const fields = new Map<string, Field>();
  const add = (name: string, kind: string, value?: string) => {
    const field = fields.get(name) ?? { name, kind, values: [] };
    if (value !== undefined && !field.values.includes(value)) field.values.push(value);
    fields.set(name, field);
  };
  for (const select of form[2]!.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/gi)) {
    const name = attributes(select[1]!).name;
    if (!name) continue;
    add(name, 'select');
    for (const option of select[2]!.matchAll(/<option\b([^>]*)>/gi)) add(name, 'select', attributes(option[1]!).value ?? '');
  }
  for (const tag of form[2]!.matchAll(/<(input|textarea|button)\b([^>]*)>/gi)) {
    const attrs = attributes(tag[2]!);
    if (!attrs.name) continue;
    const element = tag[1]!.toLowerCase();
    const kind = element === 'input' ? (attrs.type ?? 'text') : element;
    add(attrs.name, kind, ['radio', 'checkbox', 'hidden', 'button', 'submit'].includes(kind) ? attrs.value : undefined);
  }
  return { fields: [...fields.values()], multipart: /multipart\/form-data/i.test(form[1]!), attempt: fields.get('attempt')?.values[0] };
}

const otherForms = ['/ask-about-funding/', '/suggest-an-edit/', '/add-a-listing/', '/share-a-story/'];

/** Every public form endpoint in this build: the other forms only where the build has them. */
async function findTargets(origin: string): Promise<{ targets: Target[]; missing: string[] }> {
  const targets: Target[] = [];
  const missing: string[] = [];
  const candidates: [string, Target['kind']][] = [...otherForms.map((path) => [path, 'form'] as [string, Target['kind']]), ...sectionIds.map((id) => [`${applyBase}${id}/`, 'section'] as [string, Target['kind']])];
  for (const [target, kind] of candidates) {
    const page = await send(origin, target, { method: 'GET' });
    const form = page.status === 200 ? postForm(page.text) : undefined;
    if (form) targets.push({ path: target, kind, ...form });
    else missing.push(target);
  }
  // The check page shows its form only with a complete draft; its one field is the honeypot.
  targets.push({ path: `${applyBase}check/`, kind: 'check', fields: [{ name: 'website', kind: 'text', values: [] }], multipart: false });
  return { targets, missing };
}

const marker = 'FUZZMARK';
/** Values no form should trip over: wrong types, edge numbers and dates, injections, odd Unicode. */
const nastyValues = [
  '', ' ', '\t\n', '0', '-1', '-0', '1e309', 'NaN', 'Infinity', '0x1F', '1,000,000', '£-50', '99999999999999999999999', '3.14159', 'true', 'null', 'undefined', '[]', '{}', '{"$gt":""}',
  "'; DROP TABLE submissions; --", "' OR '1'='1", '1; SELECT pg_sleep(5)--', '$1', '\\', '%s%s%s%n', "Robert'); DELETE FROM drafts;--",
  `<script>${marker}()</script>`, `"><img src=x onerror=${marker}()>`, `javascript:${marker}()`, '{{7*7}}', '${7*7}', '<!--', ']]>', `</textarea><script>${marker}()</script>`,
  'a\u0000b', '\u0000', '\r\nSet-Cookie: fuzz=1', '../../../../etc/passwd', '..\\..\\..\\windows\\win.ini', '%00', '%2e%2e%2f',
  '\u202Egnp.exe', '👩‍👩‍👧‍👦'.repeat(50), '\uFEFF', 'Ω≈ç√∫˜µ', 'ﷺ', 'Z̤͔ͧ̑̓ä͖̭̈̇lͮ̒ͫǫ̗͛', '2025-02-30', '31/02/2025', '0000-00-00', '9999-12-31',
  'not-an-email', 'a@b', '@example.org', `${'x'.repeat(300)}@example.org`, '01632 960 000 000 000 000', '+44 (0)1632 960xxx',
];

function randomText(random: Random): string {
  const length = random.pick([1, 5, 40, 500, 5000]);
  let text = '';
  for (let index = 0; index < length; index++) {
    // Mostly printable, some control characters and some far planes; never a lone surrogate (fetch cannot send one).
    const kind = random.int(10);
    text += kind < 6 ? String.fromCharCode(32 + random.int(95)) : kind < 8 ? String.fromCharCode(random.int(32)) : String.fromCodePoint(0x80 + random.int(0xd000));
  }
  return text;
}

function fuzzValue(random: Random, field: Field): string {
  const roll = random.int(10);
  if (roll < 3 && field.values.length) return random.pick(field.values);
  if (roll < 7) return random.pick(nastyValues);
  if (roll < 9) return randomText(random);
  return 'A'.repeat(random.pick([1_000, 20_000, 90_000]));
}

type Part = { name: string; value: string | Uint8Array; fileName?: string; type?: string };

const encoder = new TextEncoder();
const bytes = (...chunks: (string | Uint8Array)[]) => {
  const arrays = chunks.map((chunk) => (typeof chunk === 'string' ? encoder.encode(chunk) : chunk));
  const out = new Uint8Array(arrays.reduce((sum, array) => sum + array.length, 0));
  let offset = 0;
  for (const array of arrays) {
    out.set(array, offset);
    offset += array.length;
  }
  return out;
};
const percentBytes = (value: Uint8Array) => [...value].map((byte) => `%${byte.toString(16).padStart(2, '0').toUpperCase()}`).join('');

function urlencoded(parts: Part[]): Uint8Array {
  return bytes(parts.map((part) => `${encodeURIComponent(part.name)}=${typeof part.value === 'string' ? encodeURIComponent(part.value) : percentBytes(part.value)}`).join('&'));
}

function multipart(parts: Part[], boundary: string): Uint8Array {
  const chunks: (string | Uint8Array)[] = [];
  for (const part of parts) {
    chunks.push(`--${boundary}\r\nContent-Disposition: form-data; name="${part.name}"${part.fileName !== undefined ? `; filename="${part.fileName}"` : ''}\r\n`);
    if (part.type) chunks.push(`Content-Type: ${part.type}\r\n`);
    chunks.push('\r\n', part.value, '\r\n');
  }
  chunks.push(`--${boundary}--\r\n`);
  return bytes(...chunks);
}

const invalidUtf8 = [Uint8Array.of(0xc3, 0x28), Uint8Array.of(0xff, 0xfe, 0xfd), Uint8Array.of(0xc0, 0xaf), Uint8Array.of(0xed, 0xa0, 0x80), Uint8Array.of(0xe2, 0x82), Uint8Array.of(0xf8, 0x88, 0x80, 0x80, 0x80)];
const traversalNames = ['../../../../etc/passwd', '..\\..\\..\\windows\\win.ini', 'a\u0000.pdf', '%2e%2e%2fsecret.pdf', 'con.pdf', `${'a'.repeat(10_000)}.pdf`, 'photo.jpg\r\nX-Injected: 1', '/dev/zero', '.htaccess', ''];

/** One malformed request, described before it is sent so the same seed always makes the same ones. */
interface FuzzRequest {
  kind: string;
  target: Target;
  method: string;
  headers: Record<string, string>;
  body?: Uint8Array;
  /** Send the body as a stream, without a length. */
  chunked?: boolean;
  /** Carry a complete draft's cookie (check page), a junk cookie, or none. */
  cookie?: { prepared: number } | { junk: string };
}

/** What makes a generic form's post refusable, whatever else is wrong with it, so nothing it sends should be stored. */
function spoilForm(random: Random, target: Target, parts: Part[]): string {
  const email = target.fields.find((field) => field.kind === 'email' || /email/i.test(field.name));
  const choice = target.fields.find((field) => ['select', 'radio', 'checkbox'].includes(field.kind));
  const ways = ['unknown field', 'bad attempt key', 'no attempt key', 'honeypot', 'all blank', ...(email ? ['bad email'] : []), ...(choice ? ['option not offered'] : [])];
  const way = random.pick(ways);
  const without = (name: string) => parts.splice(0, parts.length, ...parts.filter((part) => part.name !== name));
  switch (way) {
    case 'unknown field':
      parts.splice(random.int(parts.length + 1), 0, { name: random.pick(['constructor', 'fuzzUnknown', 'attempt2', 'answers[0]', 'toString', 'status', 'reference']), value: random.pick(nastyValues) });
      break;
    case 'bad attempt key':
      without('attempt');
      parts.push({ name: 'attempt', value: random.pick(['x', '../../etc', "' OR 1=1 --", 'A'.repeat(5000), '\u0000']) });
      break;
    case 'no attempt key':
      without('attempt');
      break;
    case 'honeypot':
      without('website');
      parts.push({ name: 'website', value: 'http://spam.example' });
      break;
    case 'all blank':
      for (const part of parts) if (part.name !== 'attempt' && typeof part.value === 'string') part.value = '';
      break;
    case 'bad email':
      without(email!.name);
      parts.push({ name: email!.name, value: random.pick(['not-an-email', 'a@', '@example.org', `<script>${marker}()</script>@example.org`]) });
      break;
    case 'option not offered':
      without(choice!.name);
      parts.push({ name: choice!.name, value: random.pick(['not-an-option', "'; DROP TABLE submissions; --", `<script>${marker}()</script>`, '__proto__']) });
      break;
  }
  return way;
}

/** The answers: each field with a fuzzed value, some left out, some sent twice or more. */
function fuzzParts(random: Random, target: Target): Part[] {
  const parts: Part[] = [];
  for (const field of target.fields) {
    if (field.name === 'website') continue; // the honeypot is filled only on purpose (spoilForm)
    if (field.name === 'attempt') {
      parts.push({ name: 'attempt', value: target.attempt ?? '' });
      continue;
    }
    if (random.chance(0.15)) continue;
    if (field.kind === 'file') {
      const content = random.pick([pdf, Uint8Array.of(), encoder.encode(`<script>${marker}()</script>`), bytes(pdf.subarray(0, 5), '<html>'), Uint8Array.of(0xff, 0xd8, 0xff, 0xe0), new Uint8Array(2048)]);
      parts.push({ name: field.name, value: content, fileName: random.pick([...traversalNames, 'constitution.pdf']), type: random.pick(['application/pdf', 'text/html', 'image/jpeg', '../x']) });
      continue;
    }
    const copies = random.chance(0.1) ? 2 + random.int(30) : 1;
    for (let copy = 0; copy < copies; copy++) parts.push({ name: field.name, value: fuzzValue(random, field) });
  }
  if (random.chance(0.2)) parts.push({ name: random.pick(invalidUtf8.map((value) => String.fromCharCode(...value))), value: random.pick(invalidUtf8) });
  return parts;
}

/** Ways to break the body itself, or its headers. */
const bodyBreakers = [
  'wrong content type', 'no content type', 'utf-16 charset', 'invalid UTF-8 raw', 'invalid percent escapes', 'boundary mismatch', 'no closing boundary',
  'part without disposition', 'part without name', 'no boundary parameter', 'truncated multipart', 'too large', 'too large, no length', 'many fields', 'gzip claimed',
] as const;

function makeFuzzRequest(random: Random, targets: Target[], origin: string): FuzzRequest {
  const target = random.pick(targets);
  const parts = fuzzParts(random, target);
  const kinds: string[] = [];
  // Who it claims to come from.
  const headers: Record<string, string> = {};
  const from = random.int(100);
  if (from < 70) headers.origin = origin;
  else if (from < 82) kinds.push('no Origin');
  else if (from < 90) {
    headers.origin = random.pick(['https://evil.example', 'http://127.0.0.1.evil.example', origin.replace('127.0.0.1', 'localhost.'), 'null']);
    kinds.push('cross-site Origin');
  } else {
    headers.origin = origin;
    headers['sec-fetch-site'] = random.pick(['cross-site', 'same-site']);
    kinds.push('cross-site Sec-Fetch-Site');
  }
  const refusedByHeaders = kinds.some((kind) => kind.startsWith('cross-site'));

  let cookie: FuzzRequest['cookie'];
  if (target.kind === 'check' || (target.kind === 'section' && random.chance(0.2))) {
    const junk = random.pick(['x', 'A'.repeat(4000), '../../etc/passwd', "'; DROP TABLE drafts; --", 'abcdefghijklmnopqrstuvwxyz0123456789', '%00%ff']);
    cookie = target.kind === 'check' && random.chance(0.6) ? { prepared: random.int(fuzzPreparedDrafts) } : { junk };
  }

  // A complete draft's send goes through on any well-formed post, so those carry a defect the check page must refuse.
  const mustRefuseBody = cookie !== undefined && 'prepared' in cookie && !refusedByHeaders;
  let breaker: (typeof bodyBreakers)[number] | 'honeypot' | undefined;
  if (mustRefuseBody) breaker = random.pick(['wrong content type', 'no content type', 'boundary mismatch', 'no closing boundary', 'no boundary parameter', 'truncated multipart', 'too large', 'too large, no length', 'honeypot'] as const);
  else if (random.chance(0.35)) breaker = random.pick(bodyBreakers);
  if (breaker) kinds.push(breaker);
  if (target.kind === 'form' && !refusedByHeaders) kinds.push(spoilForm(random, target, parts));
  if (breaker === 'honeypot') parts.push({ name: 'website', value: 'http://spam.example' });

  const boundary = `----fuzz${random.int(1e9)}`;
  const asMultipart = target.multipart ? !random.chance(0.2) : random.chance(0.2);
  let body = asMultipart ? multipart(parts, boundary) : urlencoded(parts);
  let type = asMultipart ? `multipart/form-data; boundary=${boundary}` : 'application/x-www-form-urlencoded';
  let chunked = false;
  switch (breaker) {
    case 'wrong content type':
      type = random.pick(['application/json', 'text/plain', 'text/xml', 'application/octet-stream', 'multipart/mixed; boundary=x', 'application/x-www-form-urlencoded-evil', 'image/png']);
      if (type === 'application/json') body = bytes(JSON.stringify(Object.fromEntries(parts.map((part) => [part.name, typeof part.value === 'string' ? part.value : '']))));
      break;
    case 'no content type':
      type = '';
      break;
    case 'utf-16 charset': {
      type = 'application/x-www-form-urlencoded; charset=utf-16';
      const text = new TextDecoder().decode(body);
      body = new Uint8Array(Buffer.from(text, 'utf16le'));
      break;
    }
    case 'invalid UTF-8 raw':
      body = bytes(body, '&', random.pick(invalidUtf8), '=', random.pick(invalidUtf8));
      break;
    case 'invalid percent escapes':
      body = bytes(body, random.pick(['&a=%', '&%ZZ=1', '&b=%E0%A4%A', '&c=%u0041', '&%=%', '&=&&==']));
      break;
    case 'boundary mismatch':
      body = multipart(parts, boundary);
      type = `multipart/form-data; boundary=${boundary}x`;
      break;
    case 'no closing boundary':
      body = multipart(parts, boundary).slice(0, -(boundary.length + 6));
      type = `multipart/form-data; boundary=${boundary}`;
      break;
    case 'part without disposition':
      body = bytes(`--${boundary}\r\nContent-Type: text/plain\r\n\r\nhello\r\n`, multipart(parts, boundary));
      type = `multipart/form-data; boundary=${boundary}`;
      break;
    case 'part without name':
      body = bytes(`--${boundary}\r\nContent-Disposition: form-data\r\n\r\nhello\r\n`, multipart(parts, boundary));
      type = `multipart/form-data; boundary=${boundary}`;
      break;
    case 'no boundary parameter':
      body = multipart(parts, boundary);
      type = random.pick(['multipart/form-data', 'multipart/form-data; boundary=', 'multipart/form-data; boundary="unclosed']);
      break;
    case 'truncated multipart': {
      const whole = multipart(parts, boundary);
      body = whole.slice(0, Math.max(1, Math.floor(whole.length * random.next() * 0.9)));
      type = `multipart/form-data; boundary=${boundary}`;
      break;
    }
    case 'too large':
    case 'too large, no length': {
      // Over the 100 KB form limit, and over 5 MB plus that where a form takes files.
      const size = (target.multipart || target.kind === 'section' ? 5.5 * 1024 * 1024 : 150 * 1024) + random.int(1024);
      const filler = { name: target.fields.find((field) => field.kind === 'textarea')?.name ?? 'filler', value: 'B'.repeat(size) };
      body = asMultipart ? multipart([...parts, filler], boundary) : urlencoded([...parts, filler]);
      chunked = breaker === 'too large, no length';
      break;
    }
    case 'many fields':
      body = bytes(body, '&', Array.from({ length: 5000 }, (_, index) => `f${index}=${index}`).join('&'));
      type = 'application/x-www-form-urlencoded';
      break;
    case 'gzip claimed':
      headers['content-encoding'] = 'gzip';
      break;
  }
  if (type) headers['content-type'] = type;
  // A few requests with other methods, which the form pages must answer without saving anything.
  const method = random.chance(0.02) ? random.pick(['PUT', 'PATCH', 'DELETE']) : 'POST';
  if (method !== 'POST') kinds.push(`${method} method`);
  if (!kinds.length) kinds.push('fuzzed fields');
  return { kind: kinds.join(' + '), target, method, headers, body, chunked, cookie };
}

/**
 * The replies in which injected markup became markup: Chromium parses each reply that repeats the
 * marker (scripts off, nothing fetched) and looks for a script, an event handler or a `javascript:`
 * address carrying it. A marker shown as text, or inside an attribute's quotes, is harmless and not counted.
 */
async function injectedMarkup(replies: Reply[]): Promise<Set<number>> {
  const candidates = replies.flatMap((reply, index) => (reply.text.includes(marker) ? [index] : []));
  const found = new Set<number>();
  if (!candidates.length) return found;
  const browser = await launchChromium();
  try {
    const page = await (await browser.newContext({ javaScriptEnabled: false })).newPage();
    await page.route('**/*', (route) => route.abort());
    for (const index of candidates) {
      await page.setContent(replies[index]!.text, { waitUntil: 'domcontentloaded' });
      const injected = await page.evaluate((mark) => [...document.querySelectorAll('*')].some((element) =>
        (element.tagName === 'SCRIPT' && (element.textContent ?? '').includes(mark))
        || [...element.attributes].some((attribute) => attribute.value.includes(mark)
          && (attribute.name.startsWith('on') || (['href', 'src', 'action', 'formaction'].includes(attribute.name) && /^\s*javascript:/i.test(attribute.value))))), marker);
      if (injected) found.add(index);
    }
  } finally {
    await browser.close();
  }
  return found;
}

interface FuzzRun {
  requests: number;
  targets: string[];
  missing: string[];
  byStatus: Map<number, number>;
  serverErrors: { kind: string; path: string; status: number }[];
  /** No reply at all (connection dropped), which a resident would see as a broken page; bodies over the limit apart. */
  noReply: { kind: string; path: string; error: string }[];
  /** Bodies over the size limit, and those whose connection closed while they were still being sent, before the 413 was read. */
  overLimit: number;
  overLimitCut: number;
  /** Replies in which an injected script or event handler became markup. */
  reflected: { kind: string; path: string }[];
  /** Of the requests, those for fuzzed paths (paths.ts), and the 5xx among them. */
  paths: number;
  pathServerErrors: number;
  /** Replies that repeat an injected value somewhere (as text, or in a field's value, as they should). */
  echoed: number;
  submissions: number;
  drafts: number;
  draftsPrepared: number;
  attachments: number;
  outbox: number;
  seconds: number;
  healthAfter: number;
}

async function malformedRequests(outDir: string, engine: Engine): Promise<FuzzRun> {
  const database = await engine.fresh('fuzz');
  try {
    const server = await startServer(outDir, database.env);
    let run: Omit<FuzzRun, 'submissions' | 'drafts' | 'attachments' | 'outbox'>;
    try {
      const { targets, missing } = await findTargets(server.origin);
      const prepared = await prepareApplicants(server.origin, fuzzPreparedDrafts);
      const random = seededRandom(fuzzSeed);
      const requests = Array.from({ length: fuzzRequests }, () => makeFuzzRequest(random, targets, server.origin));
      const started = performance.now();
      const replies = await pool(requests, fuzzWorkers, (request) => {
        const headers = { ...request.headers };
        if (request.cookie) headers.cookie = `application=${'prepared' in request.cookie ? prepared[request.cookie.prepared]!.cookie : request.cookie.junk}`;
        return sendOnce(server.origin, request.target.path, request.method, headers, request.method === 'DELETE' ? undefined : request.body, request.chunked);
      });
      // Then every route pattern with unknown and malformed path segments, counted with the posts.
      const probes = pathProbes(outDir, pathFuzzRequests, fuzzSeed);
      const pathReplies = await pool(probes, fuzzWorkers, (probe) => sendPath(server.origin, probe));
      const pathDescribed = (index: number) => ({ kind: `path, ${probes[index]!.kind}`, path: probes[index]!.path.slice(0, 120) });
      const elapsed = (performance.now() - started) / 1000;
      const byStatus = new Map<number, number>();
      for (const reply of [...replies, ...pathReplies]) byStatus.set(reply.status, (byStatus.get(reply.status) ?? 0) + 1);
      const overLimit = (index: number) => requests[index]!.kind.includes('too large');
      const described = (index: number) => ({ kind: requests[index]!.kind, path: requests[index]!.target.path });
      const health = await send(server.origin, '/healthz', { method: 'GET' });
      run = {
        requests: requests.length + probes.length,
        paths: probes.length,
        pathServerErrors: pathReplies.filter((reply) => reply.status >= 500).length,
        targets: targets.map((target) => target.path),
        missing,
        byStatus,
        serverErrors: [
          ...replies.flatMap((reply, index) => (reply.status >= 500 ? [{ ...described(index), status: reply.status }] : [])),
          ...pathReplies.flatMap((reply, index) => (reply.status >= 500 ? [{ ...pathDescribed(index), status: reply.status }] : [])),
        ],
        noReply: [
          ...replies.flatMap((reply, index) => (reply.status === 0 && !overLimit(index) ? [{ ...described(index), error: reply.error ?? '' }] : [])),
          ...pathReplies.flatMap((reply, index) => (reply.status === 0 ? [{ ...pathDescribed(index), error: reply.error ?? '' }] : [])),
        ],
        overLimit: requests.filter((_request, index) => overLimit(index)).length,
        overLimitCut: replies.filter((reply, index) => reply.status === 0 && overLimit(index)).length,
        reflected: [...(await injectedMarkup(replies))].map(described),
        echoed: replies.filter((reply) => reply.text.includes(marker)).length,
        draftsPrepared: prepared.length,
        seconds: elapsed,
        healthAfter: health.status,
      };
    } finally {
      await server.stop();
    }
    const rows = await countRows(database.location);
    return { ...run, submissions: rows.submissions, drafts: rows.drafts, attachments: rows.attachments, outbox: rows.outbox };
  } finally {
    await database.drop();
  }
}

// ---------------------------------------------------------------- the part

const count = (value: number) => value.toLocaleString('en-GB');
const runsOf = (values: number[]) => spread(values, (value) => count(value));

function tally<T>(items: T[], key: (item: T) => string): string {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].map(([name, n]) => `${name} ×${n}`).join('; ');
}

async function run(options: BenchOptions): Promise<Section> {
  const command = benchCommand(options, 'forms', `--runs ${options.runs}`);
  const outDir = await ensureDemoBuild();
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const engine of [pglite, postgres]) {
    const why = await engine.unavailable();
    if (why) {
      console.log(`${engine.name}: skipped, ${why}`);
      rows.push({ figure: `${engine.name}: every figure`, target: 'measured', measured: `not measured: ${why}`, command });
      notes.push(`**${engine.name} was not measured**: ${why}.`);
      continue;
    }
    const on = ` (${engine.name})`;

    const concurrent: ConcurrentRun[] = [];
    for (let index = 1; index <= options.runs; index++) {
      console.log(`${engine.name}: ${concurrentApplicants} applications at once, run ${index} of ${options.runs}…`);
      const result = await concurrentApplications(outDir, engine, index);
      console.log(`  stored ${result.stored}, distinct references ${result.distinct}, errors ${result.errors}, p50 ${milliseconds(result.p50)}, p95 ${milliseconds(result.p95)}, p99 ${milliseconds(result.p99)}`);
      concurrent.push(result);
    }
    const each = (pick: (result: ConcurrentRun) => number) => concurrent.map(pick);
    const all = (pick: (result: ConcurrentRun) => number, want: number) => each(pick).every((value) => value === want);
    rows.push(
      { figure: `${concurrentApplicants} applications sent at once: records stored${on}`, target: `${concurrentApplicants}`, measured: `${count(median(each((r) => r.stored)))}${runsOf(each((r) => r.stored))}`, met: all((r) => r.stored, concurrentApplicants), command },
      { figure: `${concurrentApplicants} at once: distinct references shown in the replies${on}`, target: `${concurrentApplicants}`, measured: `${count(median(each((r) => r.distinct)))}${runsOf(each((r) => r.distinct))}`, met: all((r) => r.distinct, concurrentApplicants), command },
      { figure: `${concurrentApplicants} at once: errors (replies other than 200)${on}`, target: '0', measured: `${count(median(each((r) => r.errors)))}${runsOf(each((r) => r.errors))}${concurrent.some((r) => r.errors) ? ` (${[...new Set(concurrent.flatMap((r) => r.errorKinds))].join(', ')})` : ''}`, met: all((r) => r.errors, 0), command },
      { figure: `${concurrentApplicants} at once: latency of a send, p50 / p95 / p99${on}`, target: '—', measured: `${milliseconds(median(each((r) => r.p50)))} / ${milliseconds(median(each((r) => r.p95)))} / ${milliseconds(median(each((r) => r.p99)))}${spread(each((r) => r.p95), (value) => `p95 ${milliseconds(value)}`)}; all ${concurrentApplicants} answered within ${seconds(median(each((r) => r.wallMs)))}`, command },
    );
    notes.push(`${engine.name}: filling the ${concurrentApplicants} drafts (9 posts each, 20 applicants at a time) took ${seconds(median(each((r) => r.prepareMs)))} (median).`);

    const kills: KillRun[] = [];
    for (let index = 1; index <= killRuns; index++) {
      console.log(`${engine.name}: SIGKILL during a load of sends, run ${index} of ${killRuns}…`);
      const result = await killDuringLoad(outDir, engine, index);
      console.log(`  acknowledged ${result.acknowledged}, stored after restart ${result.storedAfterRestart}, acknowledged but missing ${result.acknowledgedButMissing}, cut ${result.cut}`);
      kills.push(result);
    }
    const killed = (pick: (result: KillRun) => number) => kills.map(pick);
    rows.push(
      { figure: `SIGKILL during sends: acknowledged (reply showed a reference) / stored after restart${on}`, target: 'stored ≥ acknowledged', measured: kills.map((r) => `${r.acknowledged} / ${r.storedAfterRestart}`).join(', '), met: kills.every((r) => r.storedAfterRestart >= r.acknowledged), command },
      { figure: `SIGKILL during sends: acknowledged but missing after restart${on}`, target: '0', measured: `${kills.map((r) => r.acknowledgedButMissing).join(', ')}`, met: kills.every((r) => r.acknowledgedButMissing === 0), command },
      { figure: `SIGKILL: applicants without a reference send again after the restart; all stored once${on}`, target: `${killApplicants} stored, each reply a reference`, measured: kills.map((r) => `${r.resentShownReference} of ${r.resent} resends shown a reference (${r.resentAlreadySent} as already sent), ${r.finalStored} stored for ${r.finalApplicants} applicants`).join('; '), met: kills.every((r) => r.resentShownReference === r.resent && r.finalStored === r.finalApplicants), command },
    );
    notes.push(`${engine.name}, SIGKILL runs: sends started before the kill ${killed((r) => r.sent).join(', ')}; cut off by it (no reply) ${killed((r) => r.cut).join(', ')}; stored though the reply never arrived (committed, then killed) ${killed((r) => r.storedNotAcknowledged).join(', ')}; /healthz after the restart answered ${[...new Set(killed((r) => r.healthAfterRestart))].join(', ')}.`);

    console.log(`${engine.name}: ${fuzzRequests} malformed requests…`);
    const fuzz = await malformedRequests(outDir, engine);
    const fuzzDrafts = fuzz.drafts - fuzz.draftsPrepared;
    console.log(`  5xx ${fuzz.serverErrors.length}, no reply ${fuzz.noReply.length}, submissions ${fuzz.submissions}, drafts made by fuzzed posts ${fuzzDrafts}`);
    rows.push(
      { figure: `malformed requests: of them fuzzed paths (GET, HEAD), and their server errors (5xx)${on}`, target: '0', measured: `${count(fuzz.paths)} paths, ${fuzz.pathServerErrors} 5xx`, met: fuzz.pathServerErrors === 0, command },
      { figure: `${count(fuzz.requests)} malformed requests: server errors (5xx)${on}`, target: '0', measured: `${fuzz.serverErrors.length}${fuzz.serverErrors.length ? ` (${tally(fuzz.serverErrors, (e) => `${e.status} ${e.path} ${e.kind}`)})` : ''}`, met: fuzz.serverErrors.length === 0, command },
      { figure: `malformed requests: records stored in submissions${on}`, target: '0', measured: count(fuzz.submissions), met: fuzz.submissions === 0, command },
      { figure: `malformed requests over the size limit: connection closed while the body was still being sent, before the 413 was read${on}`, target: '—', measured: `${fuzz.overLimitCut} of ${fuzz.overLimit}`, command },
      { figure: `malformed requests within the size limit: no reply at all (connection dropped)${on}`, target: '0', measured: `${fuzz.noReply.length}${fuzz.noReply.length ? ` (${tally(fuzz.noReply, (e) => `${e.path} ${e.kind}: ${e.error}`)})` : ''}`, met: fuzz.noReply.length === 0, command },
      { figure: `malformed requests: replies in which an injected script or event handler became markup${on}`, target: '0', measured: `${fuzz.reflected.length}${fuzz.reflected.length ? ` (${tally(fuzz.reflected, (e) => `${e.path} ${e.kind}`)})` : ''}`, met: fuzz.reflected.length === 0, command },
    );
    notes.push(`${engine.name}, malformed requests: ${fuzz.echoed} replies repeated an injected value; answered ${[...fuzz.byStatus].sort(([a], [b]) => a - b).map(([status, n]) => `${status || 'no reply'} ×${n}`).join(', ')} in ${fuzz.seconds.toFixed(1)} s; /healthz afterwards ${fuzz.healthAfter}. Drafts: ${fuzzDrafts} made by fuzzed posts to section pages (besides the ${fuzz.draftsPrepared} prepared for the check page), ${fuzz.attachments} attachments (the prepared drafts' PDFs and files that passed the content check), ${fuzz.outbox} outbox rows.`);
    if (engine === pglite) {
      notes.push(`Form endpoints fuzzed: ${fuzz.targets.map((target) => `\`${target}\``).join(', ')}${fuzz.missing.length ? `; not in this build (no form found), so not fuzzed: ${fuzz.missing.map((target) => `\`${target}\``).join(', ')}` : ''}.`);
    }
  }
  notes.push(
    `How: the demo build (\`generated/bench/demo-dist\`, built as the page-weight part builds it) served by the production server (\`node server/serve.mjs\`, through \`scripts/bench/server.ts\`) on 127.0.0.1 with \`POSTS_PER_MINUTE=100000\`, so the per-client limit does not refuse a load that all comes from one address, and without \`SMTP_URL\`, so emails wait in the outbox. Every run gets a fresh database: PGlite in a new temporary \`DATA_DIR\`; PostgreSQL a new database on the local cluster (\`pg_lsclusters\`, created as the \`postgres\` user with a \`${benchRole}\` role, as \`.ci/run\` does for the tests) or on the server at \`BENCH_POSTGRES_URL\` (a role that may create databases), dropped afterwards. Rows are counted straight from the database once the server has stopped.`,
    `${concurrentApplicants} at once: each applicant has its own cookie and fills every section of a Small Sparks application over HTTP (as \`completeDraft\` in \`tests/e2e/apply.spec.ts\`: urlencoded posts with an \`Origin\` header, the documents section as multipart with a small PDF, the declarations), then all ${concurrentApplicants} POST \`${applyBase}check/\` at the same moment on separate connections. Latency is from the send to the whole reply, over the ${concurrentApplicants} sends of a run; each figure is the median over ${options.runs} run(s).`,
    `SIGKILL: ${killApplicants} drafts are filled, then ${killWorkers} clients send one application after another; once ${killAfterAcknowledged} replies have shown a reference the server gets \`kill -9\` with about ${killWorkers} sends in flight. It is restarted on the same database (its \`/healthz\` asked), stopped cleanly, and the references the replies showed are looked up in \`submissions\`. Then the applicants who saw no reference send again on a third start, as a person would, which must show each one a reference (\`already sent\` for those committed before the kill) and leave exactly one record per applicant. One line per run; ${killRuns} run(s) per database.`,
    `Malformed requests, once per database: ${count(fuzzRequests)} requests from a seeded generator (mulberry32, seed ${fuzzSeed}, so every run sends the same ones), ${fuzzWorkers} at a time, spread over every form endpoint the build has (fields read from each page's own form): fuzzed values (wrong types, edge numbers and dates, up to 90 KB, control characters, invalid UTF-8 in names and values, SQL and HTML/script injection, NUL bytes, CR/LF), fields left out, sent up to 30 times, unknown fields; broken bodies (wrong or missing content type, a UTF-16 charset, raw invalid UTF-8, bad percent escapes, multipart with a mismatched, missing or unclosed boundary, parts without a disposition or name, truncated bodies, 5,000 fields, bodies over the limit with and without a length, a false \`Content-Encoding\`); files with path traversal, NUL bytes and CR/LF in their names and content that is not what it claims; no \`Origin\`, another site's \`Origin\` or \`Sec-Fetch-Site\`; junk draft cookies; a few PUT, PATCH and DELETE. Every request is made to be refusable, so \`0 stored\` is the right answer: posts to the generic forms each carry a defect the form must refuse (an unknown field, a missing or bad attempt key, the honeypot, an invalid email, an option not offered, or nothing answered) on top of the noise, and posts to the check page that carry a complete draft's cookie are cross-site, the wrong content type, too large, unparseable or the honeypot. Posts to application sections keep what was typed as a draft (save and come back later keeps answers even when they are wrong), so those drafts are counted apart and are not submissions. A body over the limit is refused with 413 as soon as the server has read past the limit (\`src/forms/post.ts\` stops reading there); a client still sending the rest can now and then get a broken pipe as the connection closes, before it reads the 413 (curl, which watches for an early reply, reads the 413 every time): those are counted apart from requests that got no reply. For injected markup, every reply that repeats an injected value (as the forms do, keeping what was typed) is parsed by Chromium with scripts off, which looks for a \`<script>\`, an \`on…\` handler or a \`javascript:\` address carrying the marker; a value shown as text or inside an attribute's quotes is harmless and not counted. Each malformed request goes on a connection of its own, so a dropped connection is that request's. A post with files may be up to 50 MB: a file over its 5 MB limit is read to its end and dropped, and the form says so beside the file's question; only text over 100 KB or a body over 50 MB is a 413. Counted with the posts, ${count(pathFuzzRequests)} GET and HEAD requests for fuzzed paths (\`scripts/bench/paths.ts\`, the same seed): every route pattern in the build's server manifest in turn, each with a seeded pick of a parameter replaced, a segment added after it, or the query string filled with an unknown value, bad percent-encoding (\`%\`, \`%ZZ\`, truncated and overlong UTF-8, \`%00\`), encoded slashes and dots (\`a%2Fb\`, \`%2e%2e\`, \`..%2F..%2Fetc%2Fpasswd\`), a segment of 300 or 8,000 characters, or an injection, each path sent exactly as written.`,
    'The machine was shared with other agents building and testing at the same time, so latencies are higher and noisier than on a quiet machine; the counts do not depend on it.',
  );
  return { id: 'forms', title: 'Forms', command, rows, notes };
}

export const formsBench: BenchPart = { id: 'forms', title: 'Forms', run };
