/**
 * Search in the browser on the largest generated build: bytes transferred and time until the
 * results are shown, for typical queries, with and without a filter, from an empty cache; with the
 * server (`/search/`), and as the static-only fallback that searches Pagefind's index in the browser
 * (`/search/static/`, which follows the same contract).
 *
 * Written against the search page's contract: `/search/` has an input `#search-query`; as the resident
 * types, the page asks the server for the search's address and puts the answer into `#search-results`,
 * which gets `data-shown-address="/search/?q=…"` once that search's results are shown; filters are
 * checkboxes named by facet with the value as value (`input[name="area"][value="Chatteris"]`), inside
 * a disclosure `details[data-facet="area"]`.
 */
import zlib from 'node:zlib';
import type { Browser, BrowserContext, Page, Request as PlaywrightRequest } from '@playwright/test';
import { launchChromium } from './browser';
import { type BenchOptions, type BenchPart, type Row, benchCommand, kilobytes, median, spread } from './report';
import { serveBuild } from './server';
import { ensureBuild, generateContent, ourBuildCommand, siteDirFor } from './sites';

/** Typical searches, each with an area a resident might narrow it to (one that has results for it). */
export const searches = [
  { query: 'walking', area: 'Chatteris' },
  { query: 'lunch club', area: 'Chatteris' },
  { query: 'food bank', area: 'Chatteris' },
  { query: 'wisbech youth', area: 'Wisbech' },
  { query: 'library', area: 'Chatteris' },
];
const facet = 'area';
const firstSearchBudget = 60_000;
const budget = '≤ 60 KB in total';
/** The search pages: the server's, and the static-only fallback's (Pagefind in the browser), which has no target. */
const searchPages = ['/search/', '/search/static/'] as const;
const resultsTimeoutMs = 15_000;

interface Request {
  url: string;
  afterLoad: boolean;
  pagefind: boolean;
  /** Bytes on the wire, headers and body, as Chromium counts them. */
  wire?: number;
  /** The same with a text body gzipped, as a compressing proxy would send it. */
  gzipped?: number;
}

/** Text the Node server sends uncompressed; Pagefind's index, fragment and wasm files come compressed already. */
const compressible = /^(text\/|application\/(javascript|json|xml)|image\/svg)/;

/** A body's size compressed as `encoding` says (the production server's brotli is quality 5). */
function sentSize(body: Buffer, encoding: string | undefined): number {
  if (encoding === 'br') return zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 5 } }).length;
  if (encoding === 'gzip') return zlib.gzipSync(body, { level: 6 }).length;
  return body.length;
}

/**
 * Each request the page and its workers make (Pagefind 1.5 searches in a Web Worker, whose
 * requests a CDP session on the page does not see), with when it started (before or after the
 * load event) and its bytes, from Playwright's network events for the browser context.
 */
class TransferLog {
  private requests = new Map<PlaywrightRequest, Request>();
  private pending: Promise<void>[] = [];
  private loaded = false;
  private shownAt?: Set<PlaywrightRequest>;

  constructor(context: BrowserContext) {
    context.on('request', (request) => {
      this.requests.set(request, { url: request.url(), afterLoad: this.loaded, pagefind: new URL(request.url()).pathname.startsWith('/pagefind/') });
    });
    context.on('requestfinished', (request) => this.pending.push(this.measure(request)));
  }

  private async measure(request: PlaywrightRequest): Promise<void> {
    const entry = this.requests.get(request);
    const response = await request.response();
    if (!entry || !response) return;
    const sizes = await request.sizes();
    const headers = await response.allHeaders();
    const body = await response.body().catch(() => undefined);
    // Chromium reports no body size for a worker's own script: count its body, compressed here as the server compressed it.
    const bodyBytes = sizes.responseBodySize || (body ? sentSize(body, headers['content-encoding']) : 0);
    entry.wire = entry.gzipped = sizes.responseHeadersSize + bodyBytes;
    if (!body || headers['content-encoding'] || !compressible.test(headers['content-type'] ?? '')) return;
    entry.gzipped = sizes.responseHeadersSize + zlib.gzipSync(body, { level: 6 }).length;
  }

  markLoaded() {
    this.loaded = true;
  }

  /** Requests started after this are not part of the search being measured. */
  markShown() {
    this.shownAt = new Set(this.requests.keys());
  }

