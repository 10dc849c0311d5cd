/**
 * The production server (server/serve.mjs): security headers and compression on every kind of
 * response, the health check, a friendly 503 when the database is down, and a clean shutdown.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { type ServerProcess, startServer } from './own-server';
import { client } from './pages';

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request with exactly these headers, the body as sent (not decompressed). */
function get(url: string, headers: http.OutgoingHttpHeaders = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

function decoded({ headers, body }: Answer): string {
  const encoding = headers['content-encoding'];
  if (encoding === 'br') return zlib.brotliDecompressSync(body).toString();
  if (encoding === 'gzip') return zlib.gunzipSync(body).toString();
  return body.toString();
}

/** The first stylesheet, script and Pagefind index file of this build, found in the built files. */
function builtAsset(pattern: RegExp, folder: string): string {
  const file = fs.readdirSync(path.join(client, folder)).find((name) => pattern.test(name));
  if (!file) throw new Error(`No ${pattern} in ${client}/${folder}`);
  return `/${folder}/${file}`;
}

test.describe('every kind of response carries the security headers', () => {
  const kinds = {
    'a static page': '/',
    'a stylesheet': builtAsset(/\.css$/, '_astro'),
    'a script': builtAsset(/\.js$/, '_astro'),
    'a Pagefind index file': builtAsset(/\.pf_meta$/, 'pagefind'),
    'a page rendered by the server': '/search/?q=walking',
    'the not-found page': '/this-page-does-not-exist/',
    'the health check': '/healthz',
  };

  for (const [kind, address] of Object.entries(kinds)) {
    test(kind, async ({ baseURL }) => {
      const { headers } = await get(`${baseURL}${address}`);
      const policy = String(headers['content-security-policy']);
      expect(policy).toContain("default-src 'self'");
      expect(policy).toContain("frame-ancestors 'none'");
      expect(policy).toContain("'wasm-unsafe-eval'");
      expect(policy).not.toContain("'unsafe-inline'");
      expect(headers['x-content-type-options']).toBe('nosniff');
      expect(headers['referrer-policy']).toBe('strict-origin-when-cross-origin');
      expect(headers['x-frame-options']).toBe('DENY');
      // Plain HTTP here: HSTS would pin http://localhost to HTTPS.
      expect(headers['strict-transport-security']).toBeUndefined();
    });
  }

  test('the Open Referral API keeps its own CORS header and may be loaded by other sites', async ({ baseURL }) => {
    const { status, headers } = await get(`${baseURL}/openreferral/services`);
    expect(status).toBe(200);
    expect(headers['access-control-allow-origin']).toBe('*');
    expect(headers['cross-origin-resource-policy']).toBe('cross-origin');
    expect(String(headers['content-security-policy'])).toContain("frame-ancestors 'none'");
    expect(headers['x-content-type-options']).toBe('nosniff');
  });

  test('HSTS is sent when a proxy says the request came over HTTPS', async ({ baseURL }) => {
    const { headers } = await get(`${baseURL}/`, { 'x-forwarded-proto': 'https' });
    expect(headers['strict-transport-security']).toBe('max-age=31536000');
  });

  test('the map tiles’ host from settings is allowed as an image source', async ({ baseURL }) => {
    const { headers } = await get(`${baseURL}/map/`);
    expect(String(headers['content-security-policy'])).toMatch(/img-src 'self' data: https:\/\/tile\.openstreetmap\.org;/);
  });

  test('every inline script in the build is one the policy allows by its hash', async ({ baseURL }) => {
    const policy = String((await get(`${baseURL}/`)).headers['content-security-policy']);
    const hashes = new Set<string>();
    const executable = /<script(?![^>]*\b(?:src=|type="application\/(?:ld\+)?json"))[^>]*>([\s\S]*?)<\/script>/g;
    const pages = fs.readdirSync(client, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html'));
    for (const page of pages) {
      const html = fs.readFileSync(path.join(client, page), 'utf8');
      for (const [, script] of html.matchAll(executable)) hashes.add(`'sha256-${crypto.createHash('sha256').update(script!).digest('base64')}'`);
      expect(html, `${page} has a style attribute`).not.toMatch(/<[^>]+\sstyle="/);
    }
    expect(hashes.size).toBeGreaterThan(0);
    for (const hash of hashes) expect(policy).toContain(hash);
  });
});

test.describe('text is compressed when the browser accepts it', () => {
  for (const [kind, address] of Object.entries({ 'a static page': '/', 'a stylesheet': builtAsset(/\.css$/, '_astro'), 'a page rendered by the server': '/search/?q=walking' })) {
    test(`${kind}: brotli, gzip or nothing, as asked`, async ({ baseURL }) => {
      const plain = await get(`${baseURL}${address}`);
      expect(plain.headers['content-encoding']).toBeUndefined();
      for (const encoding of ['br', 'gzip']) {
        const compressed = await get(`${baseURL}${address}`, { 'accept-encoding': encoding });
        expect(compressed.status).toBe(200);
        expect(compressed.headers['content-encoding']).toBe(encoding);
        expect(compressed.headers.vary).toMatch(/accept-encoding/i);
        expect(compressed.body.length).toBeLessThan(plain.body.length / 2);
        expect(decoded(compressed)).toBe(plain.body.toString());
      }
    });
  }

  test('Pagefind’s index files, gzipped already, are sent as they are', async ({ baseURL }) => {
    const address = builtAsset(/\.pf_meta$/, 'pagefind');
    const answer = await get(`${baseURL}${address}`, { 'accept-encoding': 'br, gzip' });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBeUndefined();
    expect(answer.body.equals(fs.readFileSync(path.join(client, address)))).toBe(true);
  });
});

/** Records every Content-Security-Policy violation the page reports, from before its first script runs. */
async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const console: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) console.push(message.text());
  });
  return async () => [...(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)), ...console];
}

