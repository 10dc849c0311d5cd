/**
 * The map's markers as `/map/markers.json` holds them (src/pages/map/markers.json.ts writes it at
 * build; the map page's browser script reads it). Each place is a short array rather than an object
 * so that ten thousand of them stay a small download; the names of its kinds and areas are listed
 * once and referred to by position.
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
