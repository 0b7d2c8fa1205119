import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';

/** One message as the sink received it: the envelope's recipients and the raw RFC 5322 text. */
export interface ReceivedMail {
  to: string[];
  raw: Buffer;
}

/** Why the sink refuses a message, as an SMTP reply (e.g. 451 try again later, 550 refused for good). */
export interface SmtpRefusal {
  responseCode: number;
  message: string;
}

export interface SmtpSinkOptions {
  port: number;
  /** Called once the whole message is in; its result decides the reply (nothing: 250 accepted). */
  receive(mail: ReceivedMail): Promise<SmtpRefusal | void> | SmtpRefusal | void;
}

export interface SmtpSink {
  port: number;
  close(): Promise<void>;
}

async function readAll(stream: SMTPServerDataStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * A local SMTP server (`smtp-server`) on loopback that takes every message without authentication or TLS
 * and hands it to `receive`: the development mailbox of `npm start`, and the server the e-mail tests run.
 */
export async function startSmtpSink(options: SmtpSinkOptions): Promise<SmtpSink> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) {
      readAll(stream)
        .then((raw) => options.receive({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), raw }))
        .then(
          (refusal) => {
            if (!refusal) return callback();
            callback(Object.assign(new Error(refusal.message), { responseCode: refusal.responseCode }));
          },
          (error: unknown) => callback(error instanceof Error ? error : new Error(String(error))),
        );
    },
  });
  server.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  return {
    port: options.port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * `npm start`'s development mailbox: a sink that keeps each message as an .eml file in `folder` (named by
 * arrival, so they sort oldest first), which the web app's /dev/mailbox page shows with AUTH_MODE=dev.
 */
export async function startDevMailbox(folder: string, port: number): Promise<SmtpSink> {
  await mkdir(folder, { recursive: true });
  let received = 0;
  return startSmtpSink({
    port,
    receive: async (mail) => {
      received += 1;
      const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${String(received).padStart(4, '0')}.eml`;
      await writeFile(join(folder, name), mail.raw);
    },
  });
}
