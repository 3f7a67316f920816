import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import { openPglite, openPostgres, runMigrations, type TDatabase } from './db/client.js';
import { loadDemoDataIfEmpty } from './demo/index.js';
import { startBackgroundWork } from './modules/background.js';
import { loadOfficialHolidays } from './modules/work-orders/index.js';
import { monotonicMs } from './platform/clock.js';

/** config → database → migrate → demo data if empty → listen → graceful close */
async function main() {
  const config = loadConfig();
  const started = monotonicMs();
  let database: TDatabase;
  try {
    database = config.databaseUrl ? await openPostgres(config.databaseUrl) : await openPglite(config.dataDir);
  } catch (err) {
    console.error((err as Error).message);
    process.exit(1);
  }
  await runMigrations(database);
  // The official holiday calendar, refreshed from the chinese-days package on every start (admins' entries stay).
  await loadOfficialHolidays(database.db);
  if (config.demo) await loadDemoDataIfEmpty(database);
  const app = await buildApp({ config, database });
  const stopBackground = startBackgroundWork(app, { config, database });
  await app.listen({ port: config.port, host: config.host });
  if (config.piiKeyIsDevelopment && !config.demo)
    app.log.warn('PII_KEY is not set: visitors’ ID numbers are protected with the development key. Set PII_KEY.');
  app.log.info(
    `智旅 Zhilv ready at http://localhost:${config.port} (${database.kind}, ${config.demo ? 'demo mode' : 'production mode'}) in ${Math.round(monotonicMs() - started)} ms`,
  );
  let closing = false;
  const close = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: closing`);
    await stopBackground();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void close('SIGINT'));
  process.on('SIGTERM', () => void close('SIGTERM'));
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
