import { escalationAlertEmail, EscalationAlert } from './escalation.emails';
import { escapeHtml } from './ticket-alert-email';

const alert: EscalationAlert = {
  ticketId: 42,
  title: 'VPN & "Wi-Fi" <down>\r\nBcc: someone@evil.test',
  priority: 'urgent',
  kind: 'resolution',
  dueAt: new Date('2030-01-02T03:04:05.000Z'),
  level: 2,
  status: 'escalated',
  assignee: { name: 'Ann <Agent>', email: 'ann@example.test' },
};

describe('escalationAlertEmail', () => {
  const mail = escalationAlertEmail('boss@example.test', alert);

  it('is addressed to one recipient, with the subject "[Escalated] #<id> <title>" on one line', () => {
    expect(mail.to).toBe('boss@example.test');
    expect(mail.subject).toBe('[Escalated] #42 VPN & "Wi-Fi" <down> Bcc: someone@evil.test');
    expect(mail.subject).not.toMatch(/[\r\n]/);
  });

  it('names the id, title, priority, breach kind, due time, assignee and level in the text body', () => {
    for (const part of [
      '#42',
      'VPN & "Wi-Fi" <down> Bcc: someone@evil.test',
      'urgent',
      'resolution',
      '2030-01-02T03:04:05.000Z',
      'Ann <Agent> <ann@example.test>',
      'Escalation level: 2',
    ]) {
      expect(mail.text).toContain(part);
    }
  });

  it('escapes every user-written text in the HTML body', () => {
    expect(mail.html).toContain('VPN &amp; &quot;Wi-Fi&quot; &lt;down&gt;');
    expect(mail.html).toContain('Ann &lt;Agent&gt; &lt;ann@example.test&gt;');
    expect(mail.html).not.toMatch(/<down>|<Agent>/);
  });

  it('says "unassigned" when nobody has the ticket', () => {
    expect(escalationAlertEmail('x@example.test', { ...alert, assignee: null }).text).toMatch(/Assignee:\s+unassigned/);
  });
});

describe('escapeHtml', () => {
  it('escapes the five HTML-significant characters', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;',
    );
  });
});
