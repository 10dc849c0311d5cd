/**
 * TRUST_PROXY, through a real HTTP server on loopback: which address, protocol and host a request is
 * taken to come from, and what the headers say once settled (Astro reads them from there).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTrustProxy, settleForwardedHeaders } from '../../server/trusted-proxy.mjs';

let server: http.Server;
let origin: string;
/** The TRUST_PROXY value the next request is served under. */
let setting: string | undefined;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const answer = settleForwardedHeaders(req, parseTrustProxy(setting));
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ answer, headers: { for: req.headers['x-forwarded-for'], proto: req.headers['x-forwarded-proto'], host: req.headers['x-forwarded-host'] } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function ask(trustProxy: string | undefined, headers: Record<string, string> = {}) {
  setting = trustProxy;
  const response = await fetch(`${origin}/`, { headers });
  return (await response.json()) as { answer: { address: string; protocol: string; host?: string }; headers: { for?: string; proto?: string; host?: string } };
}

const spoofed = { 'x-forwarded-for': '203.0.113.9, 198.51.100.7', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' };

describe('with TRUST_PROXY off (the default), a client cannot choose its address', () => {
  for (const value of [undefined, '', 'off', 'false', '0']) {
    it(`TRUST_PROXY=${JSON.stringify(value)}: the socket's address, plain HTTP, no forwarded host`, async () => {
      const { answer, headers } = await ask(value, spoofed);
      expect(answer).toMatchObject({ address: '127.0.0.1', protocol: 'http' });
      expect(answer.host).toBeUndefined();
      expect(headers).toEqual({ for: '127.0.0.1', proto: 'http' });
    });
  }
});

describe('with one trusted hop (a proxy in front of the hub)', () => {
  it('the address the proxy added (the last in X-Forwarded-For), not the one the client wrote before it', async () => {
    const { answer, headers } = await ask('1', spoofed);
    expect(answer.address).toBe('198.51.100.7');
    expect(headers.for).toBe('198.51.100.7');
  });

  it('the proxy’s protocol and host', async () => {
    const { answer } = await ask('1', spoofed);
    expect(answer).toMatchObject({ protocol: 'https', host: 'evil.example' });
  });

  it('without X-Forwarded-For, the proxy’s own address', async () => {
    expect((await ask('1')).answer.address).toBe('127.0.0.1');
  });
});

describe('with a list of proxy addresses', () => {
  it('skips every trusted proxy from the right and takes the first address that is not one', async () => {
    const { answer } = await ask('loopback, 10.0.0.0/8', { 'x-forwarded-for': '203.0.113.9, 198.51.100.7, 10.1.2.3' });
    expect(answer.address).toBe('198.51.100.7');
  });

  it('believes nothing from a sender that is not on the list', async () => {
    const { answer } = await ask('10.0.0.0/8', spoofed);
    expect(answer).toMatchObject({ address: '127.0.0.1', protocol: 'http' });
  });
});

describe('a TRUST_PROXY the server cannot use stops it with a clear message', () => {
  it('refuses "true", which would trust every client', () => {
    expect(() => parseTrustProxy('true')).toThrow(/number of hops/);
  });

  it('refuses something that is not an address', () => {
    expect(() => parseTrustProxy('proxy.example.org')).toThrow(/TRUST_PROXY: .*addresses and CIDR ranges/);
  });
});
