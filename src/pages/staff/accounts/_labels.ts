/** How the staff accounts pages name things: a fund round, an account's status tag, a line of its history. */
import type { Translate } from '../../../i18n';
import { formatDate } from '../../../rules/dates';
import type { AccountStatus, RoundChoice } from '../../../staff/accounts';
import { isStaffRole } from '../../../staff/roles';
import type { AuditEntry } from '../../../store/staff';

/** "Small Sparks: rolling (open all year)", or "Healthy Fenland Fund: round that opened on 1 October 2026". */
export function roundLabel(t: Translate, { fundId, round }: RoundChoice, fundNames: ReadonlyMap<string, string>): string {
  const fund = fundNames.get(fundId) ?? fundId;
  const opened = /^\d{4}-\d{2}-\d{2}$/.test(round) ? new Date(`${round}T00:00:00Z`) : undefined;
  if (round === 'rolling') return t('staff.accounts.round.rolling', { fund });
  return opened && !Number.isNaN(opened.getTime()) ? t('staff.accounts.round.opened', { fund, date: formatDate(opened) }) : `${fund}: ${round}`;
}

export const statusTag: Record<AccountStatus, string> = { invited: 'govuk-tag--yellow', active: 'govuk-tag--green', disabled: 'govuk-tag--grey' };

const actions = ['account.add', 'account.invite', 'account.password-link', 'account.set-password', 'account.reset-password', 'account.role', 'account.disable', 'account.enable', 'panel.assign', 'panel.unassign'] as const;
type Action = (typeof actions)[number];
const isAction = (action: string): action is Action => (actions as readonly string[]).includes(action);

/** One change to an account in words: "Role changed to fund officer", "Given Small Sparks: rolling (open all year)". */
export function historyAction(t: Translate, entry: AuditEntry, fundNames: ReadonlyMap<string, string>): string {
  if (!isAction(entry.action)) return entry.action;
  const after = (entry.after ?? {}) as { role?: unknown; fundId?: unknown; fundRound?: unknown };
  const before = (entry.before ?? {}) as { fundId?: unknown; fundRound?: unknown };
  const role = typeof after.role === 'string' && isStaffRole(after.role) ? t(`staff.role.${after.role}`) : '';
  const choice = entry.action === 'panel.unassign' ? before : after;
  const round = typeof choice.fundId === 'string' && typeof choice.fundRound === 'string' ? roundLabel(t, { fundId: choice.fundId, round: choice.fundRound }, fundNames) : '';
  return t(`staff.accounts.action.${entry.action}`, { role, round });
}
