/** Two funds as the demo content defines them, for store tests that assign panel members to rounds. */
import type { FundInContent } from '../../src/staff/accounts';

export const demoFunds: FundInContent[] = [
  { id: 'small-sparks', name: 'Small Sparks', round: 'rolling' },
  { id: 'active-together', name: 'Active Together', round: '2027-01-11' },
];
