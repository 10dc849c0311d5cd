import { describe, expect, it } from 'vitest';
import { tileSource } from '../../src/integrations/outside-sources';
import { inSitemap } from '../../src/integrations/sitemap-pages';
import { arrivedOverHttps, directivesFor, policyFor } from '../../server/security-headers.mjs';

describe('the map tiles’ host as a Content-Security-Policy source', () => {
  it('is the origin of the tile address', () => {
    expect(tileSource('https://tile.openstreetmap.org/{z}/{x}/{y}.png')).toBe('https://tile.openstreetmap.org');
  });

  it('keeps a port and turns Leaflet’s {s} subdomains into a wildcard', () => {
    expect(tileSource('https://{s}.tiles.example.org:8443/{z}/{x}/{y}{r}.png')).toBe('https://*.tiles.example.org:8443');
  });

  it('refuses an address that is not http or https', () => {
    expect(() => tileSource('//tiles.example.org/{z}/{x}/{y}.png')).toThrow(/must start with https:\/\//);
  });
});

describe('which policy a path gets', () => {
  it('the CMS under /admin/, with or without the slash, but not a page that only starts with the same letters', () => {
    expect(policyFor('/admin/')?.prefix).toBe('/admin/');
    expect(policyFor('/admin')?.prefix).toBe('/admin/');
    expect(policyFor('/admin/config.yml')?.prefix).toBe('/admin/');
    expect(policyFor('/administration-grants/')).toBeUndefined();
  });

  it('the public site gets the base policy, with the build’s outside sources added once', () => {
    const directives = directivesFor(undefined, { 'img-src': ['https://tile.openstreetmap.org', "'self'"] });
    expect(directives['img-src']).toEqual(["'self'", 'data:', 'https://tile.openstreetmap.org']);
    expect(directives['style-src']).toEqual(["'self'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
  });

  it('the open data files are open to other sites, and the feed is served as Atom', () => {
    expect(policyFor('/open-data/services.json')?.headers).toEqual({ 'Access-Control-Allow-Origin': '*' });
    expect(policyFor('/open-data/grants.csv')?.headers).toEqual({ 'Access-Control-Allow-Origin': '*' });
    expect(policyFor('/feed.xml')?.headers?.['Content-Type']).toBe('application/atom+xml; charset=utf-8');
    expect(policyFor('/feed.xml.bak')).toBeUndefined();
  });

  it('the CMS adds to the base policy rather than replacing it', () => {
    const directives = directivesFor(policyFor('/admin/'));
    expect(directives['style-src']).toEqual(["'self'", "'unsafe-inline'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
  });
});

describe('whether a request arrived over HTTPS', () => {
  const request = (headers: Record<string, string>, encrypted = false) => ({ headers, socket: { encrypted } }) as never;

  it('yes, when a proxy says so (its first hop counts)', () => {
    expect(arrivedOverHttps(request({ 'x-forwarded-proto': 'https' }))).toBe(true);
    expect(arrivedOverHttps(request({ 'x-forwarded-proto': 'HTTPS, http' }))).toBe(true);
  });

  it('yes, on a TLS connection to this server', () => {
    expect(arrivedOverHttps(request({}, true))).toBe(true);
  });

  it('no, over plain HTTP', () => {
    expect(arrivedOverHttps(request({}))).toBe(false);
    expect(arrivedOverHttps(request({ 'x-forwarded-proto': 'http' }))).toBe(false);
  });
});

describe('the sitemap', () => {
  it('lists public pages, and leaves out the staff console, the CMS, search results and the shortlist', () => {
    for (const page of ['/', '/groups/wisbech-health-walks/', '/funds/awarded/', '/open-data/', '/add-a-listing/']) expect(inSitemap(`https://hub.example.org${page}`), page).toBe(true);
    for (const page of ['/staff/', '/staff/sign-in/', '/admin/', '/search/', '/shortlist/']) expect(inSitemap(`https://hub.example.org${page}`), page).toBe(false);
    expect(inSitemap('https://hub.example.org/staffing-grants/')).toBe(true);
  });
});
