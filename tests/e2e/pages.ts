/** Every page of the built site, read from dist/, plus the pages the server renders on demand. */
import fs from 'node:fs';
import path from 'node:path';

export const client = `${process.env.E2E_DIST ?? 'dist'}/client`;

export function builtPages(): string[] {
  if (!fs.existsSync(client)) throw new Error(`No build in ${client}: run npm run build first (npm test does).`);
  const files = fs.readdirSync(client, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.html'));
  return files
    .map((file) => file.split(path.sep).join('/'))
    .filter((file) => file !== '404.html')
    // The CMS is third-party once it starts; tests/e2e/admin.spec.ts checks what our own page wraps it in.
    .filter((file) => !file.startsWith('admin/'))
    .map((file) => `/${file.replace(/(^|\/)index\.html$/, '$1')}`)
    .sort();
}

/** Server-rendered pages and the not-found page, which the crawl checks too. */
export const onDemandPages = ['/search/', '/search/?area=Chatteris&day=Tuesday', '/search/?q=lunch+club', '/search/?q=walking&area=Chatteris&sort=name', '/search/?q=lunch&sort=distance&from=wisbech', '/search/?q=zzzzqqq', '/search/?q=club&page=2',
  // Distance from a postcode, and a postcode search's two errors (not a postcode; not one in the area).
  '/search/?q=lunch&postcode=PE16+6AB', '/search/?q=lunch&postcode=not+a+postcode', '/search/?q=lunch&postcode=CB1+2AB',
  // Browsing by filters alone: no words, open now and this week, an age, and an age typed wrong (the group list and area pages are built).
  '/search/?type=Group+or+service&type=Place+or+resource&area=Chatteris', '/search/?q=toddlers&area=Whittlesey&day=Tuesday', '/search/?type=Group+or+service&when=Open+now&when=This+week&age=4', '/search/?area=March&age=four', '/search/?age=200',
  '/this-page-does-not-exist/', '/ask-about-funding/', '/suggest-an-edit/', '/suggest-an-edit/?listing=groups%2Fchatteris-community-choir', '/suggest-an-edit/?listing=assets%2Fmarch-library', '/suggest-an-edit/?listing=groups%2Fa-group-that-has-gone', '/add-a-listing/', '/add-an-event/', '/add-a-volunteering-role/', '/share-a-story/', '/shortlist/', '/shortlist/?items=groups/wisbech-health-walks,assets/march-library', '/shortlist/?items=assets/march-library&removed=groups/wisbech-health-walks', '/shortlist/?items=&removed=assets/march-library', '/map/?area=manea', '/funds/awarded/', '/funds/check/', '/funds/check/?organisation=community-group&area=wisbech&amount=400&theme=company-and-friendship', '/funds/check/?organisation=school&amount=lots&theme=treasure',
  // The application journey as a newcomer sees it (pages with answers and errors are checked in apply.spec.ts).
  ...['', 'your-group/', 'contact/', 'project/', 'where-and-who/', 'community/', 'budget/', 'timeline/', 'documents/', 'declarations/', 'check/'].map((page) => `/funds/small-sparks/apply/${page}`),
  '/funds/cambridgeshire-communities-innovation-fund/apply/', '/funds/cambridgeshire-communities-innovation-fund/apply/outline/', '/funds/community-building-improvement/apply/',
  '/funds/small-sparks/apply/resume/link-that-does-not-exist-000/',
  // Funds whose applications are made on the funder's website, and apply addresses that do not exist.
  '/funds/armed-forces-covenant-grants/apply/', '/funds/police-and-crime-community-grants/apply/',
  '/funds/fund-that-does-not-exist/apply/', '/funds/small-sparks/apply/section-that-does-not-exist/',
  // A funded project's feedback link that does not exist (a real one is checked in staff-personal-data.spec.ts).
  '/feedback/link-that-does-not-exist-0000000000000000000000000/',
  // A funded project's offer link that does not exist (a real one is checked in grants-award.spec.ts).
  '/offer/link-that-does-not-exist-000000000000000000000000000/',
  // The staff console's sign-in page; its other pages need a session, so staff.spec.ts checks them signed in.
  '/staff/sign-in/',
  // What's on and volunteering: lists, filtered lists, an event to come, a repeating one, one that has happened, an open and a closed role.
  '/whats-on/', '/whats-on/?when=all&kind=training&free=yes&children=yes&accessible=yes&area=march', '/whats-on/?when=all&group=march-timebank',
  '/whats-on/first-aid-for-volunteers-march/', '/whats-on/march-thursday-health-walk/', '/whats-on/fenland-volunteers-fair-wisbech/', '/whats-on/event-that-does-not-exist/',
  '/volunteer/', '/volunteer/?area=chatteris&dbs=no', '/volunteer/chatteris-health-walk-leader/', '/volunteer/eastrea-orchard-apple-day-helper/',
  // A cancelled event's page; what's on in search, by words and by the date filter; what's on with an area's feeds listed.
  '/whats-on/chatteris-choir-spring-concert/', '/search/?q=first+aid+training', '/search/?type=Event&type=Training+course&date=Next+30+days', '/search/?q=walk+leader+chatteris', '/whats-on/?area=chatteris', '/whats-on/?kind=event&kind=volunteering&area=chatteris', '/search/static/?q=first+aid+training'];
