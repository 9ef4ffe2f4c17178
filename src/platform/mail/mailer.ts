import nodemailer from 'nodemailer';
import type { BaseLogger } from 'pino';
import type { Config } from '../config';

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  /** Resolves once the server accepted the message; rejects when it did not. */
  send(message: MailMessage): Promise<void>;
  close(): void;
}

export type Log = Pick<BaseLogger, 'info' | 'warn' | 'error'>;

/**
 * Sends through SMTP when SMTP_URL is set. Without it the message goes to the log instead, so a
 * trial install shows what would have been mailed without anyone configuring a server.
 */
export function createMailer(config: Pick<Config, 'smtpUrl' | 'mailFrom'>, log: Log): Mailer {
  if (!config.smtpUrl) {
    return {
      async send({ to, subject, text }) {
        log.info({ to, subject, text }, 'mail (SMTP not configured)');
      },
      close: () => undefined,
    };
  }
  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    async send({ to, subject, text }) {
      await transport.sendMail({ from: config.mailFrom, to, subject, text });
    },
    close: () => transport.close(),
  };
}
