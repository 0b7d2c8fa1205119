import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { AppConfig } from '@rocu/config';

/** What the SMTP server answered for one accepted message. */
export interface SmtpAcceptance {
  messageId: string;
  response: string;
}

/** The one SMTP connection factory (nodemailer), configured from SMTP_URL and MAIL_FROM; absent without SMTP_URL. */
@Injectable()
export class MailTransportService implements OnApplicationShutdown {
  private readonly transport?: Transporter;
  /** The From address's domain, which names every message (`<notification-{id}@domain>`). */
  readonly messageIdDomain: string;

  constructor(config: AppConfig) {
    this.messageIdDomain = /@([^>\s]+)>?$/.exec(config.MAIL_FROM)?.[1] ?? 'localhost';
    if (!config.SMTP_URL) return;
    // Each timeout stays inside one attempt's limit, so a hung server fails the attempt, which is retried.
    const limit = Math.max(1000, Math.floor(config.NOTIFY_SEND_TIMEOUT_MS * 0.8));
    this.transport = createTransport(
      { url: config.SMTP_URL, connectionTimeout: limit, greetingTimeout: limit, socketTimeout: limit },
      { from: config.MAIL_FROM },
    );
  }

  get enabled(): boolean {
    return this.transport !== undefined;
  }

  async send(message: {
    to: string;
    messageId: string;
    subject: string;
    text: string;
    html: string;
  }): Promise<SmtpAcceptance> {
    if (!this.transport) throw new Error('SMTP_URL is not set');
    const info = (await this.transport.sendMail(message)) as { messageId: string; response: string };
    return { messageId: info.messageId, response: info.response };
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }
}
