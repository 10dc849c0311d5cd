/** Grant applications answered over HTTP, as a browser without JavaScript would, for tests that need one ready to send. */
import { type APIRequestContext, expect } from '@playwright/test';
import { currentTime } from '../../src/rules/clock';

// checkAttachment reads a file's first bytes, not its name: this is a PDF whatever it is called.
export const pdf = { name: 'constitution.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n') };

/** Answers every section of a Small Sparks application, or another single-stage fund's (the draft is the request context's cookie); `groupName` as given. */
export async function completeDraft(request: APIRequestContext, baseURL: string, groupName = 'Parallel Picnic Club', { fund = 'small-sparks', amount = '200' } = {}): Promise<void> {
  const headers = { origin: new URL(baseURL).origin };
  const base = `/funds/${fund}/apply/`;
  const year = String(currentTime().getUTCFullYear() + 1);
  const sections: [string, Record<string, string>][] = [
    ['your-group', { groupName, organisationType: 'community-group', bankAccount: 'yes' }],
    ['contact', { contactName: 'Alex Example', contactEmail: 'alex@example.org', contactPhone: '01632 960 124' }],
    ['project', { projectTitle: 'Picnic kit', projectType: 'equipment', projectSummary: 'Tables and a gazebo for summer picnics.', need: 'No shade in the park.', amount }],
    ['where-and-who', { areas: 'march', peopleReached: '25' }],
    ['community', { involvement: 'Neighbours plan each picnic together.' }],
    ['budget', { 'item[]': 'Gazebo', 'cost[]': amount }],
    ['timeline', { 'start-day': '1', 'start-month': '6', 'start-year': year, 'end-day': '1', 'end-month': '9', 'end-year': year, milestones: 'June: first picnic.' }],
  ];
  for (const [section, form] of sections) {
    const response = await request.post(`${base}${section}/`, { form, headers, maxRedirects: 0 });
    expect(response.status(), section).toBe(303);
  }
  const upload = await request.post(`${base}documents/`, { multipart: { action: 'continue', documentFor: 'other', document: pdf }, headers, maxRedirects: 0 });
  expect(upload.status()).toBe(303);
  const declarations = new URLSearchParams([['declarations', 'true'], ['declarations', 'authorised'], ['declarations', 'data'], ['declarantName', 'Alex Example']]);
  const declared = await request.post(`${base}declarations/`, { data: declarations.toString(), headers: { ...headers, 'content-type': 'application/x-www-form-urlencoded' }, maxRedirects: 0 });
  expect(declared.headers().location).toBe(`${base}check/`);
}

/** Sends the draft made by `completeDraft`; returns the reference the confirmation shows. */
export async function sendDraft(request: APIRequestContext, baseURL: string, fund = 'small-sparks'): Promise<string> {
  const sent = await request.post(`/funds/${fund}/apply/check/`, { form: {}, headers: { origin: new URL(baseURL).origin } });
  expect(sent.status()).toBe(200);
  const reference = /data-reference>([^<]+)</.exec(await sent.text())?.[1];
  expect(reference).toBeTruthy();
  return reference!;
}
