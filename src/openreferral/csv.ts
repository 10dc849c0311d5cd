/** The directory as one spreadsheet row a service, for people who want the data without the API. */
import { stringify } from 'csv-stringify/sync';
import type { MappedService } from './map';

/** The columns, in order: what each row says about its service. */
const columns = [
  'id', 'name', 'organization', 'status', 'description', 'url', 'listing_page', 'email', 'phone', 'categories', 'audiences', 'areas',
  'address', 'town', 'postcode', 'latitude', 'longitude', 'schedule', 'cost', 'cost_details', 'minimum_age', 'maximum_age',
  'languages', 'accessibility', 'assured_date',
] as const;

const list = (values: (string | undefined)[]) => values.filter(Boolean).join('; ');

export function servicesCsv(services: MappedService[]): string {
  const rows = services.map(({ service, page }) => {
    const location = service.service_at_locations?.[0]?.location;
    const address = location?.addresses?.[0];
    const cost = service.cost_options?.[0];
    const terms = (type: string) => list((service.attributes ?? []).filter((attribute) => attribute.link_type === type).map((attribute) => attribute.taxonomy_term.name));
    const row: Record<(typeof columns)[number], string | number | undefined> = {
      id: service.id,
      name: service.name,
      organization: service.organization.name,
      status: service.status,
      description: service.description,
      url: service.url,
      listing_page: page,
      email: service.email,
      phone: service.contacts?.[0]?.phones[0]?.number,
      categories: terms('category'),
      audiences: terms('audience'),
      areas: list((service.service_areas ?? []).map((area) => area.name)),
      address: [address?.address_1, address?.address_2].filter(Boolean).join(', ') || undefined,
      town: address?.city,
      postcode: address?.postal_code,
      latitude: location?.latitude,
      longitude: location?.longitude,
      schedule: list((service.schedules ?? []).map((schedule) => schedule.description)),
      cost: cost?.option,
      cost_details: cost?.amount_description,
      minimum_age: service.minimum_age,
      maximum_age: service.maximum_age,
      languages: list((service.languages ?? []).map((language) => language.name)),
      accessibility: list((location?.accessibility ?? []).map((feature) => feature.description)),
      assured_date: service.assured_date,
    };
    return row;
  });
  // A byte order mark so spreadsheet programs read the file as UTF-8 (names with accents, the £ sign).
  return `\uFEFF${stringify(rows, { header: true, columns: [...columns] })}`;
}
