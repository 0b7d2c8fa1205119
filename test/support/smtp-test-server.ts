import { simpleParser } from 'mailparser';
import { freePort } from '@rocu/observability';
import { startSmtpSink, type ReceivedMail, type SmtpRefusal, type SmtpSink } from '../../scripts/lib/smtp-sink';

/** A message the test server accepted, parsed with mailparser. */
export interface DeliveredMail {
  to: string[];
  messageId: string;
  subject: string;
  text: string;
  html: string;
}

/** Decides each message's fate: nothing accepts it; a refusal answers with that SMTP reply. */
export type SmtpBehaviour = (mail: DeliveredMail) => Promise<SmtpRefusal | void> | SmtpRefusal | void;

/**
 * A real SMTP server (`smtp-server`) for e-mail tests: it keeps what it accepts, parsed, and lets a test
 * refuse or hold messages (`behave`) to play a server that is down or a worker lost mid-send.
 */
export class SmtpTestServer {
  readonly delivered: DeliveredMail[] = [];
  /** Every message offered, accepted or not (a refused attempt is offered again by the retry). */
  readonly offered: DeliveredMail[] = [];
  private behaviour: SmtpBehaviour = () => undefined;

  private constructor(private readonly sink: SmtpSink) {}

  static async start(): Promise<SmtpTestServer> {
    const receivers: ((mail: ReceivedMail) => Promise<SmtpRefusal | void>)[] = [];
    const sink = await startSmtpSink({
      port: await freePort(),
      receive: (mail) => receivers[0]?.(mail),
    });
    const server = new SmtpTestServer(sink);
    receivers.push((mail) => server.receive(mail));
    return server;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.sink.port}`;
  }

  behave(behaviour: SmtpBehaviour): void {
    this.behaviour = behaviour;
  }

  /** Accepted messages with this Message-ID (a resend after a crash carries the same one). */
  withMessageId(messageId: string): DeliveredMail[] {
    return this.delivered.filter((mail) => mail.messageId === messageId);
  }

  private async receive(received: ReceivedMail): Promise<SmtpRefusal | void> {
    const parsed = await simpleParser(received.raw);
    const mail: DeliveredMail = {
      to: received.to,
      messageId: parsed.messageId ?? '',
      subject: parsed.subject ?? '',
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : '',
    };
    this.offered.push(mail);
    const refusal = await this.behaviour(mail);
    if (!refusal) this.delivered.push(mail);
    return refusal;
  }

  close(): Promise<void> {
    return this.sink.close();
  }
}
