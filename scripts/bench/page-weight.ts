/**
 * Page weight: for one page of each template, the documents, stylesheets, scripts and data headless
 * Chromium fetches when it loads the page from the built site (fresh cache, until the network is
 * idle), each body compressed here with gzip (level 6) and brotli (quality 11), so the figures do
 * not depend on how (or whether) the server in front compresses them.
 */
import zlib from 'node:zlib';
import type { Browser } from '@playwright/test';
import { launchChromium } from './browser';
import { type BenchOptions, type BenchPart, type Row, benchCommand, kilobytes, median } from './report';
import { serveBuild } from './server';
import { type TemplatePage, ensureBuild, ensureDemoBuild, generateContent, ourBuildCommand, siteDirFor, templatePages } from './sites';

const listingBudget = 60_000;
const searchScriptBudget = 30_000;
/** The map page's own HTML; its markers come in a file of their own (issue 14). */
const mapHtmlBudget = 60_000;

/** `fetch` is data a page's script asks for, such as the map's markers file. */
type Kind = 'document' | 'stylesheet' | 'script' | 'fetch';
const kinds: Kind[] = ['document', 'stylesheet', 'script', 'fetch'];

interface Resource {
  url: string;
  kind: Kind;
  body: Buffer;
}

/** Signs of a UI framework's runtime: Astro islands, or React, Preact, Vue, Svelte, Solid or Lit. */
const frameworkSigns = [/astro-island/, /react\.dev\/errors|reactjs\.org\/docs\/error-decoder|react-dom/, /\bpreact\b/, /__VUE|vuejs\.org/, /\bsvelte\b/, /solid-js/, /lit-html|lit-element/];

