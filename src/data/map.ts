/**
 * What the map shows: every listed group and asset with a location, under the town or village it
 * is in, for the markers file and the map page's list of areas.
 */
import type { MarkersFile, MarkerTuple } from '../components/map-marker';
import { assetsByName, listedGroups } from './directory';
import { once } from './once';
import { getSite } from './site';

export interface MapPlace {
  name: string;
  href: string;
  lat: number;
  lng: number;
  /** "Group or service", or the asset's building block. */
  type: string;
  /** The area it is listed under on the map. */
  area: string;
}

/** Every place with a location, groups then assets, each A to Z. */
export const mapPlaces = once(async (): Promise<MapPlace[]> => {
  const { t } = await getSite();
  const assets = await assetsByName();
  const assetArea = new Map(assets.map((asset) => [asset.id, asset.data.area]));
  return [
    ...(await listedGroups()).flatMap(({ id, data }) =>
      data.location
        ? [{
            name: data.name,
            href: `/groups/${id}/`,
            ...data.location,
            type: t('map.group'),
            // A group may serve several areas; its marker is where it meets, so it belongs to that place.
            area: (data.venue && assetArea.get(data.venue)) || data.areas[0]!,
          }]
        : [],
    ),
    ...assets.flatMap(({ id, data }) =>
      data.location ? [{ name: data.name, href: `/assets/${id}/`, ...data.location, type: t(`block.${data.block}`), area: data.area }] : [],
    ),
  ];
});

/** Places in the markers file's shape; coordinates to 5 decimal places (about a metre). */
export function markersFile(places: readonly MapPlace[]): MarkersFile {
  const types: string[] = [];
  const areas: string[] = [];
  const indexIn = (list: string[], value: string) => {
    const found = list.indexOf(value);
    return found >= 0 ? found : list.push(value) - 1;
  };
  const round = (degrees: number) => Math.round(degrees * 1e5) / 1e5;
  return {
    types,
    areas,
    places: places.map((place): MarkerTuple => [place.name, place.href, round(place.lat), round(place.lng), indexIn(types, place.type), indexIn(areas, place.area)]),
  };
}
