/**
 * Who a request came from, over which protocol and for which host, trusting the forwarding headers
 * (X-Forwarded-For, -Proto, -Host, -Port) only from the reverse proxies TRUST_PROXY names. Anyone can
 * send those headers, so believing them from every client lets one client pose as many and pass the
 * rate limits, or claim HTTPS. The answer is written back over the request's headers before anything
 * else reads them, so the rate limits, the sign-in throttle, HSTS and the cookies' Secure flag (all of
 * which read `Astro.clientAddress` and the request's URL) see the same one. The parsing is proxy-addr's,
 * as Express uses.
 *
 * TRUST_PROXY:
 * - unset, `off`, `false` or `0`: no proxy; the socket's address is the client's and the headers are dropped;
 * - a whole number of hops (`1`: one proxy in front, such as nginx on the same machine or a load balancer);
 * - a comma-separated list of proxy addresses or CIDR ranges, or proxy-addr's names `loopback`,
 *   `linklocal` and `uniquelocal` (`loopback, 10.0.0.0/8`).
 */
import proxyaddr from 'proxy-addr';

/** @typedef {(address: string, hop: number) => boolean} Trust */

/**
 * TRUST_PROXY read into proxy-addr's trust function; throws with a readable message for a value it cannot use.
 * @param {string | undefined} value
 * @returns {Trust}
 */
export function parseTrustProxy(value) {
  const setting = value?.trim().toLowerCase() ?? '';
  if (['', 'off', 'false', '0', 'no'].includes(setting)) return () => false;
  if (/^\d+$/.test(setting)) {
    const hops = Number(setting);
    return (_address, hop) => hop < hops;
  }
  if (['true', 'on', 'yes'].includes(setting)) {
    throw new Error('TRUST_PROXY: say which proxy to trust (a number of hops such as 1, or its addresses), not just "true": trusting every sender lets any client pose as another');
  }
  const entries = setting.split(',').map((entry) => entry.trim()).filter(Boolean);
  try {
    return proxyaddr.compile(entries);
  } catch (error) {
    throw new Error(`TRUST_PROXY: ${error instanceof Error ? error.message : String(error)} (expected off, a number of hops, or addresses and CIDR ranges separated by commas)`);
  }
}

/** The first of a header's comma-separated values, as a proxy in front of the others wrote it. */
const firstValue = (/** @type {string | string[] | undefined} */ header) => (Array.isArray(header) ? header[0] : header)?.split(',')[0]?.trim() || undefined;

/**
 * Where a request came from, as far as `trust` allows: the client's address, and whether the proxy
 * nearest us is trusted (only then do its X-Forwarded-Proto and -Host count).
 * @param {import('node:http').IncomingMessage} req
 * @param {Trust} trust
 */
export function forwardedFor(req, trust) {
  const socketAddress = req.socket.remoteAddress ?? '';
  const fromTrustedProxy = socketAddress !== '' && trust(socketAddress, 0);
  // proxy-addr reads req.connection, which is the socket.
  const address = fromTrustedProxy ? proxyaddr(/** @type {any} */ (req), trust) : socketAddress;
  const proto = fromTrustedProxy ? firstValue(req.headers['x-forwarded-proto'])?.toLowerCase() : undefined;
  return {
    address,
    protocol: proto === 'https' || proto === 'http' ? proto : /** @type {import('node:tls').TLSSocket} */ (req.socket).encrypted ? 'https' : 'http',
    host: fromTrustedProxy ? firstValue(req.headers['x-forwarded-host']) : undefined,
    port: fromTrustedProxy ? firstValue(req.headers['x-forwarded-port']) : undefined,
  };
}

/**
 * Replaces the request's forwarding headers with the one trusted answer, in the form Astro's Node
 * handler reads them (it takes the first X-Forwarded-For value as `clientAddress`, and X-Forwarded-Proto
 * for the URL's protocol). Headers from an untrusted sender are removed.
 * @param {import('node:http').IncomingMessage} req
 * @param {Trust} trust
 */
export function settleForwardedHeaders(req, trust) {
  const answer = forwardedFor(req, trust);
  for (const name of ['forwarded', 'x-forwarded-for', 'x-forwarded-proto', 'x-forwarded-host', 'x-forwarded-port', 'x-real-ip']) delete req.headers[name];
  if (answer.address) req.headers['x-forwarded-for'] = answer.address;
  req.headers['x-forwarded-proto'] = answer.protocol;
  if (answer.host) req.headers['x-forwarded-host'] = answer.host;
  if (answer.port) req.headers['x-forwarded-port'] = answer.port;
  return answer;
}
