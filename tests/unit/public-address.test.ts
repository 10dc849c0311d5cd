import { describe, expect, it } from 'vitest';
import { defaultSiteUrl, isLoopback, publicAddressWarning, readSiteUrl } from '../../server/public-address.mjs';

describe('SITE_URL', () => {
  it('is the site address people use, kept as its origin', () => {
    expect(readSiteUrl('https://hub.example.org')).toBe('https://hub.example.org');
    expect(readSiteUrl(' https://Hub.Example.org/ ')).toBe('https://hub.example.org');
    expect(readSiteUrl('http://192.0.2.10:8080')).toBe('http://192.0.2.10:8080');
  });

  it('unset or empty, is this machine, as `npm start` serves it', () => {
    expect(readSiteUrl(undefined)).toBe(defaultSiteUrl);
    expect(readSiteUrl('')).toBe('http://localhost:4321');
  });

  it('stops the build with the reason when it is not a usable address', () => {
    expect(() => readSiteUrl('hub.example.org')).toThrow(/SITE_URL must be a full address starting https:\/\/.*got "hub.example.org"/);
    expect(() => readSiteUrl('ftp://hub.example.org')).toThrow(/must start https:\/\/ or http:\/\//);
    expect(() => readSiteUrl('https://example.org/hub')).toThrow(/no path/);
  });
});

describe('an address that only reaches this machine', () => {
  it.each(['localhost', 'LOCALHOST', 'hub.localhost', '127.0.0.1', '127.1.2.3', '::1', '[::1]'])('%s is loopback', (host) => {
    expect(isLoopback(host)).toBe(true);
  });
  it.each(['0.0.0.0', '::', '', '192.168.1.20', 'hub.example.org', 'localhost.example.org'])('%s is not', (host) => {
    expect(isLoopback(host)).toBe(false);
  });
});

describe('the warning for a site meant for other machines without its address', () => {
  const site = defaultSiteUrl;

  it('is given when the server listens on every address without SITE_URL, naming what will be wrong and how to set it', () => {
    const warning = publicAddressWarning({ site, host: '0.0.0.0' })!;
    expect(warning).toContain('HOST is 0.0.0.0');
    for (const wrong of ['emails', 'feed', 'calendar file', 'canonical links', 'sitemap']) expect(warning).toContain(wrong);
    expect(warning).toContain('http://localhost:4321');
    expect(warning).toContain('SITE_URL=https://hub.example.org npm run build');
  });

  it('is given in production behind a proxy on this machine, and for a build on CI', () => {
    expect(publicAddressWarning({ site, host: 'localhost', nodeEnv: 'production' })).toContain('NODE_ENV is production');
    expect(publicAddressWarning({ site, ci: 'true' })).toContain('this build runs on CI');
  });

  it('is not given for trying the hub on this machine', () => {
    expect(publicAddressWarning({ site })).toBeUndefined();
    expect(publicAddressWarning({ site, host: 'localhost', nodeEnv: 'development' })).toBeUndefined();
    expect(publicAddressWarning({ site, host: '127.0.0.1', ci: 'false' })).toBeUndefined();
  });

  it('is not given once SITE_URL names the public address', () => {
    expect(publicAddressWarning({ site: 'https://hub.example.org', host: '0.0.0.0', nodeEnv: 'production', ci: 'true' })).toBeUndefined();
    expect(publicAddressWarning({ site: 'https://hub.example.org', host: '0.0.0.0', siteUrl: 'https://hub.example.org/' })).toBeUndefined();
  });

  it('tells a server given a SITE_URL its build was not made with to build again', () => {
    const warning = publicAddressWarning({ site, host: 'localhost', siteUrl: 'https://hub.example.org' })!;
    expect(warning).toContain('SITE_URL is https://hub.example.org, but this build was made for http://localhost:4321');
    expect(warning).toContain('SITE_URL=https://hub.example.org npm run build');
    expect(publicAddressWarning({ site, siteUrl: 'hub.example.org' })).toMatch(/SITE_URL must be a full address/);
  });
});
