/** Open Referral identifiers are UUIDs; ours are slugs, so each record's UUID is derived from its slug. */
import { v5 as uuidv5 } from 'uuid';

/**
 * The namespace of every identifier this hub publishes. Fixed for good: changing it would give every
 * record a new identifier and break the links other directories keep to ours.
 */
export const idNamespace = 'a3c9e1f2-5b7d-4e8a-9c6f-2d4b8e1a7f30';

/** The kinds of record that get an identifier; the kind is part of the name, so a service and its organization differ. */
export type RecordKind =
  | 'service' | 'organization' | 'location' | 'address' | 'service_at_location' | 'schedule' | 'contact' | 'phone'
  | 'cost_option' | 'language' | 'accessibility' | 'service_area' | 'attribute' | 'taxonomy' | 'taxonomy_term' | 'organization_identifier';

/** The same kind and key give the same UUID (version 5, SHA-1) on every build and every machine. */
export function openReferralId(kind: RecordKind, key: string): string {
  return uuidv5(`${kind}:${key}`, idNamespace);
}
