/**
 * The council's postcode table (content/postcodes.csv, loaded as the `postcodes` collection) and the
 * place a resident typed into search's "postcode or town" box: a town or village by name, or a full
 * or partial postcode the table knows.
 */
import { getCollection } from 'astro:content';
import type { LatLng } from '../rules/distance';
import { locatePostcode, type PostcodeTable, readPostcode } from '../rules/postcodes';
import { once } from './once';

export const postcodeTable = once(async (): Promise<PostcodeTable> => new Map((await getCollection('postcodes')).map(({ id, data }) => [id, { lat: data.lat, lng: data.lng }])));

/** A typed place found, or why not: `malformed` when it cannot be a postcode, `unknown` when the table does not have it. */
export type TypedPlace = { centre: LatLng; name: string } | { problem: 'malformed' | 'unknown'; typed: string };

export async function findTypedPlace(typed: string, areas: { name: string; centre: LatLng }[]): Promise<TypedPlace> {
  const town = areas.find((area) => area.name.localeCompare(typed.trim(), 'en-GB', { sensitivity: 'base' }) === 0);
  if (town) return { centre: town.centre, name: town.name };
  const postcode = readPostcode(typed);
  if (!postcode) return { problem: 'malformed', typed };
  const centre = locatePostcode(postcode, await postcodeTable());
  return centre ? { centre, name: postcode.text } : { problem: 'unknown', typed: postcode.text };
}
