/**
 * What a form post must pass before its answers are read: it comes from this site, in a form's
 * content type, within the size limit, and (checked once its answers are in hand, since it needs the
 * database) within the per-minute limit for its sender. Each refusal has its own status. A file over
 * its limit is not a refusal: it is read and dropped, so the form can say so beside its question.
 * Server-only.
 */
import { Readable } from 'node:stream';
import busboy from 'busboy';
import { maximumAttachmentBytes } from './file-type';
import { getStore } from '../store';
import { clientKeyFor, countPost } from '../store/rate-limit';

export type Refusal = { status: 400; reason: 'bad-form' } | { status: 400; reason: 'aborted' } | { status: 403; reason: 'cross-site' } | { status: 413; reason: 'too-large' } | { status: 415; reason: 'content-type' } | { status: 429; reason: 'too-many' };

/** A form without files; with files, their limit (5 MB each) plus this. */
export const maxFormBytes = 100 * 1024;

const formTypes = ['application/x-www-form-urlencoded', 'multipart/form-data'];

/**
 * How much of a post with files is read at most (50 MB) before it is refused with 413: a file over its
 * 5 MB limit is read to its end and dropped, so that the sender, who is still sending it, gets the
 * form back with the problem on the file's question rather than a broken connection.
 */
export const maxUploadPostBytes = 50 * 1024 * 1024;

/**
 * The post's fields, once it passes the checks. `maxBytes` is the largest body accepted; a multipart
 * post (one with files) may be up to `maxUploadPostBytes` instead, with text fields still within
 * `maxFormBytes` and each file kept to one byte past the 5 MB limit, so the file check says it is too
 * large. A body the client stops sending is refused as `aborted` with one line in the log.
 */
export async function readPost(request: Request, maxBytes = maxFormBytes): Promise<{ form: FormData } | { refusal: Refusal }> {
  // Browsers say where a post comes from; a post from another site is never a resident's own.
  const site = request.headers.get('sec-fetch-site');
  const origin = request.headers.get('origin');
  if ((site && site !== 'same-origin' && site !== 'none') || (origin && origin !== new URL(request.url).origin)) {
    return { refusal: { status: 403, reason: 'cross-site' } };
  }
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!formTypes.includes(type)) return { refusal: { status: 415, reason: 'content-type' } };
  const multipart = type === 'multipart/form-data';
  const limit = multipart && maxBytes > maxFormBytes ? Math.max(maxBytes, maxUploadPostBytes) : maxBytes;
  if (Number(request.headers.get('content-length') ?? 0) > limit) return { refusal: { status: 413, reason: 'too-large' } };
  try {
    if (multipart) return await readMultipart(request, limit, maxBytes);
    const body = await readLimited(request, limit);
    if (!body) return { refusal: { status: 413, reason: 'too-large' } };
    return { form: await new Response(new Blob([body]), { headers: { 'content-type': request.headers.get('content-type')! } }).formData() };
  } catch (error) {
    if (error instanceof BodyNotReceived) {
      console.warn(`A post to ${routeOf(request)} ended before its body did: ${error.message}`);
      return { refusal: { status: 400, reason: 'aborted' } };
    }
    // A body that does not parse as the form type it claims is not a form.
    return { refusal: { status: 415, reason: 'content-type' } };
  }
}

/** The client stopped sending (closed the tab, lost signal): its fault, not the server's, so no stack trace. */
class BodyNotReceived extends Error {}

/** The request's path for the log, with anything that looks like a private link's secret left out. */
function routeOf(request: Request): string {
  return new URL(request.url).pathname.replace(/[A-Za-z0-9_-]{20,}/g, '…');
}

/** Why a body stopped arriving, in a few words: the error's code or message, never its data. */
function reasonOf(error: unknown): string {
  if (error instanceof Error) return 'code' in error && error.code ? String(error.code) : error.message.slice(0, 80) || error.name;
  return 'unknown';
}

/**
 * A multipart body read as it streams in (busboy): text fields up to `maxFormBytes` in all, each file
 * kept to one byte past the attachment limit and the rest of it read and dropped, the whole body at
 * most `maxBytes`, and no more than `keepBytes` of it kept in memory (so a post of many files is
 * refused rather than held).
 */
async function readMultipart(request: Request, maxBytes: number, keepBytes: number): Promise<{ form: FormData } | { refusal: Refusal }> {
  if (!request.body) return { form: new FormData() };
  const form = new FormData();
  const parser = busboy({
    headers: { 'content-type': request.headers.get('content-type')! },
    defParamCharset: 'utf8',
    limits: { fieldSize: maxFormBytes, fileSize: maximumAttachmentBytes + 1, files: 10 },
  });
  let textBytes = 0;
  let fileBytes = 0;
  let tooLarge = false;
  const files: Promise<void>[] = [];
  parser.on('field', (name, value, info) => {
    textBytes += name.length + value.length;
    if (textBytes > maxFormBytes || info.valueTruncated || info.nameTruncated) tooLarge = true;
    else form.append(name, value);
  });
  parser.on('file', (name, stream, info) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => {
      fileBytes += chunk.byteLength;
      if (textBytes + fileBytes > keepBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    files.push(new Promise((resolve) => {
      // A body cut off mid-file ends the file with an error; the parser reports the same to the post.
      stream.on('error', () => resolve());
      stream.on('end', () => {
        form.append(name, new File([new Uint8Array(Buffer.concat(chunks))], info.filename ?? '', { type: info.mimeType }));
        resolve();
      });
    }));
  });
  let malformed: unknown;
  const parsed = new Promise<void>((resolve, reject) => {
    parser.on('close', resolve);
    parser.on('error', (error) => {
      malformed ??= error;
      reject(error);
    });
  });
  // Answered below, or the body is refused early and nothing waits for it.
  parsed.catch(() => undefined);
  let received = 0;
  const body = Readable.fromWeb(request.body as import('node:stream/web').ReadableStream<Uint8Array>);
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      received += chunk.byteLength;
      if (received > maxBytes) {
        body.destroy();
        parser.destroy();
        return { refusal: { status: 413, reason: 'too-large' } };
      }
      // Past a fault in the body, the rest is read and dropped, so the sender can read the answer.
      if (malformed) continue;
      if (!parser.write(chunk)) await new Promise((resolve) => ['drain', 'error', 'close'].forEach((event) => parser.once(event, resolve)));
    }
  } catch (error) {
    parser.destroy();
    throw new BodyNotReceived(reasonOf(error));
  }
  if (malformed) throw malformed;
  parser.end();
  await parsed;
  await Promise.all(files);
  return tooLarge ? { refusal: { status: 413, reason: 'too-large' } } : { form };
}

/** Counts the post against its sender's limit a minute; false when over it. Needs the database. */
export async function withinPostLimit(clientAddress: string): Promise<boolean> {
  const store = await getStore();
  return (await countPost(store, await clientKeyFor(store, clientAddress))).allowed;
}

/** The body, or undefined once it passes `maxBytes` (a sender may leave out or misstate its length). */
export async function readLimited(request: Request, maxBytes: number): Promise<Uint8Array<ArrayBuffer> | undefined> {
  if (!request.body) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = request.body.getReader();
  for (;;) {
    const { done, value } = await reader.read().catch((error: unknown) => {
      throw new BodyNotReceived(reasonOf(error));
    });
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    body.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return body;
}
