/**
 * What the production server writes to its log. By default, plain lines for people (the server's own
 * messages and faults, no line per request). With LOG_FORMAT=json, for a log shipper: every line is one
 * JSON object (`time`, `level`, `message`), including one per request (method, path, status, time taken,
 * bytes). A request's line holds no personal data: no address, no query string, and the secret in a
 * private link's path (a password link, a feedback link) is replaced by `:token`.
 *
 * Stack traces are written for real faults only (the server failed to answer); a client that went away
 * mid-request is one quiet line.
 */
import { format } from 'node:util';

export const logFormat = (process.env.LOG_FORMAT ?? '').trim().toLowerCase() === 'json' ? 'json' : 'text';

/** Error codes that mean the client left (closed the tab, lost signal), not that the server is at fault. */
const clientGoneCodes = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE', 'ERR_STREAM_DESTROYED', 'ABORT_ERR']);

/** Whether `error` says the client went away rather than that the server failed. */
export function clientWentAway(/** @type {unknown} */ error) {
  if (!(error instanceof Error)) return false;
  const code = /** @type {{ code?: unknown }} */ (error).code;
  return error.name === 'AbortError' || (typeof code === 'string' && clientGoneCodes.has(code));
}

/** A path fit for a log: no query, and any secret-looking segment (a long random token) replaced. */
export function loggedPath(/** @type {string | undefined} */ url) {
  const pathname = (url ?? '/').split(/[?#]/)[0] ?? '/';
  return pathname
    .split('/')
    .map((segment) => (/^[A-Za-z0-9_-]{32,}$/.test(segment) && /[0-9]/.test(segment) && /[A-Za-z]/.test(segment) ? ':token' : segment))
    .join('/')
    .slice(0, 300);
}

/** @param {'info' | 'warn' | 'error'} level @param {Record<string, unknown>} fields */
function writeJson(level, fields) {
  const line = JSON.stringify({ time: new Date().toISOString(), level, ...fields });
  (level === 'info' ? process.stdout : process.stderr).write(`${line}\n`);
}

/**
 * In JSON mode, makes console.log, info, warn and error (the server's, Astro's, the store's) write JSON
 * lines; an Error among the arguments keeps its stack in `stack`.
 */
export function installJsonConsole() {
  if (logFormat !== 'json') return;
  /** @param {'info' | 'warn' | 'error'} level */
  const writer = (level) => (/** @type {unknown[]} */ ...args) => {
    const error = args.find((arg) => arg instanceof Error);
    const message = format(...args.map((arg) => (arg instanceof Error ? arg.message : arg)));
    writeJson(level, { message, ...(error ? { error: error.name, stack: error.stack } : {}) });
  };
  console.log = writer('info');
  console.info = writer('info');
  console.warn = writer('warn');
  console.error = writer('error');
}

/**
 * Writes a request's line when its response is done, in JSON mode; nothing otherwise.
 * @param {import('node:http').IncomingMessage} req
 * @param {import('node:http').ServerResponse} res
 */
export function logRequest(req, res) {
  if (logFormat !== 'json') return;
  const started = process.hrtime.bigint();
  let bytes = 0;
  const write = res.write.bind(res);
  const end = res.end.bind(res);
  /** @param {unknown} chunk */
  const count = (chunk) => {
    if (typeof chunk === 'string') bytes += Buffer.byteLength(chunk);
    else if (chunk instanceof Uint8Array) bytes += chunk.byteLength;
  };
  res.write = /** @type {typeof res.write} */ ((/** @type {any} */ chunk, /** @type {any[]} */ ...rest) => (count(chunk), write(chunk, ...rest)));
  res.end = /** @type {typeof res.end} */ ((/** @type {any} */ chunk, /** @type {any[]} */ ...rest) => (typeof chunk !== 'function' && count(chunk), end(chunk, ...rest)));
  res.on('close', () => {
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    writeJson(res.statusCode >= 500 ? 'error' : 'info', {
      message: 'request',
      method: req.method,
      path: loggedPath(req.url),
      status: res.statusCode,
      ms: Math.round(ms * 10) / 10,
      bytes,
      ...(res.writableFinished ? {} : { aborted: true }),
    });
  });
}

/**
 * Logs a request that could not be answered: with its stack when the server is at fault, in one line when the client left.
 * @param {import('node:http').IncomingMessage} req
 * @param {unknown} error
 */
export function logFailure(req, error) {
  const where = `${req.method} ${loggedPath(req.url)}`;
  if (clientWentAway(error)) console.warn(`The client left before ${where} was answered`);
  else console.error(`Could not answer ${where}:`, error);
}
