import { describe, expect, it } from 'vitest';
import { markersFile } from '../../src/components/map-marker';

const place = (name: string, type: string, area: string, lat = 52.66612345, lng = 0.15987654) => ({ name, href: `/groups/${name.toLowerCase()}/`, lat, lng, type, area });

describe('the map’s markers file', () => {
  it('lists each kind and area once, and each place refers to them by position, in the order given', () => {
    const file = markersFile([place('Walks', 'Group or service', 'wisbech'), place('Library', 'Institutions', 'march'), place('Choir', 'Group or service', 'march')]);
    expect(file.types).toEqual(['Group or service', 'Institutions']);
    expect(file.areas).toEqual(['wisbech', 'march']);
    expect(file.places.map(([name, , , , type, area]) => [name, file.types[type], file.areas[area]])).toEqual([
      ['Walks', 'Group or service', 'wisbech'],
      ['Library', 'Institutions', 'march'],
      ['Choir', 'Group or service', 'march'],
    ]);
  });

  it('keeps the address of each place’s page, and its position to about a metre', () => {
    const [[, href, lat, lng]] = markersFile([place('Walks', 'Group or service', 'wisbech', 52.666125, -0.159876549)]).places;
    expect(href).toBe('/groups/walks/');
    expect(lat).toBe(52.66613);
    expect(lng).toBe(-0.15988);
  });

  it('is empty when nothing has a location', () => {
    expect(markersFile([])).toEqual({ types: [], areas: [], places: [] });
  });
});
