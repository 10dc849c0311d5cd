/** Who is looking at applications, as the store's queries take it: their rounds, and which funds show the panel financial documents. Request glue. */
import { getCollection } from 'astro:content';
import { can } from '../../../staff/roles';
import type { StaffAccount } from '../../../store/staff';
import type { Viewer } from '../../../store/staff-applications';

export async function viewerFor(account: Pick<StaffAccount, 'id' | 'role'>): Promise<Viewer> {
  const funds = await getCollection('funds');
  return {
    accountId: account.id,
    everyRound: can(account.role, 'applications.viewAll'),
    fundsShowingFinancial: funds.filter((fund) => fund.data.panelSeesFinancialDocuments).map((fund) => fund.id),
  };
}
