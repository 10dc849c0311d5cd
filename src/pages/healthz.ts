/**
 * GET /healthz, for load balancers and uptime checks: 200 `{"status":"ok"}` when the database
 * answers, 503 `{"status":"unavailable"}` when it does not.
 */
import type { APIRoute } from 'astro';
import { closeStore, getStore } from '../store';

export const prerender = false;

/** Long enough for PGlite's first open and migrations; a check that hangs is as bad as one that fails. */
const timeoutMs = 5000;

function answer(status: number, body: { status: string }): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' },
  });
}

async function databaseAnswers(): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    await Promise.race([getStore().then((store) => store.query('SELECT 1')), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export const GET: APIRoute = async () => {
  try {
    await databaseAnswers();
    return answer(200, { status: 'ok' });
  } catch (error) {
    console.error(`Health check: the database did not answer (${error instanceof Error ? error.message : String(error)})`);
    return answer(503, { status: 'unavailable' });
  }
};

/** Called by the server (server/serve.mjs) once the last request has finished, so the database closes cleanly. */
export const shutdown = closeStore;
