/**
 * The map's markers, written at build as a static file, so the map page stays small however many
 * places there are and the browser fetches (and caches) the markers once.
 */
import type { APIRoute } from 'astro';
import { markersFile } from '../../components/map-marker';
import { mapPlaces } from '../../data/map';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(markersFile(await mapPlaces())), { headers: { 'Content-Type': 'application/json; charset=utf-8' } });