  async totals() {
    await Promise.all(this.pending);
    const counted = [...this.requests].filter(([request]) => !this.shownAt || this.shownAt.has(request)).map(([, entry]) => entry);
    if (process.env.BENCH_DEBUG) for (const request of counted) console.log(`    ${request.afterLoad ? 'after load ' : ''}${request.url} ${request.wire} (${request.gzipped} gzipped)`);
    const sum = (keep: (request: Request) => boolean, bytes: (request: Request) => number = (request) => request.wire ?? 0) => counted.filter(keep).reduce((total, request) => total + bytes(request), 0);
    // What the bytes are: Pagefind's file kinds (pf_index, pf_filter, …) and the page's own by extension.
    const byKind = new Map<string, number>();
    for (const request of counted) {
      const file = new URL(request.url).pathname.split('/').at(-1) || 'index.html';
      const extension = file.includes('.') ? file.slice(file.lastIndexOf('.') + 1) : file;
      const kind = `${request.pagefind ? 'Pagefind ' : ''}${extension === 'pagefind' ? 'wasm' : extension}`;
      byKind.set(kind, (byKind.get(kind) ?? 0) + (request.wire ?? 0));
    }
    return {
      byKind,
      total: sum(() => true),
      gzipped: sum(() => true, (request) => request.gzipped ?? 0),
      afterLoad: sum((request) => request.afterLoad),
      pagefind: sum((request) => request.pagefind),
    };
  }
}

/** The address the page shows a search at, as src/scripts/search.ts (and search-static.ts) writes it. */
const addressOf = (query: string, area?: string, searchPage = '/search/') => `${searchPage}?${new URLSearchParams([['q', query], ...(area ? [[facet, area]] : [])])}`;
const resultsShown = (page: Page, address: string) =>
  page.waitForFunction((expected) => document.querySelector('#search-results')?.getAttribute('data-shown-address') === expected, address, { timeout: resultsTimeoutMs });

interface Measurement {
  byKind: Map<string, number>;
  total: number;
  gzipped: number;
  afterLoad: number;
  pagefind: number;
  /** Seconds from navigation start, and from typing the query (or opening the filter), to results shown. */
  fromNavigation: number;
  fromAsking: number;
  /** How many results the page says the search has, so a surprising count is seen beside the bytes. */
  results: number;
}

/** The query's results offer no checkbox for the area, so the filtered search cannot be made. */
class FilterNotOffered extends Error {}

/**
 * One search from a fresh browser context: open /search/, type the query, wait for its results;
 * filtered, then tick the filter's checkbox and wait for the results again.
 */
export async function measureSearch(browser: Browser, origin: string, query: string, area?: string, searchPage = '/search/'): Promise<Measurement> {
  const context = await browser.newContext();
  try {
    const log = new TransferLog(context);
    const page = await context.newPage();
    const navigation = performance.now();
    await page.goto(`${origin}${searchPage}`, { waitUntil: 'load' });
    log.markLoaded();
    await page.fill('#search-query', query);
    let asked = performance.now();
    await resultsShown(page, addressOf(query, undefined, searchPage));
    if (area) {
      // The filter sits in a closed disclosure, as a resident finds it.
      asked = performance.now();
      await page.locator(`details[data-facet="${facet}"] > summary`).click();
      const checkbox = page.locator(`input[name="${facet}"][value="${area}"]`);
      try {
        await checkbox.waitFor({ timeout: resultsTimeoutMs });
      } catch {
        throw new FilterNotOffered(`no ${facet}=${area} checkbox is offered for “${query}”`);
      }
      await checkbox.check();
      await resultsShown(page, addressOf(query, area, searchPage));
    }
    const shown = performance.now();
    log.markShown();
    // Let the requests the search made finish, so their sizes are known.
    await page.waitForLoadState('networkidle');
    const results = Number(/^(\d+) result/.exec(await page.locator('#search-heading').innerText())?.[1] ?? 0);
    return { ...(await log.totals()), fromNavigation: (shown - navigation) / 1000, fromAsking: (shown - asked) / 1000, results };
  } finally {
    await context.close();
  }
}

/** Whether the search page follows the contract yet (the server-rendered page before it does not). */
async function followsContract(browser: Browser, origin: string, searchPage: string): Promise<string | undefined> {
  const page = await browser.newPage();
  try {
    await page.goto(`${origin}${searchPage}`, { waitUntil: 'load' });
    if (!(await page.locator('#search-query').count())) return `no \`#search-query\` input on ${searchPage}`;
    if (!(await page.locator('#search-results').count())) return `no \`#search-results\` element on ${searchPage}`;
    await page.fill('#search-query', searches[0].query);
    await resultsShown(page, addressOf(searches[0].query, undefined, searchPage));
    return undefined;
  } catch (error) {
    return `typing “${searches[0].query}” did not set \`data-shown-address\` on \`#search-results\` within ${resultsTimeoutMs / 1000} s (${String(error).split('\n')[0]})`;
  } finally {
    await page.close();
  }
}

const seconds = (value: number) => `${value.toFixed(2)} s`;

