import { describe, expect, it } from 'vitest';
import { distanceFrom } from '../../src/data/describe';
import { translator } from '../../src/i18n';
import { distanceKm, parseLatLng, placeOf, roundedMiles, sortByDistance } from '../../src/rules/distance';

const wisbech = { lat: 52.6664, lng: 0.1596 };
const march = { lat: 52.5511, lng: 0.0884 };
const chatteris = { lat: 52.4563, lng: 0.0553 };

// Expected values were worked out separately with the vector (atan2) form of the great-circle distance.
describe('the distance between two places', () => {
  it('is about 13.7 km from Wisbech to March, either way round', () => {
    expect(Math.abs(distanceKm(wisbech, march) - 13.69)).toBeLessThanOrEqual(0.1);
    expect(distanceKm(march, wisbech)).toBeCloseTo(distanceKm(wisbech, march), 9);
  });

  it('is about 343.6 km from London to Paris', () => {
    expect(Math.abs(distanceKm({ lat: 51.5074, lng: -0.1278 }, { lat: 48.8566, lng: 2.3522 }) - 343.56)).toBeLessThanOrEqual(0.1);
  });

  it('is 0 from a place to itself', () => {
    expect(distanceKm(wisbech, wisbech)).toBe(0);
  });

  it('is half the Earth’s circumference, about 20015 km, to the other side of the world', () => {
    expect(Math.abs(distanceKm({ lat: 0, lng: 0 }, { lat: 0, lng: 180 }) - 20015.11)).toBeLessThanOrEqual(0.1);
    expect(Math.abs(distanceKm(wisbech, { lat: -wisbech.lat, lng: wisbech.lng - 180 }) - 20015.11)).toBeLessThanOrEqual(0.1);
  });
});

describe('listings sorted by distance from a resident', () => {
  const place = (name: string, at?: { lat: number; lng: number }) => ({ name, at });

  it('puts the nearest first and gives each its distance', () => {
    const sorted = sortByDistance([place('Chatteris', chatteris), place('Wisbech', wisbech), place('March', march)], wisbech, (p) => p.at);
    expect(sorted.map(({ item }) => item.name)).toEqual(['Wisbech', 'March', 'Chatteris']);
    expect(sorted[0].km).toBe(0);
    expect(sorted[1].km).toBeCloseTo(distanceKm(wisbech, march), 9);
  });

  it('puts listings without a location last, in their original order, with no distance', () => {
    const sorted = sortByDistance([place('No map A'), place('March', march), place('No map B'), place('Wisbech', wisbech)], wisbech, (p) => p.at);
    expect(sorted.map(({ item }) => item.name)).toEqual(['Wisbech', 'March', 'No map A', 'No map B']);
    expect(sorted.slice(2).map(({ km }) => km)).toEqual([undefined, undefined]);
  });

  it('keeps listings at the same distance in their original order', () => {
    const names = ['First', 'Second', 'Third', 'Fourth'];
    const sorted = sortByDistance(names.map((name) => place(name, march)), wisbech, (p) => p.at);
    expect(sorted.map(({ item }) => item.name)).toEqual(names);
  });

  it('returns an empty list for no listings and leaves the input alone', () => {
    expect(sortByDistance([], wisbech, () => undefined)).toEqual([]);
    const input = [place('Chatteris', chatteris), place('Wisbech', wisbech)];
    sortByDistance(input, wisbech, (p) => p.at);
    expect(input.map((p) => p.name)).toEqual(['Chatteris', 'Wisbech']);
  });
});

describe('a location sent in the address', () => {
  it('is read from "lat,lng" and refused when malformed or off the globe', () => {
    expect(parseLatLng('52.664,0.160')).toEqual({ lat: 52.664, lng: 0.16 });
    expect(parseLatLng('52.664, 0.160')).toBeUndefined();
    expect(parseLatLng('95,0')).toBeUndefined();
    expect(parseLatLng('wisbech')).toBeUndefined();
    expect(parseLatLng(null)).toBeUndefined();
  });
});

describe('a distance as a person says it', () => {
  const km = (miles: number) => miles * 1.609344;

  it('is "less than a mile" under a mile', () => {
    expect(roundedMiles(0)).toBe(0);
    expect(roundedMiles(km(0.99))).toBe(0);
  });

  it('is the nearest whole mile up to 20 miles, never less than one', () => {
    expect(roundedMiles(km(1))).toBe(1);
    expect(roundedMiles(km(1.49))).toBe(1);
    expect(roundedMiles(km(2.5))).toBe(3);
    expect(roundedMiles(distanceKm(wisbech, march))).toBe(9);
    expect(roundedMiles(km(19.4))).toBe(19);
  });

  it('is the nearest five miles further away', () => {
    expect(roundedMiles(km(22))).toBe(20);
    expect(roundedMiles(km(33))).toBe(35);
  });
});

describe('where a listing is measured from', () => {
  const areas = [
    { name: 'Wimblington', centre: { lat: 52.511, lng: 0.083 } },
    { name: 'Doddington', centre: { lat: 52.496, lng: 0.06 } },
  ];

  it('is its own position when it has one', () => {
    expect(placeOf(march, areas, chatteris)).toEqual({ at: march });
  });

  it('is the centre of the nearest area it serves when it has none, named so the page can say so', () => {
    expect(placeOf(undefined, areas, chatteris)).toEqual({ at: areas[1].centre, area: 'Doddington' });
    expect(placeOf(undefined, areas, march)).toEqual({ at: areas[0].centre, area: 'Wimblington' });
  });

  it('is nowhere for an entry with neither', () => {
    expect(placeOf(undefined, [], chatteris)).toBeUndefined();
  });

  it('so a listing without a position sorts among the others by its area, not last', () => {
    const listings = [
      { name: 'Wisbech club', at: wisbech as { lat: number; lng: number } | undefined, areas: [] as typeof areas },
      { name: 'Wimblington helpline', at: undefined, areas: [areas[0]] },
      { name: 'Chatteris club', at: chatteris, areas: [] },
    ];
    const sorted = sortByDistance(listings, chatteris, (listing) => placeOf(listing.at, listing.areas, chatteris)?.at);
    expect(sorted.map(({ item }) => item.name)).toEqual(['Chatteris club', 'Wimblington helpline', 'Wisbech club']);
  });
});

describe('the distance a result shows', () => {
  const t = translator('en-GB');
  const km = (miles: number) => miles * 1.609344;

  it('is in miles, rounded as a person says them', () => {
    expect(distanceFrom({ km: km(0.4) }, 'PE16 6AB', t)).toBe('less than a mile from PE16 6AB');
    expect(distanceFrom({ km: km(1.2) }, 'Wisbech', t)).toBe('about 1 mile from Wisbech');
    expect(distanceFrom({ km: km(3.4) }, 'you', t)).toBe('about 3 miles from you');
  });

  it('says which area a listing without a position of its own was measured from', () => {
    expect(distanceFrom({ km: km(4.2), area: 'Wimblington' }, 'PE16 6AB', t)).toBe('in Wimblington, about 4 miles from PE16 6AB');
  });
});
