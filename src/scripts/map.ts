/**
 * The map page's map: fetches the markers file the build wrote and shows its places on a Leaflet
 * map, clustered by Leaflet.markercluster so thousands of them stay quick and readable. Clusters
 * and places are buttons a keyboard reaches (Enter zooms into a cluster or opens a place's link);
 * the page's list of towns and villages is the way to everything without the map.
 */
import 'leaflet/dist/leaflet.css';
import 'leaflet.markercluster/dist/MarkerCluster.css';
import L from 'leaflet';
import 'leaflet.markercluster';
import type { MarkersFile, MarkerTuple } from '../components/map-marker';

const wrapper = document.getElementById('map-section')!;
const canvas = document.getElementById('map')!;
const status = document.getElementById('map-status')!;
const text = canvas.dataset as Record<'textCluster' | 'textShowing' | 'textShowingArea', string>;

const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w+)\}/g, (match, name: string) => values[name] ?? match);

/** A place's marker: a round button named by the place, whose popup links to its page. */
const placeIcon = L.divIcon({ className: 'hub-map__place', iconSize: [24, 24], html: '' });
function placeMarker([name, href, lat, lng, type]: MarkerTuple, types: string[]): L.Marker {
  return L.marker([lat, lng], { icon: placeIcon, title: `${name} (${types[type]})` }).bindPopup(() => {
    const popup = document.createElement('p');
    popup.append(Object.assign(document.createElement('a'), { className: 'govuk-link', href, textContent: name }), document.createElement('br'), types[type] ?? '');
    return popup;
  });
}

/** A cluster's button shows how many places it holds and says so in words. */
function clusterIcon(cluster: L.MarkerCluster): L.DivIcon {
  const count = cluster.getChildCount();
  const label = document.createElement('span');
  label.className = 'govuk-visually-hidden';
  label.textContent = ` ${text.textCluster}`;
  const html = document.createElement('span');
  html.append(String(count), label);
  const size = count < 10 ? 34 : count < 100 ? 40 : 48;
  return L.divIcon({ className: 'hub-map__cluster', iconSize: [size, size], html });
}

async function loadMarkers(): Promise<MarkersFile> {
  const response = await fetch(canvas.dataset.markers!);
  if (!response.ok) throw new Error(`${canvas.dataset.markers} answered ${response.status}`);
  return (await response.json()) as MarkersFile;
}

// Shown before Leaflet starts, which needs the container's size.
document.getElementById('map-needs-script')!.hidden = true;
wrapper.hidden = false;
// The list below is the way to browse by keyboard, so the wheel scrolls the page, not the map.
const map = L.map(canvas, { scrollWheelZoom: false });
// The attribution comes from the site settings, which staff edit in git, so it may hold a link.
L.tileLayer(canvas.dataset.tiles!, { attribution: canvas.dataset.attribution, maxZoom: 19 })
  .once('tileerror', () => {
    document.getElementById('map-tiles-failed')!.hidden = false;
  })
  .addTo(map);

async function showMarkers(): Promise<void> {
  const { types, areas, places } = await loadMarkers();
  // `/map/?area=manea`, from a village's page, opens on that village's places.
  const areaId = new URLSearchParams(window.location.search).get('area');
  const areaIndex = areaId ? areas.indexOf(areaId) : -1;
  const inArea = places.filter((place) => place[5] === areaIndex);
  // An area with nothing on the map yet opens on the whole map.
  const shown = inArea.length > 0 ? inArea : places;
  const bounds = L.latLngBounds(shown.map(([, , lat, lng]) => [lat, lng]));
  if (bounds.isValid()) map.fitBounds(bounds, { padding: [20, 20], maxZoom: 16 });
  else map.fitWorld();

  await new Promise<void>((added) => {
    const clusters = L.markerClusterGroup({
      iconCreateFunction: clusterIcon,
      // The outline of a cluster's area appears only on hover, which a keyboard cannot do.
      showCoverageOnHover: false,
      // Places at the same spot spread out at the closest zoom, so each can be chosen.
      spiderfyOnMaxZoom: true,
      // Adds thousands of markers in slices, so the page stays responsive while they load.
      chunkedLoading: true,
      // Called before the last slice is drawn, which follows at once in the same task.
      chunkProgress: (processed, total) => {
        if (processed === total) queueMicrotask(added);
      },
    });
    map.addLayer(clusters);
    clusters.addLayers(places.map((place) => placeMarker(place, types)));
    if (places.length === 0) added();
  });

  const areaName = inArea.length > 0 ? document.querySelector(`#area-${CSS.escape(areaId!)} a`)?.textContent : undefined;
  status.textContent = areaName
    ? fill(text.textShowingArea, { count: shown.length.toLocaleString('en-GB'), area: areaName })
    : fill(text.textShowing, { count: places.length.toLocaleString('en-GB') });
  canvas.dataset.loaded = String(places.length);
}

// A keyboard user who opens a place goes straight to its link, rather than on through the other markers.
map.on('popupopen', ({ popup }) => {
  if (document.activeElement?.classList.contains('hub-map__place')) popup.getElement()?.querySelector('a')?.focus();
});

showMarkers().catch((error: unknown) => {
  console.error(error);
  document.getElementById('map-markers-failed')!.hidden = false;
  map.fitWorld();
});
