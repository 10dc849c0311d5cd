/** Answers of the Open Referral API: JSON, open to every site (CORS), with errors as JSON too. */
import type { APIContext, APIRoute } from 'astro';
import { getSite } from '../data/site';

/** The UK profile requires every answer to be readable from any site's JavaScript. */
const openToAll = { 'Access-Control-Allow-Origin': '*' };

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...openToAll, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'public, max-age=300' },
  });
}

/** An error answer: the status and what was wrong, one message per problem. */
export function problem(status: 400 | 404 | 500, errors: string[]): Response {
  const response = json({ status, message: errors.join(' '), errors }, status);
  response.headers.set('Cache-Control', 'no-store');
  return response;
}

/** A GET handler whose failures still answer as JSON with the CORS header, and never show a stack. */
export function apiRoute(handle: (context: APIContext) => Promise<Response>): APIRoute {
  return async (context) => {
    try {
      return await handle(context);
    } catch (error) {
      console.error('Open Referral API:', error instanceof Error ? error.message : error);
      const { t } = await getSite().catch(() => ({ t: undefined }));
      return problem(500, [t ? t('openData.error.server') : 'Something went wrong on our side.']);
    }
  };
}

/** The preflight a browser may send before a cross-site GET. */
export const preflight: APIRoute = () =>
  new Response(null, { status: 204, headers: { ...openToAll, 'Access-Control-Allow-Methods': 'GET, OPTIONS', 'Access-Control-Allow-Headers': '*', 'Access-Control-Max-Age': '86400' } });
