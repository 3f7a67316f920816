import { desc } from 'drizzle-orm';
import type { TExecutor } from '../db/client.js';
import { AppError } from './errors.js';
import { smsOutbox } from './platform.tables.js';

/**
 * SMS to tourists goes through a provider chosen by SMS_PROVIDER: `outbox` (demo: the message only lands in a
 * table the system admin reads on the outbox page) or `http` (a real SMS gateway behind an HTTP API). `secret`
 * names the part of the text that must never be stored or shown outside demo mode — a login code.
 */
export type TSmsProvider = {
  name: string;
  send(tx: TExecutor, phone: string, template: string, text: string, secret?: string): Promise<void>;
};

const MASK = '******';
export const maskSecret = (text: string, secret?: string) => (secret ? text.split(secret).join(MASK) : text);
/** Codes in rows of the login-code template (rows stored before masking existed included) */
const maskCodes = (template: string, text: string) => (template === 'login_code' ? text.replace(/\d{6}/g, MASK) : text);

/** The demo provider. Outside demo mode it still records what was sent, with the code masked. */
export function createOutboxSmsProvider(opts: { demo: boolean }): TSmsProvider {
  return {
    name: 'outbox',
    async send(tx, phone, template, text, secret) {
      const stored = opts.demo ? text : maskSecret(text, secret);
      await tx.insert(smsOutbox).values({ phone, template, text: stored, provider: 'outbox', status: 'delivered' });
    },
  };
}

/** Demo mode's outbox (the default wherever no configuration is at hand: tests, the demo loader). */
export const outboxSmsProvider: TSmsProvider = createOutboxSmsProvider({ demo: true });

export type THttpSmsOptions = {
  url: string;
  token?: string;
  /** the gateway's signature name (短信签名), sent with every message */
  sign?: string;
  timeoutMs: number;
};

/**
 * A real SMS gateway: one JSON POST per message — `{ phone, template, text, sign }` with `Authorization: Bearer
 * <token>` — answered 2xx when accepted; no answer within the timeout is a failure. Every message is also
 * recorded in the outbox table (codes masked) with its status, so the admin sees what was sent and what failed.
 * A login code that cannot be sent fails the request (the tourist must know); a notice that cannot be sent is
 * recorded as failed and does not undo the work-order action it belongs to. Neither the code nor the gateway's
 * answer is logged.
 */
export function createHttpSmsProvider(o: THttpSmsOptions): TSmsProvider {
  return {
    name: 'http',
    async send(tx, phone, template, text, secret) {
      let status = 'delivered';
      try {
        const res = await fetch(o.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            ...(o.token ? { authorization: `Bearer ${o.token}` } : {}),
          },
          body: JSON.stringify({ phone, template, text, sign: o.sign ?? '智旅' }),
          signal: AbortSignal.timeout(o.timeoutMs),
        });
        await res.arrayBuffer().catch(() => undefined);
        if (!res.ok) status = `failed_${res.status}`;
      } catch (err) {
        status = (err as Error).name === 'TimeoutError' ? 'failed_timeout' : 'failed_network';
      }
      if (status !== 'delivered' && secret) throw new AppError('sms_failed', 502);
      await tx.insert(smsOutbox).values({ phone, template, text: maskSecret(text, secret), provider: 'http', status });
    },
  };
}

export async function listOutbox(
  db: TExecutor,
  page: number,
  pageSize: number,
  opts: { revealCodes: boolean } = { revealCodes: false },
) {
  const items = await db
    .select()
    .from(smsOutbox)
    .orderBy(desc(smsOutbox.createdAt))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return {
    items: opts.revealCodes ? items : items.map((m) => ({ ...m, text: maskCodes(m.template, m.text) })),
    total: await db.$count(smsOutbox),
    page,
    pageSize,
  };
}
