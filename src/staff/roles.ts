/**
 * Who may do what in the staff console, in one table: every page asks `can(role, permission)` (through
 * `requireRole`) rather than naming roles itself. Pure.
 */

export const staffRoles = ['admin', 'officer', 'panel'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const isStaffRole = (value: string): value is StaffRole => (staffRoles as readonly string[]).includes(value);

const permissions = {
  /** See the applications list and an application's answers and files. */
  'applications.view': ['admin', 'officer', 'panel'],
  /** See every application, not only those in the panel rounds one is assigned to. */
  'applications.viewAll': ['admin', 'officer'],
  /** See applicants' names, emails and phone numbers. */
  'applications.contact': ['admin', 'officer'],
  /** Move an application through the workflow and record decisions. */
  'applications.decide': ['admin', 'officer'],
  /** Score applications in one's assigned rounds: the panel's own judgement, so not those who decide (and only panel members are assigned rounds). */
  'applications.score': ['panel'],
  /** See every panel member's scores, totals and averages; panel members see only their own, so each judges independently. */
  'applications.allScores': ['admin', 'officer'],
  /** See the funded projects with an offer to accept or a report due or overdue. */
  'grants.followUp': ['admin', 'officer'],
  /** Record the payments made on a funded grant, and which enabler, connector or community worker supported an application. */
  'grants.record': ['admin', 'officer'],
  /** See the commissioner's KPI report and download it. */
  'reports.view': ['admin', 'officer'],
  /** Download every application as a spreadsheet and the awarded grants as 360Giving data. */
  'exports.download': ['admin', 'officer'],
  /** See the moderation queue (enquiries, suggested edits, new listings, stories) and mark items done or rejected. */
  moderation: ['admin', 'officer'],
  /** See the emails the hub has queued, sent or given up on, with their text, to send by hand when mail fails. */
  'outbox.view': ['admin', 'officer'],
  /** Mark an email sent by hand, or send it again (a link to set a staff password needs `accounts.manage` too, see `mayActOnEmail`). */
  'outbox.act': ['admin', 'officer'],
  /** See what the publisher built from the content branch, what is live, and the problems that stopped a publish. */
  'publishing.view': ['admin', 'officer'],
  /** Set up, change and turn off one's own second factor (an authenticator app and recovery codes). */
  'account.secondFactor': ['admin', 'officer', 'panel'],
  /** Add, disable and change staff accounts. */
  'accounts.manage': ['admin'],
  /** Find, export and erase everything held about one email address (subject access). */
  'personalData.manage': ['admin'],
} as const satisfies Record<string, readonly StaffRole[]>;

export type Permission = keyof typeof permissions;

export function can(role: StaffRole, permission: Permission): boolean {
  return (permissions[permission] as readonly StaffRole[]).includes(role);
}

/** Whether a role may mark this email sent or send it again: a link to set a staff password would let whoever gets it take the account, so only those who manage accounts. */
export function mayActOnEmail(role: StaffRole, purpose: string): boolean {
  return can(role, 'outbox.act') && (purpose !== 'staff-password-link' || can(role, 'accounts.manage'));
}
