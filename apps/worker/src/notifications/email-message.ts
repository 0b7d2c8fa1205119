import type { NotificationText } from '@rocu/domain';

export interface EmailMessage {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const SIGN_OFF = 'ROCU Gateway';
const NO_REPLY = 'This is an automated message. Do not reply to this email.';

/**
 * The e-mail for one notification, as plain text and simple HTML in the GOV.UK Notify style: the
 * notification's own words, then a link to sign in and see it (the detail stays behind sign-in).
 */
export function emailMessage(text: NotificationText, link: string): EmailMessage {
  const plain = [...text.paragraphs, `Sign in to see it: ${link}`, SIGN_OFF, NO_REPLY].join('\n\n');
  const paragraph = (content: string) =>
    `<p style="font-family: Arial, sans-serif; font-size: 19px; line-height: 1.3; color: #0b0c0c; margin: 0 0 20px 0;">${content}</p>`;
  const html = [
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>',
    escapeHtml(text.subject),
    '</title></head><body style="margin: 0; padding: 20px;">',
    ...text.paragraphs.map((line) => paragraph(escapeHtml(line))),
    paragraph(`<a href="${escapeHtml(link)}" style="color: #1d70b8;">Sign in to see it</a>`),
    paragraph(SIGN_OFF),
    paragraph(NO_REPLY),
    '</body></html>',
  ].join('');
  return { subject: text.subject, text: plain, html };
}
