/**
 * What's on at scale: a cold build of 10,000 generated groups with 2,000 events (a third of them
 * repeating weekly, some with a cancelled date) and 200 volunteering roles, with its CPU time beside
 * its wall time and peak memory, and the calendar files it writes; then, on that build's server, the
 * time the pages that work out dates on each request take: /whats-on/, every date to come, the Atom
 * feed, and a search whose events are judged at the moment of the search (asked cold, then warm).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { type BenchOptions, type BenchPart, type Row, benchCommand, duration, gigabytes, kilobytes, median } from './report';
import { serveBuild } from './server';
import { buildOurSite, generateContent, siteDirFor } from './sites';

/** One request's time, and its body's size uncompressed and with gzip (level 6), as the page-weight part measures pages. */
async function timed(url: string): Promise<{ ms: number; bytes: number; gzipped: number }> {
  const started = performance.now();
  const response = await fetch(url);
  const body = Buffer.from(await response.arrayBuffer());
  if (!response.ok) throw new Error(`${url}: ${response.status}`);
  return { ms: performance.now() - started, bytes: body.byteLength, gzipped: zlib.gzipSync(body, { level: 6 }).byteLength };
}

export const whatsOnBench: BenchPart = {
  id: 'whats-on',
  title: "What's on at scale",
  async run(options: BenchOptions) {
    const groups = Math.max(...options.groups);
    const command = benchCommand(options, 'whats-on', `--groups ${groups}`);
    const contentDir = generateContent(groups);
    const events = fs.readdirSync(path.join(contentDir, 'events')).length;
    const roles = fs.readdirSync(path.join(contentDir, 'volunteering')).length;
    const outDir = siteDirFor(groups);
    console.log(`What's on: building ${groups} groups with ${events} events and ${roles} roles…`);
    const built = await buildOurSite(contentDir, outDir);
    const cpu = built.cpuSeconds;
    const calendars = fs.readdirSync(path.join(outDir, 'client'), { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ics'));
    const calendarBytes = calendars.reduce((sum, file) => sum + fs.statSync(path.join(outDir, 'client', file)).size, 0);
    const size = `${groups.toLocaleString('en-GB')} groups, ${events.toLocaleString('en-GB')} events, ${roles} roles`;
    const rows: Row[] = [
      { figure: `cold build, ${size}: wall time, CPU time (user + system)`, target: '—', measured: `${duration(built.seconds)}, CPU ${duration(cpu)}`, command },
      { figure: `cold build, ${size}: peak memory (RSS summed over the process tree)`, target: '—', measured: gigabytes(built.peakTreeBytes), command },
      { figure: `calendar files written (one per event, everything, each kind and town, funding dates)`, target: '—', measured: `${calendars.length.toLocaleString('en-GB')} files, ${(calendarBytes / 1e6).toFixed(1)} MB`, command },
    ];
    const server = await serveBuild(outDir);
    try {
      const pages = [
        ["/whats-on/ (the next 30 days)", '/whats-on/'],
        ['/whats-on/?when=all (every date to come)', '/whats-on/?when=all'],
        ['/volunteer/ (every open role)', '/volunteer/'],
        ['/whats-on/generated-event-1/ (a weekly event with a cancelled date)', '/whats-on/generated-event-1/'],
        ['/whats-on/feed.xml (Atom, every event and role still on)', '/whats-on/feed.xml'],
        ['/search/?q=open+day (events judged at the moment of the search)', '/search/?q=open+day'],
        ['/search/?type=Event&date=Next+30+days (the date filter)', '/search/?type=Event&date=Next+30+days'],
      ];
      for (const [name, address] of pages) {
        const cold = await timed(`${server.origin}${address}`);
        const warm: number[] = [];
        for (let run = 0; run < 5; run++) warm.push((await timed(`${server.origin}${address}`)).ms);
        rows.push({ figure: `${name}, ${size}: first answer, then median of 5`, target: '—', measured: `${cold.ms.toFixed(0)} ms, then ${median(warm).toFixed(0)} ms; ${kilobytes(cold.bytes)} (${kilobytes(cold.gzipped)} with gzip)`, command });
      }
    } finally {
      await server.stop();
    }
    const notes = [
      `How: \`npm run generate -- --groups ${groups}\` writes ${events} events (a quarter training courses; a third repeating weekly for twelve weeks, half of those with a cancelled date) and ${roles} volunteering roles beside the groups, assets and stories; the build is cold (its own content-layer cache, emptied first). CPU time is the build's process tree's user and system time, measured as build scaling measures it (scripts/bench/measure.ts). The page times are single requests one after another from this process to the build's own server (no compression asked for), on the real clock, so "the next 30 days" holds the generated events of those days; a search is kept per minute, so its second answer comes from the cache.`,
    ];
    return { id: this.id, title: this.title, command, rows, notes };
  },
};
