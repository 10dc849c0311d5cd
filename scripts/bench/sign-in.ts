/**
 * Staff sign-in under attack (issue 20), against the production server serving the demo build, on
 * PGlite and PostgreSQL (the forms part's databases, `./forms.ts`):
 *
 * 1. A flood: 60 sign-ins at once, each from its own address behind a trusted proxy (a botnet, so the
 *    per-client throttle does not help), for accounts that do not exist. /healthz and the home page are
 *    asked every 100 ms meanwhile; the server's peak RSS and CPU time are read from /proc.
 * 2. Spoofed X-Forwarded-For: a new address on every form post and every sign-in of a password spray,
 *    with TRUST_PROXY off and set to one hop (the proxy appends the real address): none may pass the limits.
 *    A spoofed X-Forwarded-Proto must not turn on HSTS.
 * 3. A race: 30 wrong passwords for one account at once, each from its own address: at most 5 checked.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { type Engine, pglite, postgres, type Server, startServer } from './forms';
import { processTree, processUsage } from './measure';
import { type BenchOptions, type BenchPart, type Row, type Section, benchCommand, percentile } from './report';
import { ensureDemoBuild } from './sites';

const floodSize = 60;
const raceSize = 30;
const sprayFormPosts = 14;
const sprayFormLimit = 5;
const spraySignIns = 24;
/** src/staff/policy.ts: failures allowed per account and per client in 15 minutes. */
const accountFailures = 5;
const clientFailures = 20;
const account = { email: 'bench-officer@example.org', password: 'a long bench password' };

// ---------------------------------------------------------------- measuring the server

const rssOf = (pid: number) => processTree(pid).reduce((sum, sample) => sum + sample.rssBytes, 0);


const ms = (value: number) => `${Math.round(value)} ms`;
const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

// ---------------------------------------------------------------- talking to the server

interface SignInForm {
  cookie: string;
  csrf: string;
}

/** The sign-in form's token and its cookie (shared by every attempt: the token is not tied to an account). */
async function signInForm(origin: string): Promise<SignInForm> {
  const response = await fetch(`${origin}/staff/sign-in/`);
  const html = await response.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  const cookie = response.headers.getSetCookie().map((value) => value.split(';')[0]).join('; ');
  if (!csrf || !cookie) throw new Error('The sign-in page gave no form token');
  return { cookie, csrf };
}

type SignInOutcome = 'signed in' | 'wrong' | 'throttled' | 'busy' | 'other';

interface Attempt {
  outcome: SignInOutcome;
  status: number;
  ms: number;
  retryAfter?: string;
}

async function attemptSignIn(origin: string, form: SignInForm, email: string, password: string, headers: Record<string, string> = {}): Promise<Attempt> {
  const started = performance.now();
  const response = await fetch(`${origin}/staff/sign-in/`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin, cookie: form.cookie, ...headers },
    body: new URLSearchParams({ csrf: form.csrf, email, password }),
    signal: AbortSignal.timeout(300_000),
  });
  const text = await response.text();
  const outcome: SignInOutcome =
    response.status === 303 ? 'signed in'
    : response.status === 429 && text.includes('Too many people are signing in') ? 'busy'
    : response.status === 429 ? 'throttled'
    : response.status === 200 && text.includes('The email address or password is not right') ? 'wrong'
    : 'other';
  return { outcome, status: response.status, ms: performance.now() - started, retryAfter: response.headers.get('retry-after') ?? undefined };
}

const tally = (attempts: Attempt[]) => {
  const counts = new Map<SignInOutcome, number>();
  for (const attempt of attempts) counts.set(attempt.outcome, (counts.get(attempt.outcome) ?? 0) + 1);
  return counts;
};
const describeTally = (counts: Map<SignInOutcome, number>) => [...counts].map(([outcome, count]) => `${outcome} ×${count}`).join(', ');

/** A documentation address (RFC 5737) for attacker number `n`. */
const address = (n: number) => `198.51.${100 + Math.floor(n / 250)}.${(n % 250) + 1}`;

