import nodemailer from 'nodemailer';
import type { TExecutor } from '../db/client.js';
import { AppError } from './errors.js';
import { smsOutbox } from './platform.tables.js';
import { maskSecret } from './sms.js';

/**
 * E-mail, the second channel for a tourist's login code (issue 18): a visitor from abroad whose phone takes no
 * SMS from a mainland gateway asks for the code by e-mail. Chosen by MAIL_PROVIDER: `outbox` (demo and dev: the
 * message lands in the outbox table the system admin reads, beside the SMS) or `smtp` (a real server, through
 * nodemailer). Every message is recorded in the outbox with channel = email, the code masked outside demo mode.
 */
export type TMailProvider = {
  name: string;
  send(tx: TExecutor, to: string, template: string, subject: string, text: string, secret?: string): Promise<void>;
};

export function createOutboxMailProvider(opts: { demo: boolean }): TMailProvider {
  return {
    name: 'outbox',
    async send(tx, to, template, subject, text, secret) {
      const stored = `${subject}\n${opts.demo ? text : maskSecret(text, secret)}`;
      await tx
        .insert(smsOutbox)
        .values({ phone: to, channel: 'email', template, text: stored, provider: 'outbox', status: 'delivered' });
    },
  };
}

export const outboxMailProvider: TMailProvider = createOutboxMailProvider({ demo: true });

export type TSmtpOptions = {
  host: string;
  port: number;
  /** true: TLS from the first byte (port 465); false: STARTTLS when the server offers it (587, 25) */
  secure: boolean;
  user?: string;
  password?: string;
  from: string;
  timeoutMs: number;
};

/**
 * A real SMTP server. A login code that cannot be sent fails the request (the tourist must know), as with SMS;
 * neither the code nor the server's answer is logged.
 */
export function createSmtpMailProvider(o: TSmtpOptions): TMailProvider {
  const transport = nodemailer.createTransport({
    host: o.host,
    port: o.port,
    secure: o.secure,
    auth: o.user ? { user: o.user, pass: o.password ?? '' } : undefined,
    connectionTimeout: o.timeoutMs,
    greetingTimeout: o.timeoutMs,
    socketTimeout: o.timeoutMs,
    logger: false,
  });
  return {
    name: 'smtp',
    async send(tx, to, template, subject, text, secret) {
      let status = 'delivered';
      try {
        await transport.sendMail({ from: o.from, to, subject, text });
      } catch (err) {
        const code = (err as { responseCode?: number }).responseCode;
        status = code ? `failed_${code}` : 'failed_network';
      }
      if (status !== 'delivered' && secret) throw new AppError('mail_failed', 502);
      await tx.insert(smsOutbox).values({
        phone: to,
        channel: 'email',
        template,
        text: `${subject}\n${maskSecret(text, secret)}`,
        provider: 'smtp',
        status,
      });
    },
  };
}
