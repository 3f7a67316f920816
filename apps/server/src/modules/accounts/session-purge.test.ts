import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.js';
import { buildTestApp, loginStaff, type TTestApp } from '../../test/build-test-app.js';
import { buildUser, TEST_PASSWORD } from '../../test/factories.js';
import { startBackgroundWork } from '../background.js';
import { otpCodes, sessions } from './accounts.tables.js';

// Issue 12: expired sessions were never purged (deleteExpiredSessions had no caller).
let t: TTestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(() => t.close());

describe('session purge in the background work', () => {
  it('removes sessions past their lifetime or idle timeout on its schedule, and keeps live ones', async () => {
    const u = await buildUser(t.database.db, { role: 'dispatcher' });
    const live = await loginStaff(t.app, u.username!, TEST_PASSWORD);
    const now = t.clock.now().getTime();
    await t.database.db.insert(sessions).values([
      { id: 'expired', userId: u.id, csrfToken: 'x', lastSeenAt: new Date(now), expiresAt: new Date(now - 1000) },
      {
        id: 'idle',
        userId: u.id,
        csrfToken: 'x',
        lastSeenAt: new Date(now - 31 * 60_000),
        expiresAt: new Date(now + 3_600_000),
      },
    ]);
    await t.database.db.insert(otpCodes).values({
      phone: '13900049999',
      purpose: 'login',
      codeHash: 'x',
      expiresAt: new Date(now - 86_000_000),
      createdAt: new Date(now - 2 * 86_400_000),
    });
    const config = { ...loadConfig({ LOG_LEVEL: 'silent' }), slaSweeper: false };
    const stop = startBackgroundWork(t.app, { config, database: t.database, clock: t.clock, sessionPurgeMs: 50 });
    try {
      const ids = async () =>
        (await t.database.db.select().from(sessions).where(eq(sessions.userId, u.id))).map((s) => s.id);
      const deadline = Date.now() + 5000;
      while ((await ids()).length > 1 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      expect(await ids()).toHaveLength(1);
      expect(await t.database.db.$count(otpCodes, eq(otpCodes.phone, '13900049999'))).toBe(0);
      expect((await live.inject({ method: 'GET', url: '/api/auth/me' })).statusCode).toBe(200);
      // On the next runs too: a session that expires later goes at a later run.
      t.clock.advance(13 * 3_600_000);
      while ((await ids()).length > 0 && Date.now() < deadline + 5000) await new Promise((r) => setTimeout(r, 50));
      expect(await ids()).toHaveLength(0);
    } finally {
      await stop();
    }
  });
});