export async function loadResources(browser: Browser, url: string): Promise<Resource[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const pending: Promise<Resource | undefined>[] = [];
    page.on('response', (response) => {
      const kind = response.request().resourceType() as Kind;
      if (!kinds.includes(kind)) return;
      // Redirects have no body.
      pending.push(response.body().then((body) => ({ url: response.url(), kind, body }), () => undefined));
    });
    // The load event first: while a large page is parsed the network can look idle before its scripts are asked for.
    const response = await page.goto(url, { waitUntil: 'load' });
    if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}`);
    await page.waitForLoadState('networkidle');
    return (await Promise.all(pending)).filter((resource) => resource !== undefined);
  } finally {
    await context.close();
  }
}

const gzip = (body: Buffer) => zlib.gzipSync(body, { level: 6 }).length;
const brotli = (body: Buffer) => zlib.brotliCompressSync(body, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

interface Weight {
  /** gzip bytes by kind; scripts split into the page's own and Pagefind's (under /pagefind/). */
  html: number;
  css: number;
  ownJs: number;
  pagefindJs: number;
  htmlCssBrotli: number;
  ownJsBrotli: number;
  scripts: number;
  /** gzip bytes of the data the page's scripts fetched, and the files. */
  data: number;
  dataFiles: string[];
  framework: string[];
}

function weigh(resources: Resource[]): Weight {
  const sum = (pick: (resource: Resource) => boolean, size: (body: Buffer) => number) => resources.filter(pick).reduce((total, resource) => total + size(resource.body), 0);
  const isPagefind = (resource: Resource) => new URL(resource.url).pathname.startsWith('/pagefind/');
  const ownScript = (resource: Resource) => resource.kind === 'script' && !isPagefind(resource);
  return {
    html: sum((resource) => resource.kind === 'document', gzip),
    css: sum((resource) => resource.kind === 'stylesheet', gzip),
    ownJs: sum(ownScript, gzip),
    pagefindJs: sum((resource) => resource.kind === 'script' && isPagefind(resource), gzip),
    htmlCssBrotli: sum((resource) => resource.kind === 'document' || resource.kind === 'stylesheet', brotli),
    ownJsBrotli: sum(ownScript, brotli),
    scripts: resources.filter(ownScript).length,
    data: sum((resource) => resource.kind === 'fetch', gzip),
    dataFiles: resources.filter((resource) => resource.kind === 'fetch').map((resource) => new URL(resource.url).pathname),
    framework: resources.filter((resource) => resource.kind !== 'stylesheet' && !isPagefind(resource) && frameworkSigns.some((sign) => sign.test(resource.body.toString('utf8'))))
      .map((resource) => new URL(resource.url).pathname),
  };
}

/** The median of each figure over the runs (they differ only if a page loads something lazily). */
function medianWeight(weights: Weight[]): Weight {
  const of = (key: Exclude<keyof Weight, 'framework' | 'dataFiles'>) => median(weights.map((weight) => weight[key]));
  return {
    html: of('html'), css: of('css'), ownJs: of('ownJs'), pagefindJs: of('pagefindJs'), htmlCssBrotli: of('htmlCssBrotli'), ownJsBrotli: of('ownJsBrotli'), scripts: of('scripts'), data: of('data'),
    dataFiles: [...new Set(weights.flatMap((weight) => weight.dataFiles))],
    framework: [...new Set(weights.flatMap((weight) => weight.framework))],
  };
}

function row(page: TemplatePage, weight: Weight, site: string, command: string): Row {
  const htmlCss = weight.html + weight.css;
  const markup = `HTML ${kilobytes(weight.html)} + CSS ${kilobytes(weight.css)} = ${kilobytes(htmlCss)} gzip (${kilobytes(weight.htmlCssBrotli)} brotli)`;
  const scripts = weight.scripts === 0 ? 'no JS' : `JS ${kilobytes(weight.ownJs)} gzip (${kilobytes(weight.ownJsBrotli)} brotli) in ${weight.scripts} files`;
  const framework = weight.framework.length ? `, framework JS in ${weight.framework.join(', ')}` : ', no framework JS';
  const figure = `${page.template} \`${page.path}\`, ${site}`;
  const data = weight.dataFiles.length ? `; data fetched by its script ${kilobytes(weight.data)} gzip (${weight.dataFiles.map((file) => `\`${file}\``).join(', ')})` : '';
  if (page.template === 'map') {
    return {
      figure,
      target: 'HTML ≤ 60 KB gzip (markers in a file of their own)',
      measured: `${markup}; ${scripts}${framework}${data}`,
      met: weight.html <= mapHtmlBudget,
      command,
    };
  }
  if (page.template === 'search') {
    return {
      figure,
      target: 'own JS ≤ 30 KB gzip',
      measured: `${scripts}${weight.pagefindJs ? ` besides Pagefind's ${kilobytes(weight.pagefindJs)} gzip under /pagefind/` : ' (Pagefind\'s own files load only once a search starts)'}; ${markup}`,
      met: weight.ownJs <= searchScriptBudget,
      command,
    };
  }
  if (page.listing) {
    return {
      figure,
      target: 'HTML + CSS ≤ 60 KB gzip, no framework JS',
      measured: `${markup}; ${scripts}${framework}`,
      met: htmlCss <= listingBudget && weight.framework.length === 0,
      command,
    };
  }
  return { figure, target: '—', measured: `${markup}; ${scripts}${framework}`, command };
}

async function weighSite(browser: Browser, outDir: string, site: string, runs: number, command: string): Promise<Row[]> {
  const server = await serveBuild(outDir);
  try {
    const rows: Row[] = [];
    for (const page of templatePages(outDir)) {
      const weights: Weight[] = [];
      for (let run = 0; run < runs; run++) weights.push(weigh(await loadResources(browser, server.origin + page.path)));
      const weight = medianWeight(weights);
      console.log(`  ${site} ${page.template}: HTML+CSS ${kilobytes(weight.html + weight.css)}, JS ${kilobytes(weight.ownJs)} gzip`);
      rows.push(row(page, weight, site, command));
    }
    return rows;
  } finally {
    await server.stop();
  }
}

export const pageWeight: BenchPart = {
  id: 'page-weight',
  title: 'Page weight',
  async run(options: BenchOptions) {
    const command = benchCommand(options, 'page-weight', `--runs ${options.runs}`);
    const demo = await ensureDemoBuild();
    // The largest generated build: the one build scaling has just made, or made now.
    const largest = Math.max(...options.groups);
    const large = await ensureBuild(generateContent(largest), siteDirFor(largest));
    const browser = await launchChromium();
    try {
      const rows = await weighSite(browser, demo, 'demo', options.runs, command);
      rows.push(...await weighSite(browser, large, `${largest.toLocaleString('en-GB')} groups`, options.runs, benchCommand(options, 'page-weight', `--groups ${largest} --runs ${options.runs}`)));
      return {
        id: this.id,
        title: this.title,
        command,
        rows,
        notes: [
          [
            'How: each page is loaded in headless Chromium (Debian\'s, through Playwright) from a fresh browser context, from the build served by',
            'the production server (`node server/serve.mjs`), until the load event and then until the network is idle; every document, stylesheet and script it fetched is then compressed here,',
            'gzip at level 6 and brotli at quality 11, so the figures do not depend on how the server compresses them. The budgets are checked on gzip.',
            'The page of each template is the heaviest built one of its kind (largest HTML), so a budget met here is met by all of them.',
            '“Framework JS” means an Astro island or a UI framework runtime (React, Preact, Vue, Svelte, Solid, Lit) among the scripts;',
            'the site\'s own small scripts (quick exit, shortlist) are counted under JS but are not a framework. Bytes do not vary between runs',
            `unless a page loads something lazily; each page was loaded ${options.runs} time(s) and the medians are shown.`,
            `The demo build is of content/ (\`${ourBuildCommand('content', 'generated/bench/demo-dist')}\`).`,
            `The ${largest.toLocaleString('en-GB')}-group build is the one build scaling made in the same run, or one made now if there is none from the same code and content (\`${ourBuildCommand(`generated/bench/content-${largest}`, large)}\`).`,
            'Data a page\'s script fetches (the map\'s markers file) is weighed the same way and shown apart; the map\'s budget is on its HTML alone.',
          ].join(' '),
        ],
      };
    } finally {
      await browser.close();
    }
  },
};
