/**
 * `npm run generate -- --groups 10000 [--assets 2000] [--stories 1000] [--events 2000] [--roles 200] [--out generated/content]`
 *
 * Writes synthetic but schema-valid groups, assets, stories, events (one-off and weekly, some with a
 * cancelled date) and volunteering roles for benchmarks, into a directory
 * outside content/ (git-ignored). Areas, taxonomy, contacts, funds, pages, settings and the postcode
 * table are copied from content/ so references resolve. Build against it with CONTENT_DIR=generated/content.
 * The output is the same for the same counts (a seeded random generator).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { readYamlFile } from '../src/content-model/read';
import { buildingBlocks } from '../src/schemas/asset';
import { days } from '../src/schemas/fields';

const { values } = parseArgs({
  options: {
    groups: { type: 'string', default: '1000' },
    assets: { type: 'string' },
    stories: { type: 'string' },
    events: { type: 'string' },
    roles: { type: 'string' },
    out: { type: 'string', default: 'generated/content' },
    from: { type: 'string', default: 'content' },
  },
});
const groupCount = Number(values.groups);
const assetCount = Number(values.assets ?? Math.round(groupCount / 5));
const storyCount = Number(values.stories ?? Math.round(groupCount / 10));
const eventCount = Number(values.events ?? Math.round(groupCount / 5));
const roleCount = Number(values.roles ?? Math.round(groupCount / 50));
const out = path.resolve(values.out!);
const from = path.resolve(values.from!);

// Mulberry32: small, seeded, good enough for varied fake data.
let seed = 20261123;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
const some = <T>(items: readonly T[], most: number): T[] => [...new Set(Array.from({ length: 1 + Math.floor(random() * most) }, () => pick(items)))];

const idsOf = (file: string) => (readYamlFile(path.join(from, file)) as { id: string; parent?: string }[]);
const areaIds = fs.readdirSync(path.join(from, 'areas')).map((file) => path.basename(file, '.yaml'));
const areaCentres = new Map(areaIds.map((id) => [id, (readYamlFile(path.join(from, 'areas', `${id}.yaml`)) as { centre: { lat: number; lng: number }; name: string })]));
const categories = idsOf('taxonomy/categories.yaml').filter((c) => c.parent).map((c) => c.id);
const audiences = idsOf('taxonomy/audiences.yaml').map((c) => c.id);
const accessibility = idsOf('taxonomy/accessibility.yaml').map((c) => c.id);
const languages = idsOf('taxonomy/languages.yaml').map((c) => c.id);

const activities = ['Lunch Club', 'Walking Group', 'Knit and Natter', 'Youth Club', 'Coffee Morning', 'Men’s Shed', 'Carers’ Café', 'Choir', 'Baby and Toddler Group', 'Digital Drop-in', 'Book Club', 'Allotment Society', 'Food Pantry', 'Chair Yoga', 'Memory Café', 'Repair Café', 'Conversation Club', 'Gardening Club', 'Bowls Club', 'Dance Class'];
const places = ['Village Hall', 'Community Centre', 'Library', 'Church Hall', 'Sports Pavilion', 'Playing Field', 'Allotments', 'Nature Reserve', 'Heritage Trail', 'Museum', 'Pantry', 'Credit Union Point'];
const words = 'friendly welcoming weekly local neighbours share support chat tea learn together help skills garden walk music games stories'.split(' ');
const sentence = (count: number) => {
  const text = Array.from({ length: count }, () => pick(words)).join(' ');
  return `${text[0].toUpperCase()}${text.slice(1)}.`;
};
const isoDaysAgo = (most: number) => new Date(Date.UTC(2026, 10, 20) - Math.floor(random() * most) * 86_400_000).toISOString().slice(0, 10);
const near = (area: string) => {
  const { lat, lng } = areaCentres.get(area)!.centre;
  return { lat: Number((lat + (random() - 0.5) * 0.02).toFixed(5)), lng: Number((lng + (random() - 0.5) * 0.02).toFixed(5)) };
};
const frontMatter = (data: object, body: string) => `---\n${stringify(data)}---\n${body}\n`;
const phone = (index: number) => `01632 960${String(index % 1000).padStart(3, '0')}`;

fs.rmSync(out, { recursive: true, force: true });
for (const folder of ['areas', 'contacts', 'funds', 'pages', 'settings', 'taxonomy']) {
  fs.cpSync(path.join(from, folder), path.join(out, folder), { recursive: true });
}
// The postcode table too, so a search by postcode works on generated content as on the demo.
if (fs.existsSync(path.join(from, 'postcodes.csv'))) fs.copyFileSync(path.join(from, 'postcodes.csv'), path.join(out, 'postcodes.csv'));
for (const folder of ['groups', 'assets', 'stories', 'events', 'volunteering']) fs.mkdirSync(path.join(out, folder), { recursive: true });

for (let index = 0; index < groupCount; index++) {
  const area = pick(areaIds);
  const name = `${areaCentres.get(area)!.name} ${pick(activities)} ${index + 1}`;
  const group = {
    name,
    summary: `${sentence(10)} In ${areaCentres.get(area)!.name}.`,
    categories: some(categories, 2),
    audiences: some(audiences, 2),
    areas: [area],
    location: near(area),
    schedule: [{ day: pick(days), opens: '10:00', closes: '12:00', frequency: pick(['weekly', 'fortnightly', 'monthly']) }],
    cost: { type: pick(['free', 'low-cost', 'paid']) },
    accessibility: some(accessibility, 3),
    languages: some(languages, 2),
    contact: { email: `group${index + 1}@example.org`, phone: phone(index) },
    lastReviewed: isoDaysAgo(500),
  };
  fs.writeFileSync(path.join(out, 'groups', `generated-group-${index + 1}.md`), frontMatter(group, `${sentence(40)}\n\n${sentence(30)}`));
}
const blocks = buildingBlocks;
for (let index = 0; index < assetCount; index++) {
  const area = pick(areaIds);
  const asset = {
    name: `${areaCentres.get(area)!.name} ${pick(places)} ${index + 1}`,
    block: blocks[index % blocks.length],
    summary: sentence(14),
    area,
    location: near(area),
    howToUse: sentence(8),
    categories: some(categories, 2),
    accessibility: some(accessibility, 2),
    contact: { email: `asset${index + 1}@example.org` },
    lastReviewed: isoDaysAgo(500),
  };
  fs.writeFileSync(path.join(out, 'assets', `generated-asset-${index + 1}.md`), frontMatter(asset, sentence(40)));
}
for (let index = 0; index < storyCount; index++) {
  const area = pick(areaIds);
  const story = {
    title: `A story from ${areaCentres.get(area)!.name}, number ${index + 1}`,
    date: isoDaysAgo(700),
    author: 'Sam, community enabler',
    summary: sentence(16),
    areas: [area],
    groups: groupCount > 0 ? [`generated-group-${1 + Math.floor(random() * groupCount)}`] : [],
  };
  fs.writeFileSync(path.join(out, 'stories', `generated-story-${index + 1}.mdx`), frontMatter(story, `${sentence(50)}\n\n${sentence(50)}`));
}
const groupId = () => `generated-group-${1 + Math.floor(random() * groupCount)}`;
const dayFrom = (first: string, days: number) => new Date(Date.parse(`${first}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
for (let index = 0; groupCount > 0 && index < eventCount; index++) {
  const area = pick(areaIds);
  const date = dayFrom('2027-01-04', Math.floor(random() * 365));
  // A third repeat weekly for twelve weeks, every other one of those with its second week cancelled.
  const weekly = index % 3 === 0;
  const event = {
    kind: index % 4 === 0 ? 'training' : 'event',
    title: `${areaCentres.get(area)!.name} ${pick(activities)} ${index % 4 === 0 ? 'course' : 'open day'} ${index + 1}`,
    summary: sentence(14),
    groups: [groupId()],
    ...(assetCount > 0 ? { venue: `generated-asset-${1 + Math.floor(random() * assetCount)}` } : { address: { line1: '1 High Street', town: areaCentres.get(area)!.name, postcode: 'PE15 8AA' } }),
    areas: [area],
    audiences: some(audiences, 2),
    accessibility: some(accessibility, 2),
    cost: { type: pick(['free', 'low-cost', 'paid']) },
    date,
    starts: '10:00',
    ends: '12:00',
    ...(weekly ? { repeat: { frequency: 'weekly', until: dayFrom(date, 77) }, ...(index % 2 === 0 ? { cancelled: [dayFrom(date, 7)] } : {}) } : {}),
    contact: { email: `event${index + 1}@example.org` },
  };
  fs.writeFileSync(path.join(out, 'events', `generated-event-${index + 1}.md`), frontMatter(event, sentence(40)));
}
for (let index = 0; groupCount > 0 && index < roleCount; index++) {
  const area = pick(areaIds);
  const role = {
    title: `${pick(activities)} volunteer ${index + 1}`,
    summary: sentence(14),
    groups: [groupId()],
    areas: [area],
    audiences: some(audiences, 2),
    whatYouDo: sentence(12),
    timeAsked: 'About 2 hours a week',
    skills: [sentence(3)],
    support: sentence(8),
    howToApply: `Email role${index + 1}@example.org with a few lines about yourself.`,
    ...(index % 2 === 0 ? { closes: dayFrom('2027-01-04', Math.floor(random() * 365)) } : {}),
    contact: { email: `role${index + 1}@example.org` },
  };
  fs.writeFileSync(path.join(out, 'volunteering', `generated-role-${index + 1}.md`), frontMatter(role, sentence(30)));
}
console.log(`Wrote ${groupCount} groups, ${assetCount} assets, ${storyCount} stories, ${groupCount > 0 ? eventCount : 0} events and ${groupCount > 0 ? roleCount : 0} volunteering roles to ${out}`);
