import { slaWarningEmail, SlaWarning } from './sla-warning.emails';

const warning: SlaWarning = {
  ticketId: 7,
  title: 'Mail <down>\r\nBcc: someone@evil.test',
  priority: 'high',
  kind: 'first_response',
  dueAt: new Date('2030-01-02T03:04:05.000Z'),
  status: 'open',
};

describe('slaWarningEmail', () => {
  const mail = slaWarningEmail('agent@example.test', warning);

  it('is addressed to one recipient, with the subject "[SLA warning] #<id> <title>" on one line', () => {
    expect(mail.to).toBe('agent@example.test');
    expect(mail.subject).toBe('[SLA warning] #7 Mail <down> Bcc: someone@evil.test');
  });

  it('names the id, title, priority, kind and due time', () => {
    for (const part of [
      '#7',
      'Mail <down> Bcc: someone@evil.test',
      'high',
      'first_response',
      '2030-01-02T03:04:05.000Z',
    ]) {
      expect(mail.text).toContain(part);
    }
  });

  it('escapes the title in the HTML body', () => {
    expect(mail.html).toContain('Mail &lt;down&gt;');
    expect(mail.html).not.toContain('<down>');
  });
});