/** A fresh database with one real staff account (default password cost), and the server on it. */
async function serverWithAccount(outDir: string, engine: Engine, label: string, env: Record<string, string | undefined>): Promise<{ server: Server; drop: () => Promise<void> }> {
  const database = await engine.fresh(label);
  // `npm run staff` migrates the new database and adds the account, as an administrator would (vite-node loads the migrations).
  const staffEnv: NodeJS.ProcessEnv = { ...process.env, STAFF_PASSWORD: account.password };
  for (const [key, value] of Object.entries(database.env)) {
    if (value === undefined) delete staffEnv[key];
    else staffEnv[key] = value;
  }
  execFileSync('npm', ['run', '-s', 'staff', '--', 'add', account.email, '--role', 'officer'], { env: staffEnv, stdio: 'pipe' });
  const server = await startServer(outDir, { ...database.env, ...env });
  return {
    server,
    drop: async () => {
      await server.stop();
      await database.drop();
    },
  };
}

// ---------------------------------------------------------------- 1. the flood

interface FloodRun {
  counts: Map<SignInOutcome, number>;
  wallMs: number;
  slowestMs: number;
  busyMs: number[];
  retryAfter: Set<string>;
  health: number[];
  healthFailures: number;
  home: number[];
  peakRss: number;
  rssBefore: number;
  cpu: number;
}

async function flood(outDir: string, engine: Engine): Promise<FloodRun> {
  // TRUST_PROXY=loopback: the bench stands in for the council's proxy, passing on a different client address for each attacker.
  const { server, drop } = await serverWithAccount(outDir, engine, 'sign-in-flood', { TRUST_PROXY: 'loopback' });
  try {
    const form = await signInForm(server.origin);
    // One real sign-in first, so the server has done a hash before and the figures are for the flood alone.
    await attemptSignIn(server.origin, form, account.email, account.password, { 'x-forwarded-for': address(999) });
    const rssBefore = rssOf(server.pid);
    const cpuBefore = processUsage(server.pid).ownCpu;
    let peakRss = rssBefore;
    let flooding = true;
    const health: number[] = [];
    const home: number[] = [];
    let healthFailures = 0;
    const probe = async (path: string, into: number[]) => {
      while (flooding) {
        const started = performance.now();
        try {
          const response = await fetch(`${server.origin}${path}`, { signal: AbortSignal.timeout(120_000) });
          await response.arrayBuffer();
          if (!response.ok) healthFailures++;
        } catch {
          healthFailures++;
        }
        into.push(performance.now() - started);
        peakRss = Math.max(peakRss, rssOf(server.pid));
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    };
    const probes = [probe('/healthz', health), probe('/', home)];
    const started = performance.now();
    const attempts = await Promise.all(
      Array.from({ length: floodSize }, (_, index) => attemptSignIn(server.origin, form, `nobody-${index}@example.org`, 'a guessed password', { 'x-forwarded-for': address(index) })),
    );
    const wallMs = performance.now() - started;
    flooding = false;
    await Promise.all(probes);
    return {
      counts: tally(attempts),
      wallMs,
      slowestMs: Math.max(...attempts.map((attempt) => attempt.ms)),
      busyMs: attempts.filter((attempt) => attempt.outcome === 'busy').map((attempt) => attempt.ms),
      retryAfter: new Set(attempts.flatMap((attempt) => (attempt.retryAfter ? [attempt.retryAfter] : []))),
      health,
      healthFailures,
      home,
      peakRss,
      rssBefore,
      cpu: processUsage(server.pid).ownCpu - cpuBefore,
    };
  } finally {
    await drop();
  }
}

// ---------------------------------------------------------------- 2. spoofed X-Forwarded-For

interface SpoofRun {
  trustProxy: string;
  formPosts: Map<number, number>;
  formsPastLimit: number;
  spray: Map<SignInOutcome, number>;
  sprayPastLimit: number;
  hsts: boolean;
}

async function spoofed(outDir: string, engine: Engine, trustProxy: string): Promise<SpoofRun> {
  const { server, drop } = await serverWithAccount(outDir, engine, `sign-in-spoof-${trustProxy === 'off' ? 'off' : 'hop'}`, { TRUST_PROXY: trustProxy, POSTS_PER_MINUTE: String(sprayFormLimit) });
  // With one trusted hop, the proxy appends the address it saw, after whatever the client claimed.
  const forwarded = (n: number) => (trustProxy === 'off' ? address(n) : `${address(n)}, 203.0.113.7`);
  try {
    const formPosts = new Map<number, number>();
    for (let index = 0; index < sprayFormPosts; index++) {
      const response = await fetch(`${server.origin}/ask-about-funding/`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: server.origin, 'x-forwarded-for': forwarded(index) },
        // The form's own attempt key, so the post reaches the per-minute count (answers are checked after it).
        body: new URLSearchParams({ attempt: randomUUID(), question: 'Can a choir apply?' }),
      });
      await response.arrayBuffer();
      formPosts.set(response.status, (formPosts.get(response.status) ?? 0) + 1);
    }
    const formsAnswered = [...formPosts].filter(([status]) => status !== 429).reduce((sum, [, count]) => sum + count, 0);

    const form = await signInForm(server.origin);
    const spray: Attempt[] = [];
    // A password spray: one guess at each of many accounts, one after another, each claiming a new address.
    for (let index = 0; index < spraySignIns; index++) spray.push(await attemptSignIn(server.origin, form, `sprayed-${index}@example.org`, 'Winter2026!', { 'x-forwarded-for': forwarded(100 + index) }));
    const checked = spray.filter((attempt) => attempt.outcome === 'wrong').length;

    const home = await fetch(`${server.origin}/`, { headers: { 'x-forwarded-proto': 'https' } });
    await home.arrayBuffer();
    return {
      trustProxy,
      formPosts,
      formsPastLimit: Math.max(0, formsAnswered - sprayFormLimit),
      spray: tally(spray),
      sprayPastLimit: Math.max(0, checked - clientFailures),
      // With one hop the bench is the trusted proxy, so its X-Forwarded-Proto counts: HSTS then is right.
      hsts: home.headers.has('strict-transport-security'),
    };
  } finally {
    await drop();
  }
}

