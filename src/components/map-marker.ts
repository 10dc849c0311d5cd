/** A point on the map page, as the page writes it into `#map-data` and its browser script reads it. */
export interface MapMarker {
  name: string;
  href: string;
  lat: number;
  lng: number;
  kind: 'group' | 'asset';
  /** "Group or service", or the asset's building block. */
  type: string;
}
