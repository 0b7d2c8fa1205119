import { Controller, Get, NotFoundException, Render } from '@nestjs/common';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import { WebConfig } from '@rocu/config';

/** The newest messages shown; older ones stay in the folder. */
const SHOWN = 50;

export interface DevMail {
  file: string;
  to: string;
  subject: string;
  date: string;
  text: string;
}

/**
 * Development only (AUTH_MODE=dev with DEV_MAILBOX_DIR): the e-mails `npm start`'s local SMTP sink received,
 * newest first, so what notifications send can be seen without a mail server. Anywhere else it is a 404.
 */
@Controller('dev/mailbox')
export class DevMailboxController {
  constructor(private readonly config: WebConfig) {}

  @Get()
  @Render('routes/dev-mailbox/dev-mailbox.njk')
  async mailbox(): Promise<{ pageTitle: string; contentWidth: string; mails: DevMail[] }> {
    const folder = this.config.AUTH_MODE === 'dev' ? this.config.DEV_MAILBOX_DIR : undefined;
    if (!folder) throw new NotFoundException();
    const files = (await readdir(folder).catch(() => [] as string[]))
      .filter((file) => file.endsWith('.eml'))
      .sort()
      .reverse()
      .slice(0, SHOWN);
    const mails = await Promise.all(
      files.map(async (file): Promise<DevMail> => {
        const parsed = await simpleParser(await readFile(join(folder, file)));
        const to = Array.isArray(parsed.to) ? parsed.to.map((address) => address.text).join(', ') : parsed.to?.text;
        return {
          file,
          to: to ?? '',
          subject: parsed.subject ?? '',
          date: (parsed.date ?? new Date(0)).toISOString(),
          text: parsed.text ?? '',
        };
      }),
    );
    return { pageTitle: 'Development mailbox', contentWidth: 'full', mails };
  }
}