test.describe('pages work under the Content-Security-Policy', () => {
  test('a resident searches as they type, and the browser reports no blocked script, style or worker', async ({ page }) => {
    const violations = await watchViolations(page);
    await page.goto('/search/');
    await page.getByRole('searchbox', { name: 'Search the hub' }).last().fill('walking');
    await expect(page.locator('#search-results')).toHaveAttribute('data-shown-address', '/search/?q=walking');
    await expect(page.locator('.hub-results__item').first()).toBeVisible();
    expect(await violations()).toEqual([]);
  });

  test('the map fetches and clusters its markers, and the browser reports nothing blocked', async ({ page }) => {
    // No network in tests: the tiles fail after the policy has allowed them.
    await page.route('**/tile.openstreetmap.org/**', (route) => route.abort());
    const violations = await watchViolations(page);
    await page.goto('/map/');
    await page.locator('#map .hub-map__cluster').first().click();
    await page.goto('/map/?area=manea');
    await page.locator('#map .hub-map__place').first().click();
    await expect(page.locator('.leaflet-popup-content a')).toBeVisible();
    expect(await violations()).toEqual([]);
  });
});

test('the health check says ok while the database answers', async ({ request }) => {
  test.setTimeout(180_000);
  // The first check may find the embedded database still opening (503 after 5 s on a busy machine).
  await expect.poll(async () => (await request.get('/healthz', { timeout: 120_000 })).status(), { timeout: 120_000 }).toBe(200);
  const response = await request.get('/healthz');
  expect(response.headers()['cache-control']).toBe('no-store');
  expect(await response.json()).toEqual({ status: 'ok' });
});

const enquiry = { attempt: 'server-test-attempt-0001', name: 'Robin Example', email: 'robin@example.org', question: 'Can our allotment society apply for a shed?' };

test.describe('with the database unreachable', () => {
  let server: ServerProcess;
  test.describe.configure({ timeout: 120_000 });
  test.beforeAll(async () => {
    server = await startServer({ DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
  });
  test.afterAll(async () => {
    server.child.kill('SIGTERM');
    await server.exited;
  });

  test('the Open Referral directory is read from the build at start, before anyone asks, with no database', async () => {
    await expect.poll(() => server.output(), { timeout: 60_000 }).toContain('Open Referral directory loaded');
  });

  test('the health check answers 503', async () => {
    const answer = await get(`${server.origin}/healthz`);
    expect(answer.status).toBe(503);
    expect(JSON.parse(answer.body.toString())).toEqual({ status: 'unavailable' });
  });

  test('a resident sending a question gets a friendly 503 page that still has what they typed', async ({ page }) => {
    await page.goto(`${server.origin}/ask-about-funding/`);
    await page.getByLabel('Your name').fill(enquiry.name);
    await page.getByLabel('Email address').fill(enquiry.email);
    await page.getByLabel('Your question').fill(enquiry.question);
    const [response] = await Promise.all([page.waitForResponse((r) => r.request().method() === 'POST'), page.getByRole('button', { name: 'Send' }).click()]);
    expect(response.status()).toBe(503);
    await expect(page.getByRole('alert')).toContainText('Sorry, we could not save your answers just now');
    await expect(page.getByLabel('Your name')).toHaveValue(enquiry.name);
    await expect(page.getByLabel('Email address')).toHaveValue(enquiry.email);
    await expect(page.getByLabel('Your question')).toHaveValue(enquiry.question);
  });
});

test('SIGTERM lets a request in flight finish with its normal answer, refuses new connections, and exits 0', async () => {
  test.setTimeout(180_000); // opening PGlite the first time takes 40 s on a 2-core machine shared by many builds
  const server = await startServer({ DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), 'community-hub-shutdown-')), SHUTDOWN_TIMEOUT: '20' });
  // The database opened first, so the post in flight waits only for its own body.
  await expect.poll(async () => (await get(`${server.origin}/healthz`)).status, { timeout: 120_000 }).toBe(200);
  const body = new URLSearchParams(enquiry).toString();
  const { hostname, port } = new URL(server.origin);

  // A resident's post whose body arrives slowly: half once the server has taken the request, the rest after the signal.
  const answered = new Promise<{ status: number; text: string }>((resolve, reject) => {
    const headers = { origin: server.origin, 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body), expect: '100-continue' };
    const request = http.request({ hostname, port, path: '/ask-about-funding/', method: 'POST', agent: false, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
    });
    request.on('error', reject);
    // "100 Continue" comes once the server has read the headers and begun answering.
    request.on('continue', () => {
      request.write(body.slice(0, 40));
      server.child.kill('SIGTERM');
      expect
        .poll(() => server.output(), { timeout: 10_000 })
        // The post at least: once on CI another request was still under way too ("2 request(s)", not explained); the post must still finish.
        .toMatch(/SIGTERM: finishing [1-9]\d* request\(s\) in flight/)
        .then(async () => {
          await expect(get(`${server.origin}/`)).rejects.toThrow(/ECONNREFUSED/);
          request.end(body.slice(40));
        })
        .catch(reject);
    });
  });

  const { status, text } = await answered;
  expect(status).toBe(200);
  expect(text).toContain('Question sent');
  expect(await server.exited).toBe(0);
  expect(server.output()).toContain('Database closed; stopped');
  await expect(get(`${server.origin}/`)).rejects.toThrow(/ECONNREFUSED/);
});
