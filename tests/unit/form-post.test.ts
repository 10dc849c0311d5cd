import { describe, expect, it } from 'vitest';
import { maximumAttachmentBytes } from '../../src/forms/file-type';
import { maxFormBytes, readPost } from '../../src/forms/post';

const oneFileForm = maxFormBytes + maximumAttachmentBytes;
const post = (body: BodyInit, headers: Record<string, string> = {}) => new Request('http://localhost/form/', { method: 'POST', body, headers: { origin: 'http://localhost', ...headers } });

describe('reading a post with files', () => {
  it('reads a file over 5 MB to its end and keeps one byte past the limit, so the file check says it is too large, with the answers after it', async () => {
    const body = new FormData();
    body.set('name', 'Sam');
    body.set('document', new File([new Uint8Array(6 * 1024 * 1024)], 'big.pdf'));
    body.set('after', 'kept');
    const read = await readPost(post(body), oneFileForm);
    if (!('form' in read)) throw new Error(`refused: ${read.refusal.reason}`);
    expect((read.form.get('document') as File).size).toBe(maximumAttachmentBytes + 1);
    expect(read.form.get('after')).toBe('kept');
  });

  it('refuses more files than the form has room for, rather than holding them all', async () => {
    const body = new FormData();
    for (let index = 0; index < 3; index++) body.append('document', new File([new Uint8Array(3 * 1024 * 1024)], `part-${index}.pdf`));
    expect(await readPost(post(body), oneFileForm)).toEqual({ refusal: { status: 413, reason: 'too-large' } });
  });

  it('refuses text over 100 KB, and a body that is not the multipart it claims', async () => {
    const wordy = new FormData();
    wordy.set('story', 'x'.repeat(maxFormBytes + 1));
    expect(await readPost(post(wordy), oneFileForm)).toEqual({ refusal: { status: 413, reason: 'too-large' } });
    const unclosed = post('--b\r\nContent-Disposition: form-data; name="a"\r\n\r\nhello', { 'content-type': 'multipart/form-data; boundary=b' });
    expect(await readPost(unclosed, oneFileForm)).toEqual({ refusal: { status: 415, reason: 'content-type' } });
  });
});
