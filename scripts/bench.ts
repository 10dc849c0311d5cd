/**
 * `npm run bench [-- --only build-scaling,server-start,page-weight,search,search-server,openreferral,forms,sign-in,lighthouse,publish,whats-on,kpi] [--groups 1000,10000] [--runs 3] [--large-runs 3] [--at <commit>] [--site <build>]`
 *
 * Measures the figures the project's issues set targets for and writes each part's table into
 * docs/benchmarks.md, replacing only the sections of the parts that ran. Not part of `npm test`:
 * the whole run takes about 16 minutes on a quiet 2-core machine, most of it the three 10,000-group builds.
 * Parts are independent; add one by writing a module with a `BenchPart` and listing it below.
 */
import { parseArgs } from 'node:util';
import { buildScaling } from './bench/build-scaling';
import { formsBench } from './bench/forms';
import { kpiBench } from './bench/kpi';
import { signInBench } from './bench/sign-in';
import { lighthouseScores } from './bench/lighthouse';
import { openReferralApi } from './bench/openreferral';
import { pageWeight } from './bench/page-weight';
import { publishBench } from './bench/publish';
import { type BenchPart, machineLine, reportFile, writeSection } from './bench/report';
import { searchInBrowser } from './bench/search';
import { serverSearch } from './bench/search-server';
import { serverStart } from './bench/server-start';
import { builtCommit, useCommit } from './bench/sites';
import { whatsOnBench } from './bench/whats-on';

process.env.ASTRO_TELEMETRY_DISABLED = '1';

/** In the order they run: the server's start, search (in the browser and on the server) and the Open Referral API reuse the largest build that build scaling leaves behind. */
const parts: BenchPart[] = [buildScaling, serverStart, pageWeight, searchInBrowser, serverSearch, openReferralApi, formsBench, signInBench, lighthouseScores, publishBench, whatsOnBench, kpiBench];

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    groups: { type: 'string', default: '1000,10000' },
    runs: { type: 'string', default: '3' },
    'large-runs': { type: 'string', default: '3' },
    at: { type: 'string' },
    // A build to serve as it is in server-start, e.g. one made elsewhere.
    site: { type: 'string' },
  },
});

const chosen = values.only?.split(',').map((id) => id.trim()) ?? parts.map((part) => part.id);
const unknown = chosen.filter((id) => !parts.some((part) => part.id === id));
if (unknown.length) {
  console.error(`Unknown part ${unknown.join(', ')}; the parts are ${parts.map((part) => part.id).join(', ')}`);
  process.exit(2);
}
const counts = (text: string) => text.split(',').map(Number);
const options = { groups: counts(values.groups!), runs: Number(values.runs), largeRuns: Number(values['large-runs']), at: values.at, site: values.site };
if ([...options.groups, options.runs, options.largeRuns].some((value) => !Number.isInteger(value) || value < 1)) {
  console.error('--groups, --runs and --large-runs take whole numbers of at least 1');
  process.exit(2);
}

// Measure a commit rather than the working tree (which may be mid-edit).
if (options.at) console.log(`Building commit ${useCommit(options.at)} rather than the working tree`);

const started = performance.now();
let failed = false;
for (const part of parts.filter((part) => chosen.includes(part.id))) {
  console.log(`\n== ${part.title} ==`);
  const machine = machineLine(builtCommit());
  const partStarted = performance.now();
  try {
    const sections = [await part.run(options)].flat();
    const load = (await import('node:os')).loadavg().map((value) => value.toFixed(2)).join(', ');
    for (const section of sections) writeSection(section, `${machine} Load average after: ${load}.`);
    console.log(`${part.title}: written to ${reportFile} in ${((performance.now() - partStarted) / 1000).toFixed(0)} s`);
  } catch (error) {
    // One part failing leaves the others' figures standing.
    failed = true;
    console.error(`${part.title} failed:`, error);
  }
}
console.log(`\nDone in ${((performance.now() - started) / 60_000).toFixed(1)} minutes.`);
process.exit(failed ? 1 : 0);
