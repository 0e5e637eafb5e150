import type { AppContext } from './http/context';
import { migrateToLatest, openDatabase, type Database } from './db/database';
import type { Config } from './config';
import { ensureBootstrapAdmin } from './modules/access';
import { seedDefaultTags } from './modules/registry';
import { seedDefaultChecklists } from './modules/checklists';

/** Opens the configured database and brings it to the current schema and first-run state. */
export async function openContext(config: Config, purpose: string): Promise<{ ctx: AppContext; database: Database; migration: string }> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, purpose });
  try {
    const migration = await migrateToLatest(database.db);
    const ctx: AppContext = { db: database.db, dbKind: database.kind, config, now: () => new Date() };
    return { ctx, database, migration };
  } catch (e) {
    await database.close();
    throw e;
  }
}

/** First-run data: default classification tags and the administrator. Safe to call on every start. */
export async function firstRun(ctx: AppContext): Promise<{ generatedPassword?: string; created: boolean }> {
  const seeded = await ctx.db.selectFrom('app_meta').select('key').where('key', '=', 'default_tags_seeded').executeTakeFirst();
  if (!seeded) {
    await ctx.db.transaction().execute(async (trx) => {
      await seedDefaultTags(trx);
      await trx.insertInto('app_meta').values({ key: 'default_tags_seeded', value: 'true' }).execute();
    });
  }
  await seedDefaultChecklists(ctx.db, ctx.now);
  return ensureBootstrapAdmin(ctx);
}
