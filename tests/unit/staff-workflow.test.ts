import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en';
import { translator } from '../../src/i18n';
import { answerSections } from '../../src/staff/application-view';
import { attachmentDisposition, downloadHeaders } from '../../src/staff/downloads';
import { applicationStatuses, decisionsFrom, moveApplication, nextPlainSteps, nextStatuses } from '../../src/staff/workflow';
import type { Section } from '../../src/schemas/forms/application';

describe('the application workflow', () => {
  it('walks an application from received to the panel, and a decided one on to closed', () => {
    const path = ['received', 'eligibility-checked', 'assessed', 'panel'];
    for (let step = 1; step < path.length; step++) {
      expect(moveApplication(path[step - 1]!, { to: path[step] as never }), `${path[step - 1]} → ${path[step]}`).toEqual({ ok: true, status: path[step] });
    }
    expect(moveApplication('funded', { to: 'feedback-received' })).toEqual({ ok: true, status: 'feedback-received' });
    expect(moveApplication('feedback-received', { to: 'closed' })).toEqual({ ok: true, status: 'closed' });
    expect(moveApplication('declined', { to: 'closed' })).toEqual({ ok: true, status: 'closed' });
  });

  it('lets the panel stage end in any of the four decisions, each only with its decision recorded', () => {
    expect(nextStatuses('panel')).toEqual(['funded', 'declined', 'invited', 'signposted']);
    expect(decisionsFrom('panel')).toEqual(['funded', 'declined', 'invited', 'signposted']);
    expect(nextPlainSteps('panel')).toEqual([]);
    for (const decision of decisionsFrom('panel')) expect(moveApplication('panel', { to: decision })).toEqual({ ok: false, problem: 'decision-needed' });
  });

  it('refuses skipping a stage, going back, or leaving closed', () => {
    expect(moveApplication('received', { to: 'panel' })).toEqual({ ok: false, problem: 'not-allowed' });
    expect(moveApplication('received', { to: 'funded' })).toEqual({ ok: false, problem: 'not-allowed' });
    expect(moveApplication('assessed', { to: 'received' })).toEqual({ ok: false, problem: 'not-allowed' });
    expect(moveApplication('declined', { to: 'funded' })).toEqual({ ok: false, problem: 'not-allowed' });
    expect(moveApplication('closed', { to: 'received' })).toEqual({ ok: false, problem: 'not-allowed' });
    expect(moveApplication('funded', { to: 'funded' })).toEqual({ ok: false, problem: 'not-allowed' });
  });

  it('lets an ineligible application be declined or signposted before assessment, by a decision', () => {
    expect(decisionsFrom('received')).toEqual(['declined', 'signposted']);
    expect(decisionsFrom('eligibility-checked')).toEqual(['declined', 'signposted']);
    expect(nextPlainSteps('received')).toEqual(['eligibility-checked']);
    expect(decisionsFrom('assessed')).toEqual([]);
    expect(decisionsFrom('funded')).toEqual([]);
    expect(decisionsFrom('lost')).toEqual([]);
  });

  it('refuses statuses it does not know', () => {
    expect(moveApplication('lost', { to: 'closed' })).toEqual({ ok: false, problem: 'unknown-status' });
    expect(moveApplication('received', { to: 'approved' as never })).toEqual({ ok: false, problem: 'unknown-status' });
  });

  it('has a name for every status in the interface strings', () => {
    for (const status of applicationStatuses) expect(en).toHaveProperty(`staff.status.${status}`);
  });
});

describe('downloads', () => {
  it('are always attachments, with the stored type and no sniffing', () => {
    expect(downloadHeaders({ fileName: 'accounts.pdf', fileType: 'pdf', sizeBytes: 1234 })).toEqual({
      'content-type': 'application/pdf',
      'content-disposition': `attachment; filename="accounts.pdf"; filename*=UTF-8''accounts.pdf`,
      'content-length': '1234',
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-store',
    });
  });

  it('keep a name with quotes, semicolons, line breaks or accents from breaking the header', () => {
    const header = attachmentDisposition('Café "budget"; v2\r\nX-Evil: 1.pdf');
    expect(header).not.toMatch(/[\r\n]/);
    expect(header).toBe(`attachment; filename="Cafe _budget__ v2X-Evil: 1.pdf"; filename*=UTF-8''Caf%C3%A9%20%22budget%22%3B%20v2%0D%0AX-Evil%3A%201.pdf`);
  });
});

describe('an application as staff read it', () => {
  const t = translator('en');
  const sections: Section[] = [
    { id: 'your-group', title: 'Your group', questions: [{ kind: 'text', name: 'groupName', label: 'Name of your group', max: 100 }] },
    { id: 'contact', title: 'Contact details', questions: [{ kind: 'email', name: 'contactEmail', label: 'Email address' }] },
    {
      id: 'project', title: 'Your project', questions: [
        { kind: 'money', name: 'amount', label: 'How much?', missing: '', min: 1, max: 1000 },
        { kind: 'choice', name: 'projectType', label: 'Type', options: [{ value: 'equipment', label: 'Buying equipment' }] },
      ],
    },
    { id: 'budget', title: 'Budget', questions: [{ kind: 'budget', name: 'budget', label: 'Budget' }] },
  ];
  const answers = {
    'your-group': { groupName: '<script>alert(1)</script>' },
    contact: { contactEmail: 'alex@example.org' },
    project: { amount: 1500, projectType: 'equipment' },
    budget: { budget: [{ item: 'Gazebo', cost: 1000 }, { item: 'Tables', cost: 500 }] },
  };

  it('shows each answer under its question, money in pounds and choices by their label', () => {
    const shown = answerSections(sections, answers, t, { showContact: true });
    expect(shown.map((section) => section.title)).toEqual(['Your group', 'Contact details', 'Your project', 'Budget']);
    expect(shown[2]!.rows).toEqual([{ label: 'How much?', lines: ['£1,500'] }, { label: 'Type', lines: ['Buying equipment'] }]);
    expect(shown[3]!.rows[0]!.lines).toEqual(['Gazebo: £1,000', 'Tables: £500', 'Total: £1,500']);
    // Kept as text: the page escapes it when showing it.
    expect(shown[0]!.rows[0]!.lines).toEqual(['<script>alert(1)</script>']);
  });

  it('leaves out the contact section for those who may not see it', () => {
    const shown = answerSections(sections, answers, t, { showContact: false });
    expect(shown.map((section) => section.id)).toEqual(['your-group', 'project', 'budget']);
    expect(JSON.stringify(shown)).not.toContain('alex@example.org');
  });

  it('shows an unanswered question as having no lines', () => {
    expect(answerSections(sections, {}, t, { showContact: true })[0]!.rows).toEqual([{ label: 'Name of your group', lines: [] }]);
  });
});
