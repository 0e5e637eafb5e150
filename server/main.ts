import { buildApp } from './app';
import { checkPepper, firstRun, openContext } from './bootstrap';
import type { Config } from './config';
import { startJobRunner } from './jobs';
import { startAlertTimer } from './modules/rectification-alerts';
import { startUploadSweepTimer } from './modules/public-reports';

/** config -> database -> migrations -> first run -> app -> listen. */
export async function serve(config: Config): Promise<void> {
  const { ctx, database, migration } = await openContext(config, 'serve');
  try {
    await checkPepper(ctx);
  } catch (e) {
    await database.close();
    throw e;
  }
  const admin = await firstRun(ctx);
  const app = await buildApp(ctx, { logger: true });
  // jobs left running by a previous process are failed before any new one is claimed (decision 0011)
  const jobs = await startJobRunner(ctx, {
    concurrency: config.jobConcurrency,
    log: (level, msg, err) => (err ? app.log[level]({ err }, msg) : app.log[level](msg)),
  });
  const stopAlerts = startAlertTimer(ctx, config.alertIntervalMinutes, (msg, err) => (err ? app.log.error({ err }, msg) : app.log.info(msg)));
  const sweep = startUploadSweepTimer(ctx, (msg, err) => (err ? app.log.error({ err }, msg) : app.log.info(msg)));
  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info(`${signal}: 正在停止服务`);
    stopAlerts();
    await jobs.stop();
    await sweep.stop();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  const where = database.kind === 'pglite' ? `PGlite（${config.dataDir}）` : 'PostgreSQL';
  console.log(`\n巡察平台已启动：http://localhost:${port}  数据库：${where}  版本：${migration}`);
  if (admin.generatedPassword) {
    console.log('\n============================================================');
    console.log('首次启动：已创建管理员账户（此密码只显示这一次，请妥善保存）');
    console.log(`  用户名：admin`);
    console.log(`  密  码：${admin.generatedPassword}`);
    console.log('首次登录后须修改密码。');
    console.log('============================================================\n');
  } else if (admin.created) {
    console.log('首次启动：已创建管理员账户 admin（密码为 XUNCHA_ADMIN_PASSWORD）');
  }
}
