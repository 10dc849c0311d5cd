/**
 * Lighthouse (12.x, the last line that runs on Node 20) on the demo build served by its Node
 * server, with Lighthouse's default mobile profile and simulated throttling, in Debian's Chromium.
 */
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { type Result } from 'lighthouse';
import { chromiumPath } from './browser';
import { type BenchOptions, type BenchPart, type Row, benchCommand, median, spread } from './report';
import { serveBuild } from './server';
import { ensureDemoBuild, ourBuildCommand, siteDirFor, templatePages } from './sites';

const categories = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
type Category = (typeof categories)[number];
const targets: Partial<Record<Category, number>> = { performance: 95, accessibility: 100 };
const flags = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** The audits that cost a category points, worst first, briefly. */
function failingAudits(result: Result, category: Category): string[] {
  return result.categories[category].auditRefs
    .filter((ref) => ref.weight > 0)
    .map((ref) => ({ ref, audit: result.audits[ref.id] }))
    .filter(({ audit }) => audit.score !== null && audit.score < 1)
    .sort((a, b) => (a.audit.score ?? 0) * a.ref.weight - (b.audit.score ?? 0) * b.ref.weight || b.ref.weight - a.ref.weight)
    .slice(0, 5)
    .map(({ audit }) => `${audit.id}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
}

/**
 * One Lighthouse run. A run that fails to record the page load (its error says to run it again)
 * is run again, up to twice; it happened to the server-rendered application start page now and then.
 */
async function measure(port: number, url: string): Promise<Result> {
  for (let attempt = 1; ; attempt++) {
    const runner = await lighthouse(url, { port, output: 'json', logLevel: 'error', onlyCategories: [...categories] });
    if (!runner) throw new Error(`Lighthouse returned nothing for ${url}`);
    if (!runner.lhr.runtimeError) return runner.lhr;
    if (attempt === 3) throw new Error(`Lighthouse could not load ${url}: ${runner.lhr.runtimeError.message}`);
    console.log(`  ${url}: ${runner.lhr.runtimeError.code}, running it again`);
  }
}

export const lighthouseScores: BenchPart = {
  id: 'lighthouse',
  title: 'Lighthouse',
  async run(options: BenchOptions) {
    const command = benchCommand(options, 'lighthouse', `--runs ${options.runs}`);
    const outDir = await ensureDemoBuild();
    const byTemplate = new Map(templatePages(siteDirFor('demo')).map((page) => [page.template, page.path]));
    const pages = [
      ...(['home', 'search', 'group listing', 'area', 'fund'] as const).map((template) => ({ template, path: byTemplate.get(template)! })),
      // Rendered by the server, so not among the built pages; the demo content's rolling fund always takes applications.
      { template: 'application start', path: '/funds/small-sparks/apply/' },
    ];
    const server = await serveBuild(outDir);
    const chrome = await chromeLauncher.launch({ chromePath: chromiumPath, chromeFlags: flags });
    const rows: Row[] = [];
    const notes: string[] = [];
    try {
      for (const page of pages) {
        const scores = new Map<Category, number[]>(categories.map((category) => [category, []]));
        let last: Result | undefined;
        for (let run = 0; run < options.runs; run++) {
          last = await measure(chrome.port, server.origin + page.path);
          for (const category of categories) scores.get(category)!.push(Math.round((last.categories[category].score ?? 0) * 100));
        }
        const summary = categories.map((category) => `${category} ${median(scores.get(category)!)}`).join(', ');
        console.log(`  ${page.template} ${page.path}: ${summary}`);
        const missed = categories.filter((category) => median(scores.get(category)!) < (targets[category] ?? 0));
        rows.push({
          figure: `${page.template} \`${page.path}\`: performance / accessibility / best practices / SEO`,
          target: 'performance ≥ 95, accessibility 100',
          measured: categories.map((category) => median(scores.get(category)!)).join(' / ') + spread(scores.get('performance')!, String).replace('runs', 'performance runs'),
          met: missed.length === 0,
          command,
        });
        // Where points were lost, the audits that cost them, so a miss can be acted on.
        const lost = categories.filter((category) => median(scores.get(category)!) < 100).map((category) => `${category}: ${failingAudits(last!, category).join(', ')}`);
        const metric = (id: string) => last!.audits[id].displayValue;
        notes.push(`- \`${page.path}\`, last run: first contentful paint ${metric('first-contentful-paint')}, largest contentful paint ${metric('largest-contentful-paint')}, total blocking time ${metric('total-blocking-time')}, layout shift ${metric('cumulative-layout-shift')}${lost.length ? `. Points lost in ${lost.join('; ')}` : ''}.`);
      }
    } finally {
      chrome.kill();
      await server.stop();
    }
    notes.unshift([
      'How: `lighthouse` 12.8.2 through its Node API, default (mobile) settings with simulated throttling, driving Debian\'s Chromium',
      `(\`/usr/bin/chromium\`, started by chrome-launcher with \`${flags.slice(0, 2).join(' ')}\`) against the demo build`,
      `(\`${ourBuildCommand('content', 'generated/bench/demo-dist')}\`) served by the production server (\`node server/serve.mjs\`,`,
      'which compresses text and sets the security headers) on a free port.',
      `The listing, area and fund pages are the heaviest of their kind. Scores are medians of ${options.runs} runs per page; performance`,
      'on a shared 2-core machine moves by a few points between runs.',
    ].join(' '));
    return { id: this.id, title: this.title, command, rows, notes };
  },
};
