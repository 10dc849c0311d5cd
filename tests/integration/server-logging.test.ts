/**
 * LOG_FORMAT=json, through a real HTTP server on loopback: one JSON line per request with no personal
 * data in it, and a stack trace only when the server is at fault.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

process.env.LOG_FORMAT = 'json';
const { clientWentAway, installJsonConsole, logFailure, loggedPath, logRequest } = await import('../../server/logging.mjs');

let server: http.Server;
let origin: string;
const lines: string[] = [];

beforeAll(async () => {
  vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (lines.push(String(chunk)), true));
  const original = { ...console };
  installJsonConsole();
  server = http.createServer((req, res) => {
    logRequest(req, res);
    if (req.url?.startsWith('/broken')) {
      logFailure(req, new Error('the database fell over'));
      res.writeHead(500).end('Internal server error');
    } else res.end('hello');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return () => Object.assign(console, original);
});
afterAll(async () => {
  vi.restoreAllMocks();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const parsed = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);

describe('with LOG_FORMAT=json', () => {
  it('writes one line per request: method, path, status, time and bytes, without the query or a private link’s token', async () => {
    lines.length = 0;
    await (await fetch(`${origin}/staff/password/AbCdEfGhIjKlMnOpQrStUvWxYz0123456789_-abcde/?email=someone@example.org`)).text();
    await expect.poll(() => lines.length).toBe(1);
    const [line] = parsed();
    expect(line).toMatchObject({ level: 'info', message: 'request', method: 'GET', path: '/staff/password/:token/', status: 200, bytes: 5 });
    expect(typeof line!.ms).toBe('number');
    expect(lines[0]).not.toContain('example.org');
    expect(lines[0]).not.toContain('127.0.0.1');
  });

  it('a server fault is logged with its stack, and its request line says 500', async () => {
    lines.length = 0;
    await (await fetch(`${origin}/broken`)).text();
    await expect.poll(() => lines.length).toBe(2);
    const [fault, request] = parsed();
    expect(fault).toMatchObject({ level: 'error', message: 'Could not answer GET /broken: the database fell over', error: 'Error' });
    expect(String(fault!.stack)).toContain('server-logging.test.ts');
    expect(request).toMatchObject({ level: 'error', status: 500 });
  });

  it('a client that went away is one quiet line, no stack', () => {
    lines.length = 0;
    const gone = Object.assign(new Error('aborted'), { code: 'ECONNRESET' });
    expect(clientWentAway(gone)).toBe(true);
    logFailure({ method: 'POST', url: '/ask-about-funding/' } as http.IncomingMessage, gone);
    const [line] = parsed();
    expect(line).toMatchObject({ level: 'warn', message: 'The client left before POST /ask-about-funding/ was answered' });
    expect(line!.stack).toBeUndefined();
  });

  it('keeps ordinary words in a path', () => {
    expect(loggedPath('/funds/healthy-fenland-fund/apply/your-group/?x=1')).toBe('/funds/healthy-fenland-fund/apply/your-group/');
  });
});
