/** A point in WGS84 decimal degrees, as in a listing's `location`. */
export interface LatLng {
  lat: number;
  lng: number;
}

/** The mean Earth radius (IUGG), which keeps the haversine error under 0.5%. */
const earthRadiusKm = 6371.0088;
const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** The great-circle distance between two points in kilometres (haversine formula). */
export function distanceKm(a: LatLng, b: LatLng): number {
  const dLat = radians(b.lat - a.lat);
  const dLng = radians(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLng / 2) ** 2;
  // min() guards against rounding just above 1 for antipodal points.
  return 2 * earthRadiusKm * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Items nearest first; items without a location come last in their original order. Ties keep their order. */
export function sortByDistance<T>(
  items: T[],
  from: LatLng,
  locate: (item: T) => LatLng | undefined,
): { item: T; km?: number }[] {
  const measured = items.map((item) => {
    const at = locate(item);
    return { item, km: at ? distanceKm(from, at) : undefined };
  });
  // Array.prototype.sort is stable (ES2019), so equal keys keep their input order.
  return measured.sort((a, b) => {
    if (a.km === undefined || b.km === undefined) return Number(a.km === undefined) - Number(b.km === undefined);
    return a.km - b.km;
  });
}

/** Reads "52.664,0.160" (as sent by "use my location"); anything else is no location. */
export function parseLatLng(text: string | null): LatLng | undefined {
  const match = /^(-?\d{1,2}(?:\.\d+)?),(-?\d{1,3}(?:\.\d+)?)$/.exec(text?.trim() ?? '');
  if (!match) return undefined;
  const [lat, lng] = [Number(match[1]), Number(match[2])];
  return Math.abs(lat) <= 90 && Math.abs(lng) <= 180 ? { lat, lng } : undefined;
}

/** Kilometres in a statute mile. */
const kmPerMile = 1.609344;

/**
 * A distance as a person says it, in whole miles: 0 for "less than a mile", then the nearest mile
 * ("about 3 miles"), and past 20 miles the nearest 5 ("about 35 miles").
 */
export function roundedMiles(km: number): number {
  const miles = km / kmPerMile;
  if (miles < 1) return 0;
  return miles < 20 ? Math.max(1, Math.round(miles)) : Math.round(miles / 5) * 5;
}

/** A place that has a centre, such as a town or village. */
export interface Centred {
  name: string;
  centre: LatLng;
}

/**
 * Where to measure a listing from: its own position, or, for a listing with none (a helpline, a
 * group that visits), the centre of the nearest area it serves, named in `area` so the page can say
 * "in Wimblington" rather than pretend a precise distance. Undefined when it has neither.
 */
export function placeOf(location: LatLng | undefined, areas: Centred[], from: LatLng): { at: LatLng; area?: string } | undefined {
  if (location) return { at: location };
  let nearest: Centred | undefined;
  for (const area of areas) if (!nearest || distanceKm(from, area.centre) < distanceKm(from, nearest.centre)) nearest = area;
  return nearest && { at: nearest.centre, area: nearest.name };
}