export const searchInBrowser: BenchPart = {
  id: 'search',
  title: 'Search in the browser',
  async run(options: BenchOptions) {
    const groups = Math.max(...options.groups);
    const command = benchCommand(options, 'search', `--groups ${groups} --runs ${options.runs}`);
    const size = `${groups.toLocaleString('en-GB')}-group build`;
    // Build scaling leaves this build behind; otherwise make it (3 minutes for 10,000 groups).
    // Generating is quick and gives the same files, so the build is reused when the code is unchanged.
    const outDir = await ensureBuild(generateContent(groups), siteDirFor(groups));
    const server = await serveBuild(outDir);
    const browser = await launchChromium();
    const notes = [
      [
        `How: the ${size} (\`${ourBuildCommand(`generated/bench/content-${groups}`, `generated/bench/site-${groups}`)}\`) served by`,
        'the production server (`node server/serve.mjs`, which compresses what Pagefind has not compressed already); each search in headless',
        'Chromium (Debian\'s, through Playwright) from a fresh browser context (an empty cache). Unfiltered: open `/search/`, wait for the',
        'load event, put the whole query into `#search-query` at once, and wait until `#search-results` has `data-shown-address` set to its address.',
        `Filtered: then open the area filter's disclosure as a resident would, tick its checkbox (\`input[name="${facet}"][value="Chatteris"]\`)`,
        'and wait for the results again. The page asks the server for each search, as a reload of its address would. The server is',
        'warmed first with one other search (“community”), as a server that has been up a while would be.',
        'The static-only fallback (`/search/static/`, for a hub hosted as static files only, see docs/deploying.md) is measured the same way:',
        'it follows the same contract, but searches Pagefind\'s index in the browser; it has no target, and is served here by the same server.',
        'Bytes are headers and bodies as received, for the requests the page (and Pagefind\'s Web Worker) started before the results were shown',
        '(from Playwright\'s network events for the browser context); “after load” is the part started after',
        'the load event, the search itself. Each row also gives the total with any response that came uncompressed gzipped (level 6).',
        `The target is checked on the bytes as sent. Each figure is the median of ${options.runs} runs.`,
      ].join(' '),
    ];
    try {
      // A server that has been up a while has worked out its directory's words; a fresh one does that on
      // its first search (seconds on 10,000 groups, see the search-server part), which is not what this part measures.
      await (await fetch(`${server.origin}${addressOf('community')}`)).arrayBuffer();
      const rows: Row[] = [];
      for (const searchPage of searchPages) {
        const fallback = searchPage !== '/search/';
        const target = fallback ? '—' : budget;
        const where = fallback ? 'static-only fallback (Pagefind), ' : '';
        const missing = await followsContract(browser, server.origin, searchPage);
        if (missing) {
          rows.push({ figure: `${where}first search, ${size}`, target, measured: `not measured: ${missing}`, command });
          continue;
        }
        let firstSearch: Measurement | undefined;
        for (const filtered of [false, true]) {
          for (const { query, area: chosen } of searches) {
            const area = filtered ? chosen : undefined;
            const label = area ? `“${query}” then ${facet}=${area}` : `“${query}”`;
            const figure = `${where}first search ${label}, ${size}`;
            const runs: Measurement[] = [];
            try {
              for (let run = 0; run < options.runs; run++) runs.push(await measureSearch(browser, server.origin, query, area, searchPage));
            } catch (error) {
              if (!(error instanceof FilterNotOffered)) throw error;
              rows.push({ figure, target, measured: `not measured: ${error.message}`, command });
              continue;
            }
            firstSearch ??= runs[0];
            const totals = runs.map((run) => run.total);
            const total = median(totals);
            console.log(`  ${where}${label}: ${kilobytes(total)}, results after ${seconds(median(runs.map((run) => run.fromNavigation)))}`);
            rows.push({
              figure,
              target,
              measured: [
                `${runs[0].results.toLocaleString('en-GB')} results;`,
                `${kilobytes(total)} in total${spread(totals, kilobytes)} as sent, ${kilobytes(median(runs.map((run) => run.gzipped)))} with all text gzipped;`,
                `${kilobytes(median(runs.map((run) => run.pagefind)))} of it under /pagefind/`,
                `and ${kilobytes(median(runs.map((run) => run.afterLoad)))} after load;`,
                `results ${seconds(median(runs.map((run) => run.fromAsking)))} after ${filtered ? 'opening the filter' : 'typing'},`,
                `${seconds(median(runs.map((run) => run.fromNavigation)))} after navigation`,
              ].join(' '),
              met: fallback ? undefined : total <= firstSearchBudget,
              command,
            });
          }
        }
        if (firstSearch) {
          const kinds = [...firstSearch.byKind].sort((a, b) => b[1] - a[1]).map(([kind, bytes]) => `${kind} ${kilobytes(bytes)}`);
          notes.push(`What the ${fallback ? 'fallback\'s ' : ''}first search (“${searches[0].query}”) fetched, by kind, as sent: ${kinds.join(', ')}.`);
        }
      }
      return { id: this.id, title: this.title, command, rows, notes };
    } finally {
      await browser.close();
      await server.stop();
    }
  },
};