// ---------------------------------------------------------------- 3. the race

interface RaceRun {
  counts: Map<SignInOutcome, number>;
  wallMs: number;
}

async function race(outDir: string, engine: Engine): Promise<RaceRun> {
  const { server, drop } = await serverWithAccount(outDir, engine, 'sign-in-race', { TRUST_PROXY: 'loopback' });
  try {
    const form = await signInForm(server.origin);
    const started = performance.now();
    const attempts = await Promise.all(Array.from({ length: raceSize }, (_, index) => attemptSignIn(server.origin, form, account.email, `wrong guess ${index}`, { 'x-forwarded-for': address(index) })));
    return { counts: tally(attempts), wallMs: performance.now() - started };
  } finally {
    await drop();
  }
}

// ---------------------------------------------------------------- the part

async function run(options: BenchOptions): Promise<Section> {
  const command = benchCommand(options, 'sign-in', '');
  const outDir = await ensureDemoBuild();
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const engine of [pglite, postgres]) {
    const why = await engine.unavailable();
    if (why) {
      console.log(`${engine.name}: skipped, ${why}`);
      rows.push({ figure: `${engine.name}: every figure`, target: 'measured', measured: `not measured: ${why}`, command });
      continue;
    }
    const on = ` (${engine.name})`;

    console.log(`${engine.name}: ${floodSize} sign-ins at once…`);
    const result = await flood(outDir, engine);
    const healthP95 = percentile(result.health, 0.95);
    console.log(`  ${describeTally(result.counts)}; /healthz p95 ${ms(healthP95)}, peak RSS ${mb(result.peakRss)}, CPU ${result.cpu.toFixed(1)} s in ${(result.wallMs / 1000).toFixed(1)} s`);
    rows.push(
      { figure: `${floodSize} sign-ins at once: /healthz p95 (max) during the flood${on}`, target: '≤ 1 s', measured: `${ms(healthP95)} (${ms(Math.max(...result.health))}), ${result.health.length} asked, ${result.healthFailures} failed`, met: healthP95 <= 1000 && result.healthFailures === 0, command },
      { figure: `${floodSize} at once: home page p95 (max) during the flood${on}`, target: '—', measured: `${ms(percentile(result.home, 0.95))} (${ms(Math.max(...result.home))})`, command },
      { figure: `${floodSize} at once: answers${on}`, target: 'none signed in; the rest busy (429) at once', measured: describeTally(result.counts), met: !result.counts.has('signed in') && !result.counts.has('other'), command },
      { figure: `${floodSize} at once: all answered, wall time / server CPU (user+sys)${on}`, target: '—', measured: `${(result.wallMs / 1000).toFixed(1)} s / ${result.cpu.toFixed(1)} s; slowest ${ms(result.slowestMs)}; a busy answer p95 ${ms(percentile(result.busyMs, 0.95))}, Retry-After ${[...result.retryAfter].join(', ') || 'none'}`, command },
      { figure: `${floodSize} at once: server peak RSS (before)${on}`, target: '—', measured: `${mb(result.peakRss)} (${mb(result.rssBefore)})`, command },
    );

    for (const trustProxy of ['off', '1']) {
      console.log(`${engine.name}: spoofed X-Forwarded-For, TRUST_PROXY=${trustProxy}…`);
      const spoof = await spoofed(outDir, engine, trustProxy);
      console.log(`  form posts ${[...spoof.formPosts].map(([s, n]) => `${s} ×${n}`).join(', ')}; spray ${describeTally(spoof.spray)}; HSTS ${spoof.hsts}`);
      rows.push(
        { figure: `TRUST_PROXY=${trustProxy}: ${sprayFormPosts} form posts, each with a new X-Forwarded-For, limit ${sprayFormLimit} a minute: past the limit${on}`, target: '0', measured: `${spoof.formsPastLimit} (${[...spoof.formPosts].map(([s, n]) => `${s} ×${n}`).join(', ')})`, met: spoof.formsPastLimit === 0, command },
        { figure: `TRUST_PROXY=${trustProxy}: password spray, ${spraySignIns} sign-ins each with a new X-Forwarded-For: checked past the client's ${clientFailures}${on}`, target: '0', measured: `${spoof.sprayPastLimit} (${describeTally(spoof.spray)})`, met: spoof.sprayPastLimit === 0, command },
        { figure: `TRUST_PROXY=${trustProxy}: HSTS sent for \`X-Forwarded-Proto: https\`${on}`, target: trustProxy === 'off' ? 'no' : 'yes (from the trusted proxy)', measured: spoof.hsts ? 'yes' : 'no', met: spoof.hsts === (trustProxy !== 'off'), command },
      );
    }

    console.log(`${engine.name}: ${raceSize} wrong passwords for one account at once…`);
    const raced = await race(outDir, engine);
    const checked = raced.counts.get('wrong') ?? 0;
    console.log(`  ${describeTally(raced.counts)} in ${(raced.wallMs / 1000).toFixed(1)} s`);
    rows.push({ figure: `${raceSize} wrong passwords for one account at once: checked${on}`, target: `≤ ${accountFailures}`, measured: `${checked} (${describeTally(raced.counts)}; ${(raced.wallMs / 1000).toFixed(1)} s)`, met: checked <= accountFailures && !raced.counts.has('signed in'), command });
  }
  notes.push(
    `How: the demo build served by the production server (\`node server/serve.mjs\`), a fresh database per run (PGlite in a temporary folder; PostgreSQL a new database at \`BENCH_POSTGRES_URL\` or on the local cluster, as the forms part makes them), with one real officer account hashed at the production cost (scrypt N=2^17, r=8, p=1: 128 MB a check). Sign-ins are real form posts with the form's token and \`Origin\`.`,
    `Flood: ${floodSize} sign-ins for accounts that do not exist, sent at once, each with its own \`X-Forwarded-For\` under \`TRUST_PROXY=loopback\` (the bench plays a trusted proxy in front of ${floodSize} attackers), so only the bound on password checks (2 at once, 8 waiting: \`src/staff/policy.ts\`) stands between them and the server; an unknown account takes a place in the bound like a real one. \`/healthz\` and \`/\` are each asked one after another with 100 ms between, from the first sign-in sent until the last is answered; peak RSS is sampled from \`/proc\` at each answer, CPU time (user+sys) is the server process's over the flood.`,
    `Spoofed \`X-Forwarded-For\`: with \`TRUST_PROXY=off\` the header is sent as a client would forge it; with \`TRUST_PROXY=1\` as it arrives through one proxy, the forged value first and the address the proxy saw (one attacker, 203.0.113.7) last. Form posts go to \`/ask-about-funding/\` with \`POSTS_PER_MINUTE=${sprayFormLimit}\`; "past the limit" counts answers other than 429 beyond the first ${sprayFormLimit}. The spray's "checked" are sign-ins answered "not right" (a password check ran); past the client's ${clientFailures} in 15 minutes would be a bypass. Before this change, the red team's run got 14 of 14 posts and 24 of 24 sign-ins through.`,
    `Race: ${raceSize} wrong passwords for the real account at once, each from its own address, so only the account's limit (${accountFailures} in 15 minutes) applies; attempts are reserved under a per-account advisory lock before any check (\`reserveLoginAttempt\` in \`src/store/staff.ts\`). Before this change the red team had 11 of 30 checked on one run and 15 of 15 on another.`,
    'The machine was shared with other agents building and testing at the same time, so timings are noisier than on a quiet machine; the counts do not depend on it.',
  );
  return { id: 'sign-in', title: 'Staff sign-in under attack', command, rows, notes };
}

export const signInBench: BenchPart = { id: 'sign-in', title: 'Staff sign-in under attack', run };
