/**
 * What the map shows: every listed group and asset with a location, under the town or village it
 * is in, for the markers file and the map page's list of areas.
 */
import type { MapPlace } from '../components/map-marker';
import { assetsByName, listedGroups } from './directory';
import { once } from './once';
import { getSite } from './site';

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
