/**
 * The map's places, and the markers file as `/map/markers.json` holds them (src/pages/map/markers.json.ts
 * writes it at build; the map page's browser script reads it). Each place is a short array rather
 * than an object so that ten thousand of them stay a small download; the names of its kinds and
 * areas are listed once and referred to by position.
 */
export interface MarkersFile {
  /** What a place is, as residents read it: "Group or service", or an asset's building block. */
  types: string[];
  /** Area ids, so the map can open on one town or village (`/map/?area=manea`). */
  areas: string[];
  places: MarkerTuple[];
}

/** `[name, address of its page, latitude, longitude, index into types, index into areas]`. */
export type MarkerTuple = [name: string, href: string, lat: number, lng: number, type: number, area: number];

/** A place on the map, as the build finds it (src/data/map.ts). */
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
