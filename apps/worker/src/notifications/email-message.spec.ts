import { emailMessage } from './email-message';

describe('emailMessage', () => {
  const message = emailMessage(
    { subject: 'Referral R-1: triage due soon', paragraphs: ['The triage is due <soon> & "now".'] },
    'https://gateway.example/notifications',
  );

  it('says the same in plain text and HTML, with the link to sign in', () => {
    expect(message.text).toBe(
      [
        'The triage is due <soon> & "now".',
        'Sign in to see it: https://gateway.example/notifications',
        'ROCU Gateway',
        'This is an automated message. Do not reply to this email.',
      ].join('\n\n'),
    );
    expect(message.html).toContain('href="https://gateway.example/notifications"');
  });

  it('escapes the words in the HTML', () => {
    expect(message.html).toContain('The triage is due &#60;soon&#62; &#38; &#34;now&#34;.');
    expect(message.html).not.toContain('<soon>');
  });
});
