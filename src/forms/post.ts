/**
 * What a form post must pass before its answers are read: it comes from this site, in a form's
 * content type, within the size limit, and (checked once its answers are in hand, since it needs the
 * database) within the per-minute limit for its sender. Each refusal has its own status. Server-only.
 */
import { getStore } from '../store';
import { clientKeyFor, countPost } from '../store/rate-limit';

export type Refusal = { status: 400; reason: 'bad-form' } | { status: 403; reason: 'cross-site' } | { status: 413; reason: 'too-large' } | { status: 415; reason: 'content-type' } | { status: 429; reason: 'too-many' };

/** A form without files; with files, their limit (5 MB each) plus this. */
export const maxFormBytes = 100 * 1024;

const formTypes = ['application/x-www-form-urlencoded', 'multipart/form-data'];

export async function readPost(request: Request, maxBytes = maxFormBytes): Promise<{ form: FormData } | { refusal: Refusal }> {
  // Browsers say where a post comes from; a post from another site is never a resident's own.
  const site = request.headers.get('sec-fetch-site');
  const origin = request.headers.get('origin');
  if ((site && site !== 'same-origin' && site !== 'none') || (origin && origin !== new URL(request.url).origin)) {
    return { refusal: { status: 403, reason: 'cross-site' } };
  }
  const type = (request.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (!formTypes.includes(type)) return { refusal: { status: 415, reason: 'content-type' } };
  if (Number(request.headers.get('content-length') ?? 0) > maxBytes) return { refusal: { status: 413, reason: 'too-large' } };
  const body = await readLimited(request, maxBytes);
  if (!body) return { refusal: { status: 413, reason: 'too-large' } };
  try {
    return { form: await new Response(new Blob([body]), { headers: { 'content-type': request.headers.get('content-type')! } }).formData() };
  } catch {
    // A body that does not parse as the form type it claims is not a form.
    return { refusal: { status: 415, reason: 'content-type' } };
  }
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
    const { done, value } = await reader.read();
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
