import { desc } from 'drizzle-orm';
import type { TExecutor } from '../db/client.js';
import { smsOutbox } from './platform.tables.js';

/**
 * SMS to tourists goes through a provider. The demo `outbox` provider only writes the message to a table the
 * admin reads on the outbox page; a real gateway implements the same interface and is chosen by SMS_PROVIDER.
 */
export type TSmsProvider = {
  name: string;
  send(tx: TExecutor, phone: string, template: string, text: string): Promise<void>;
};

export const outboxSmsProvider: TSmsProvider = {
  name: 'outbox',
  async send(tx, phone, template, text) {
    await tx.insert(smsOutbox).values({ phone, template, text, provider: 'outbox', status: 'delivered' });
  },
};

export async function listOutbox(db: TExecutor, page: number, pageSize: number) {
  const items = await db
    .select()
    .from(smsOutbox)
    .orderBy(desc(smsOutbox.createdAt))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  return { items, total: await db.$count(smsOutbox), page, pageSize };
}
