import { parseArgs } from 'node:util';
import { ROLE_LABELS, type TRole } from '@zhilv/contracts';
import { loadConfig } from './config.js';
import { openPglite, openPostgres, runMigrations } from './db/client.js';
import { installAdmin, resetAdmin } from './modules/accounts/index.js';
import { systemClock } from './platform/clock.js';
import { AppError } from './platform/errors.js';
import { message } from './platform/messages.js';

const USAGE = `智旅 Zhilv — admin accounts at installation (三员分立: system, security and audit admin)

  npm run accounts -- create-admin --role system_admin|security_admin|audit_admin --username NAME --name "显示名"
  npm run accounts -- reset-admin --username NAME

Prints a one-time activation code (valid 72 hours). Its holder opens /console/login, chooses
"激活账号 Activate account", sets a password and enrols an authenticator app. Run on the server with the
same DATABASE_URL / DATA_DIR as the platform (PGlite: while the server is stopped).`;

/** The only way to create or reset an admin duty: whoever runs the platform runs this, never an admin. */
async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: { role: { type: 'string' }, username: { type: 'string' }, name: { type: 'string' } },
  });
  const command = positionals[0];
  if (!command || !['create-admin', 'reset-admin'].includes(command) || !values.username) {
    console.error(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  const database = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(config.dataDir);
  try {
    await runMigrations(database);
    const r =
      command === 'create-admin'
        ? await installAdmin(database.db, systemClock, {
            role: values.role as TRole,
            username: values.username,
            displayName: values.name ?? ROLE_LABELS[values.role as TRole]?.zh ?? values.username,
          })
        : await resetAdmin(database.db, systemClock, values.username);
    const label = ROLE_LABELS[r.role as TRole];
    console.log(`${label?.zh ?? r.role} ${label?.en ?? ''}: ${r.username}`);
    console.log(`激活码 Activation code (shown once, valid 72 h): ${r.activationCode}`);
  } catch (err) {
    if (err instanceof AppError) {
      console.error(`${message(err.code, 'zh-CN')} / ${message(err.code, 'en')}${err.field ? ` (${err.field})` : ''}`);
      process.exitCode = 1;
    } else throw err;
  } finally {
    await database.close();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
