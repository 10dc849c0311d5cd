/** The whole directory as a spreadsheet, written at build. */
import type { APIRoute } from 'astro';
import { servicesCsv } from '../../openreferral/csv';
import { servedDirectory } from '../../openreferral/load';

export const GET: APIRoute = async () =>
  new Response(servicesCsv((await servedDirectory()).services), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
