/**
 * Who is asking, for every staff page, in one place: the session from its cookie, the role check,
 * and the per-session token every staff form carries. Server-only.
 *
 * Every page under /staff (except sign-in) starts with
 *   const access = await requireRole(Astro, 'applications.view');
 *   if ('response' in access) return access.response;
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { APIContext, AstroCookies } from 'astro';
import { readPost, type Refusal } from '../forms/post';
import type { Translate } from '../i18n';
import { getStore } from '../store';
import { resumeSession, type StaffSession } from '../store/staff';
import { can, type Permission } from './roles';
import { readTwoFactorRequirement, secondFactorRequired } from './two-factor';

/** Sent only to /staff, only by the browser (HttpOnly), and not with posts from other sites (SameSite). */
export const sessionCookie = 'hub_staff';
/** Carries the challenge between a right password and the second factor's code (`/staff/sign-in/code/`). */
export const challengeCookie = 'hub_staff_challenge';
/** The token of the forms used before signing in (sign-in, setting a password), since there is no session yet to hold one. */
export const signInTokenCookie = 'hub_staff_sign_in';
/** The hidden field that carries the token in every staff form. */
export const csrfField = 'csrf';

type Context = Pick<APIContext, 'cookies' | 'url' | 'request' | 'rewrite' | 'redirect'> & { response?: { headers: Headers } };

export type Access = { staff: StaffSession } | { response: Response };

const tokenShape = /^[A-Za-z0-9_-]{20,100}$/;

export function cookieOptions(url: URL) {
  // Lax, not Strict: a link to an application in an email still arrives signed in; every change is a post checked by token.
  return { path: '/staff/', httpOnly: true, sameSite: 'lax', secure: url.protocol === 'https:' } as const;
}

/**
 * The token for a form shown to someone not signed in: kept in a cookie (made here if there is none)
 * and put in the form's hidden field; a post is taken only when the two match (`sameToken`).
 */
export function formTokenWithoutSession(cookies: AstroCookies, url: URL): string {
  const token = cookies.get(signInTokenCookie)?.value;
  if (token && /^[A-Za-z0-9_-]{40,50}$/.test(token)) return token;
  const fresh = randomBytes(32).toString('base64url');
  cookies.set(signInTokenCookie, fresh, cookieOptions(url));
  return fresh;
}

/** The signed-in session, if the cookie holds a live one. */
export async function currentSession(cookies: AstroCookies): Promise<StaffSession | undefined> {
  const token = cookies.get(sessionCookie)?.value;
  if (!token || !tokenShape.test(token)) return undefined;
  return resumeSession(await getStore(), token);
}

/** Where sign-in may send someone back to: a staff page on this site, nothing else. */
export function safeNext(next: string | null | undefined): string {
  return next && /^\/staff\/[A-Za-z0-9/_.-]*$/.test(next) && !next.startsWith('/staff/sign-') && !next.includes('..') ? next : '/staff/';
}

/** Where someone whose role must use a second factor (STAFF_REQUIRE_2FA) is sent until they have one. */
export const secondFactorSetUpPath = '/staff/two-factor/set-up/';

/** Whether this session must set up a second factor before using the console. */
export const mustSetUpSecondFactor = (staff: StaffSession): boolean =>
  !staff.secondFactor && secondFactorRequired(staff.account.role, readTwoFactorRequirement(process.env.STAFF_REQUIRE_2FA));

/**
 * The session if its account may do `permission`; otherwise the answer to give instead: a redirect to
 * sign-in for nobody, a 403 page for the wrong role, and a redirect to set up an authenticator app for
 * a role that must have one (except on the pages that set it up: `secondFactorOptional`). Staff pages
 * are never cached or indexed.
 */
export async function requireRole(context: Context, permission: Permission, { secondFactorOptional = false } = {}): Promise<Access> {
  context.response?.headers.set('cache-control', 'private, no-store');
  context.response?.headers.set('x-robots-tag', 'noindex');
  const staff = await currentSession(context.cookies);
  if (!staff) {
    const next = encodeURIComponent(context.url.pathname);
    return { response: new Response(null, { status: 303, headers: { location: `/staff/sign-in/?next=${next}`, 'cache-control': 'no-store' } }) };
  }
  if (!can(staff.account.role, permission)) return { response: await context.rewrite('/staff/forbidden/') };
  if (!secondFactorOptional && mustSetUpSecondFactor(staff)) {
    return { response: new Response(null, { status: 303, headers: { location: secondFactorSetUpPath, 'cache-control': 'no-store' } }) };
  }
  return { staff };
}

/** Constant-time comparison of a posted token with the expected one. */
export function sameToken(posted: FormDataEntryValue | null | undefined, expected: string | undefined): boolean {
  if (typeof posted !== 'string' || !expected) return false;
  const a = Buffer.from(posted);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type StaffRefusal = Refusal | { status: 403; reason: 'expired-form' };

/** The answer to a refused staff post, in plain words: an expired form says to go back and try again. */
export function refusedPost(refusal: StaffRefusal, t: Translate): Response {
  const reason = refusal.reason === 'expired-form' ? 'staff.refused.expired-form' : (`form.refused.${refusal.reason}` as const);
  return new Response(t(reason), { status: refusal.status, headers: { 'content-type': 'text/plain; charset=utf-8' } });
}

/** A staff form's post: from this site (Origin), of a form type and size, and carrying the session's token. */
export async function readStaffPost(request: Request, expectedToken: string | undefined): Promise<{ form: FormData } | { refusal: StaffRefusal }> {
  const read = await readPost(request);
  if ('refusal' in read) return read;
  if (!sameToken(read.form.get(csrfField), expectedToken)) return { refusal: { status: 403, reason: 'expired-form' } };
  return read;
}
