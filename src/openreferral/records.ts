/**
 * The HSDS 3.0 records we publish, with the fields we fill in. Field names are the standard's;
 * `tests/fixtures/openreferral/` holds the JSON Schemas they are checked against.
 */

export interface TaxonomyTerm {
  id: string;
  /** The UK profile's name for the term itself. */
  term: string;
  name: string;
  description: string;
  parent_id?: string;
  taxonomy: string;
  taxonomy_id: string;
  term_uri: string;
}

export interface Taxonomy {
  id: string;
  name: string;
  description: string;
  uri: string;
  /** The UK profile adds the terms to a taxonomy. */
  taxonomy_terms?: TaxonomyTerm[];
}

export interface Attribute {
  id: string;
  link_id: string;
  link_type: string;
  taxonomy_term_id: string;
  taxonomy_term: TaxonomyTerm;
  /** HSDS 3.0's value of an attribute: on a listing-type attribute, the listing's id in our files. */
  value?: string;
}

export interface Address {
  id: string;
  location_id: string;
  address_1: string;
  /** HSDS 3.0's second line, which the UK profile leaves out; sent so the address reads back as it was. */
  address_2?: string;
  city: string;
  state_province: string;
  postal_code: string;
  country: string;
  address_type: 'physical' | 'postal' | 'virtual';
}

export interface Accessibility {
  id: string;
  location_id: string;
  description: string;
}

export interface Location {
  id: string;
  location_type: 'physical' | 'postal' | 'virtual';
  /** HSDS 3.0's link for the place: the asset's page when a group meets at a place on our asset map. */
  url?: string;
  name?: string;
  description?: string;
  latitude?: number;
  longitude?: number;
  addresses?: Address[];
  accessibility?: Accessibility[];
}

export interface ServiceAtLocation {
  id: string;
  service_id: string;
  location_id: string;
  location: Location;
}

export interface Schedule {
  id: string;
  service_id: string;
  freq?: 'WEEKLY' | 'MONTHLY';
  interval?: number;
  byday?: string;
  opens_at?: string;
  closes_at?: string;
  description?: string;
  notes?: string;
}

export interface Phone {
  id: string;
  contact_id: string;
  number: string;
}

export interface Contact {
  id: string;
  service_id: string;
  name: string;
  phones: Phone[];
}

export interface CostOption {
  id: string;
  service_id: string;
  option: string;
  amount?: number;
  amount_description?: string;
}

export interface Language {
  id: string;
  service_id: string;
  name: string;
  code: string;
}

export interface ServiceArea {
  id: string;
  service_id: string;
  name: string;
  /** The UK profile's free-text area. */
  service_area: string;
  uri: string;
}

export interface OrganizationIdentifier {
  id: string;
  organization_id: string;
  identifier_scheme?: string;
  identifier_type: string;
  identifier: string;
}

export interface Organization {
  id: string;
  name: string;
  description: string;
  email?: string;
  website?: string;
  organization_identifiers?: OrganizationIdentifier[];
}

export interface Service {
  id: string;
  organization_id: string;
  name: string;
  description: string;
  url: string;
  email?: string;
  /** HSDS 3.0's steps to use the service (an asset's "how to use it"), which the UK profile leaves out. */
  application_process?: string;
  status: 'active' | 'inactive' | 'defunct' | 'temporarily closed';
  minimum_age?: number;
  maximum_age?: number;
  assured_date: string;
  /** When the listing last changed: the day it was last reviewed, when its details were checked or changed. */
  last_modified?: string;
  alert?: string;
  organization: Organization;
  schedules?: Schedule[];
  service_areas?: ServiceArea[];
  service_at_locations?: ServiceAtLocation[];
  languages?: Language[];
  cost_options?: CostOption[];
  contacts?: Contact[];
  attributes?: Attribute[];
}
