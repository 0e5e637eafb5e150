#!/usr/bin/env node
// Browser journeys against the real server: builds the web app into a temporary directory of its own, starts the
// server (`xuncha serve` serving that build through XUNCHA_WEB_DIR) on a free port with a fresh PGlite data directory (or
// E2E_DATABASE_URL), drives Debian's chromium with playwright-core, and prints `e2e: N passed, M failed`.
// The set-up the journeys share (signing in, users, a round with a team) is in e2e/setup.mjs.
//
//   node e2e/run.mjs                 all journeys
//   node e2e/run.mjs cadre           journeys whose name contains "cadre"
//   E2E_SCREENSHOTS=1 node e2e/run.mjs   also keep screenshots of the main pages in e2e/artifacts/
//   E2E_HEADFUL=1 / E2E_SLOWMO=200   watch it (needs a display)
//   E2E_DATABASE_URL=postgres://…    run on PostgreSQL (names get a run suffix; E2E_ADMIN_PASSWORD if admin exists)
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { strFromU8, unzipSync } from 'fflate';
import { generateSync } from 'otplib';
import { chromium } from 'playwright-core';
import {
  AREA,
  ADMIN_PASSWORD,
  adminSession,
  apiCall,
  assert,
  chinaDate,
  createOrg,
  createUser,
  externalDb,
  firstLogin,
  login,
  newPhone,
  newUserPage,
  recentWorkingDays,
  roundNumber,
  roundPeriod,
  runTag,
  setupRound,
  sleep,
} from './setup.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const artifacts = path.join(repo, 'e2e', 'artifacts');
const CHROMIUM = process.env.E2E_CHROMIUM ?? '/usr/bin/chromium';
const KEEP_SHOTS = Boolean(process.env.E2E_SCREENSHOTS);
const filter = process.argv[2] ?? '';

fs.mkdirSync(artifacts, { recursive: true });
for (const f of fs.readdirSync(artifacts)) if (f.includes('-failure-')) fs.rmSync(path.join(artifacts, f));

// --- small helpers ------------------------------------------------------------------------

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** GB 11643 check character (ISO 7064 MOD 11-2) for the first 17 digits. */
function idCheckChar(first17) {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((n, d, i) => n + Number(d) * weights[i], 0);
  return '10X98765432'[sum % 11];
}
const idNumber = (area, birth, seq) => `${area}${birth}${seq}${idCheckChar(`${area}${birth}${seq}`)}`;
/** A number whose check character is deliberately wrong. */
function badIdNumber(area, birth, seq) {
  const good = idCheckChar(`${area}${birth}${seq}`);
  const wrong = '10X98765432'.split('').find((c) => c !== good);
  return `${area}${birth}${seq}${wrong}`;
}

// --- the test data ------------------------------------------------------------------------

const cadres = {
  wang: { name: '王建国', id: idNumber(AREA, '19720315', '031'), gender: '男' }, // 17th digit odd: male
  chen: { name: '陈丽娟', id: idNumber(AREA, '19850908', '042'), gender: '女' },
  zhao: { name: '赵海波', id: idNumber(AREA, '19790121', '015'), gender: '男' },
  badCheck: { name: '刘德华', id: badIdNumber(AREA, '19800101', '013'), gender: '男' },
  noVillage: { name: '孙光明', id: idNumber(AREA, '19880606', '017'), gender: '男' },
};
const relatives = {
  wife: { name: '李秀英', id: idNumber(AREA, '19740520', '022'), relation: '配偶' },
  son: { name: '王小龙', id: idNumber(AREA, '19980811', '035'), relation: '儿子' },
};

/** A 1×1 PNG: uploads are checked by content, so a real image. */
const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

const HEADERS = ['村（社区）', '乡镇（街道）', '姓名', '性别', '身份证号码', '职务', '任职时间', '任期届满', '联系电话', '亲属姓名', '亲属身份证号码', '与本人关系'];

/** A roster as offices keep them: a title row, the header, a cadre with two relative rows, two bad rows. */
async function writeRoster(file) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('干部名册');
  ws.addRow(['都江堰市村（社区）“两委”干部名册']);
  ws.mergeCells(1, 1, 1, HEADERS.length);
  ws.addRow(HEADERS); // row 2
  const c = cadres;
  ws.addRow(['三坝社区', '聚源镇', c.wang.name, c.wang.gender, c.wang.id, '党支部书记、村委会主任', '2021-05-01', '2026-04-30', '13800000001', relatives.wife.name, relatives.wife.id, relatives.wife.relation]); // 3
  ws.addRow(['', '', '', '', '', '', '', '', '', relatives.son.name, relatives.son.id, relatives.son.relation]); // 4
  ws.addRow(['三坝社区', '聚源镇', c.chen.name, c.chen.gender, c.chen.id, '副书记', '2021-05-01', '2026-04-30', '13800000002', '', '', '']); // 5
  ws.addRow(['莲花社区', '幸福街道', c.zhao.name, c.zhao.gender, c.zhao.id, '村务监督委员会主任', '2021-05-01', '2026-04-30', '13800000003', '', '', '']); // 6
  ws.addRow(['三坝社区', '聚源镇', c.badCheck.name, c.badCheck.gender, c.badCheck.id, '委员', '2021-05-01', '2026-04-30', '', '', '', '']); // 7
  ws.addRow(['不存在村', '聚源镇', c.noVillage.name, c.noVillage.gender, c.noVillage.id, '委员', '2021-05-01', '2026-04-30', '', '', '', '']); // 8
  await wb.xlsx.writeFile(file);
  return { badCheckRow: 7, noVillageRow: 8 };
}

// --- server -------------------------------------------------------------------------------

/**
 * Builds the web app from the working tree into a directory of this run's own, served through XUNCHA_WEB_DIR, not
 * dist/web: the server lists the web app's files when it starts, so a rebuild of dist/web during a run (another
 * run's, or anyone's `npm start`) would swap the hashed assets under this run's server and fail every later page; and
 * this run's build leaves theirs alone.
 */
async function buildWeb() {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-e2e-web-'));
  const started = Date.now();
  console.log('e2e: 正在构建前端……');
  try {
    const vite = await import('vite');
    await vite.build({ configFile: path.join(repo, 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  } catch (err) {
    fs.rmSync(outDir, { recursive: true, force: true });
    throw new Error(`前端构建失败：${err instanceof Error ? err.message : err}`, { cause: err });
  }
  console.log(`e2e: 前端构建完成（${((Date.now() - started) / 1000).toFixed(1)} 秒）`);
  return outDir;
}

async function startServer(webDir) {
  const port = await freePort();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-e2e-'));
  const env = {
    ...process.env,
    XUNCHA_WEB_DIR: webDir,
    PORT: String(port),
    HOST: '127.0.0.1',
    XUNCHA_DATA_DIR: dataDir,
    // a shared database keeps the fingerprint of the first run's pepper: every run must read the same one
    ...(externalDb ? { XUNCHA_PEPPER_FILE: path.join(os.tmpdir(), 'xuncha-e2e-codes.pepper') } : {}),
    XUNCHA_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LOG_LEVEL: 'warn',
  };
  if (externalDb) env.DATABASE_URL = externalDb;
  else delete env.DATABASE_URL;
  const child = spawn(process.execPath, [path.join(repo, 'bin', 'xuncha.js'), 'serve'], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  const keep = (chunk) => {
    log.push(chunk.toString());
    if (log.length > 400) log.shift();
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let exited = null;
  child.on('exit', (code, signal) => (exited = { code, signal }));

  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 90_000;
  for (;;) {
    if (exited) throw new Error(`服务器启动失败（退出码 ${exited.code}）：\n${log.join('')}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`等待服务器启动超时：\n${log.join('')}`);
    await sleep(250);
  }
  const stop = async () => {
    if (!exited) {
      child.kill('SIGTERM');
      for (let i = 0; i < 40 && !exited; i++) await sleep(250);
      if (!exited) child.kill('SIGKILL');
    }
    if (!externalDb) fs.rmSync(dataDir, { recursive: true, force: true });
    fs.rmSync(webDir, { recursive: true, force: true });
  };
  return { base, stop, log };
}

// --- the journeys -------------------------------------------------------------------------

const slug = (s) => s.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase() || 'journey';

async function shot(page, name) {
  if (KEEP_SHOTS) await page.screenshot({ path: path.join(artifacts, `${name}.png`), fullPage: true });
}

/** Picks an option of the antd Select/Cascader dropdown that is open. */
async function pickOption(page, text) {
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: text }).first();
  await option.click();
}

/**
 * Opens a select, picks the option containing `text` and checks the select now shows it; tries again when the
 * click was lost (on a loaded machine a click during the dropdown's opening animation can miss the option).
 */
async function choose(page, select, text) {
  for (let attempt = 1; ; attempt++) {
    await select.click();
    await pickOption(page, text);
    for (let i = 0; i < 10 && !(await select.innerText()).includes(text); i++) await sleep(100);
    if ((await select.innerText()).includes(text)) return;
    if (attempt === 3) throw new Error(`断言失败：下拉框未选中“${text}”`);
    await page.keyboard.press('Escape');
    await sleep(300);
  }
}

/** Picks the option whose label is exactly `text` (pickOption matches a part: 组长 would find 副组长 too). */
async function pickExact(page, text) {
  await page.locator(`.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option[title="${text}"]`).first().click();
}

/** A button or a link-button with an icon (its accessible name starts with the icon's). */
const iconButton = (scope, text) => scope.getByRole('button', { name: new RegExp(`${text}$`) });
const iconLink = (scope, text) => scope.getByRole('link', { name: new RegExp(`${text}$`) });
/** A button by its Chinese label: antd puts a space between the two characters of a two-character label. */
const button = (scope, text) => scope.getByRole('button', { name: new RegExp(`^\\s*${[...text].join('\\s*')}\\s*$`) });

/** The open confirmation bubble (Popconfirm). */
const popconfirm = (page) => page.locator('.ant-popover:not(.ant-popover-hidden)');

/**
 * Confirms the open bubble with its `text` button. On a loaded machine a click during the bubble's opening animation
 * was seen not to take (the bubble stayed open, nothing happened): if the bubble is still open and its button not
 * busy after 3 s, the click is repeated — a click that took closes the bubble or shows the button loading.
 */
async function confirmPop(page, text) {
  for (let attempt = 1; ; attempt++) {
    const ok = button(popconfirm(page), text);
    await ok.click();
    for (let i = 0; i < 30; i++) {
      if ((await ok.count()) === 0) return;
      if (await ok.evaluate((el) => el.classList.contains('ant-btn-loading'), undefined, { timeout: 1000 }).catch(() => true)) return;
      await sleep(100);
    }
    if (attempt === 3) throw new Error(`断言失败：确认框的“${text}”点击后没有反应`);
  }
}

/** Types a date into an antd DatePicker input and leaves it (Tab: Enter would submit the whole form). */
async function typeDate(input, date) {
  await input.click();
  await input.fill(date);
  await input.press('Tab');
  const value = await input.inputValue();
  assert(value === date, `日期应为 ${date}，实际：${value}`);
}

const journeys = [
  {
    name: 'cadre roster: import divisions, search by initials, import a roster with bad rows',
    async run({ newPage, base }) {
      const { page } = await adminSession(newPage, base, { divisions: false }); // 都江堰市 is imported below, through the page

      // First run: the welcome card offers the demo and the division import.
      const welcome = page.getByTestId('welcome-card');
      if (!externalDb) {
        await welcome.waitFor();
        assert(await page.getByTestId('welcome-demo').isVisible(), '首页应提供“生成演示数据（溧阳市）”');
        await shot(page, '01-welcome');
      }
      if (await welcome.isVisible()) await page.getByTestId('welcome-import').click();
      else {
        await page.goto(`${base}/registry/villages`);
        await page.getByTestId('import-divisions-button').click();
      }
      await page.getByTestId('division-import-county').fill('510181');
      await page.getByTestId('division-import-submit').click();
      await page.getByTestId('division-import-result').waitFor({ timeout: 60_000 });
      const towns = await page.getByTestId('import-towns-total').innerText();
      const villages = await page.getByTestId('import-villages-total').innerText();
      assert(towns.includes('共 11 个'), `应导入 11 个乡镇（街道），实际：${towns}`);
      assert(villages.includes('共 166 个'), `应导入 166 个村（社区），实际：${villages}`);
      assert((await page.getByTestId('division-import-result').innerText()).includes('都江堰市'), '导入结果应显示都江堰市');
      await page.getByTestId('division-import-close').click();

      // The registry: 都江堰市 with its 11 towns in the tree, 166 villages in the table.
      await page.getByRole('menuitem', { name: '村（社区）名录' }).click();
      await page.waitForURL(/\/registry\/villages/);
      const tree = page.getByTestId('division-tree');
      await tree.getByText('都江堰市').click();
      await page.waitForURL(/county=510181/);
      await page.getByTestId('villages-total').filter({ hasText: '共 166 个村（社区）' }).waitFor();
      await tree.getByText('聚源镇').waitFor();
      const townNodes = await tree.locator('.ant-tree-treenode-leaf').count();
      if (!externalDb) assert(townNodes === 11, `区划树应列出 11 个乡镇（街道），实际 ${townNodes}`);
      await shot(page, '02-villages');

      // Pinyin initials: "sb" finds 三坝社区.
      await page.getByTestId('village-search').locator('input').fill('sb');
      await page.getByTestId('villages-table').locator('tr', { hasText: '三坝社区' }).waitFor();
      await page.waitForURL(/q=sb/);

      // The cadre import wizard with a generated roster.
      const xlsx = path.join(artifacts, 'roster.xlsx');
      const rows = await writeRoster(xlsx);
      await page.getByRole('button', { name: /导入干部名册/ }).click();
      await page.waitForURL(/\/registry\/cadres\/import/);
      await page.getByTestId('cadre-import-upload').locator('input[type=file]').setInputFiles(xlsx);
      await page.getByTestId('import-summary').waitFor({ timeout: 30_000 });
      const errors = page.getByTestId('import-errors-table');
      const badCheck = errors.locator('tr', { hasText: '校验位错误' });
      await badCheck.waitFor();
      assert((await badCheck.locator('td').first().innerText()).trim() === String(rows.badCheckRow), `校验位错误应在第 ${rows.badCheckRow} 行`);
      const noVillage = errors.locator('tr', { hasText: '找不到村（社区）“不存在村”' });
      await noVillage.waitFor();
      assert((await noVillage.locator('td').first().innerText()).trim() === String(rows.noVillageRow), `未知村应在第 ${rows.noVillageRow} 行`);
      const valid = page.getByTestId('import-valid-table');
      for (const c of [cadres.wang, cadres.chen, cadres.zhao]) await valid.getByText(c.name).waitFor();
      await valid.getByText('聚源镇 三坝社区').first().waitFor(); // village names arrive after the preview
      assert((await page.getByTestId('import-valid-count').innerText()).includes('3'), '应有 3 名有效干部');
      await shot(page, '03-import-preview');
      const confirm = page.getByTestId('import-confirm');
      assert((await confirm.innerText()).replace(/\s/g, '') === '导入有效的3名干部', `导入按钮文字不对：${await confirm.innerText()}`);
      await confirm.click();
      await page.getByTestId('import-done').waitFor({ timeout: 30_000 });
      const done = await page.getByTestId('import-done').innerText();
      if (!externalDb) assert(done.includes('新增 3 名') && done.includes('登记亲属 2 名'), `导入结果不对：${done}`);

      // 三坝社区's profile shows the imported cadres, relatives in the expandable row.
      await page.getByRole('button', { name: '查看村（社区）名录' }).click();
      await page.getByTestId('village-search').locator('input').fill('sb');
      await page.getByTestId('villages-table').locator('tr', { hasText: '三坝社区' }).click();
      await page.getByTestId('village-title').filter({ hasText: '三坝社区' }).waitFor();
      assert((await page.getByTestId('profile-figures').innerText()).includes(cadres.wang.name), '档案应显示党组织书记');
      await page.getByRole('tab', { name: /干部名册（2）/ }).click();
      const table = page.getByTestId('cadres-table');
      const wangRow = table.locator('tr', { hasText: cadres.wang.name });
      await wangRow.waitFor();
      await table.getByText(cadres.chen.name).waitFor();
      assert((await wangRow.innerText()).includes('一肩挑'), '书记兼主任应标“一肩挑”');
      assert(!(await table.innerText()).includes(cadres.zhao.name), '莲花社区的干部不应出现在三坝社区');
      await wangRow.locator('.ant-table-row-expand-icon').click();
      await table.getByText(relatives.son.name).waitFor();
      await table.getByText(relatives.wife.name).waitFor();
      await shot(page, '04-village-cadres');
      await page.getByRole('tab', { name: '修改记录' }).click();
      await page.getByTestId('history-tab').getByText('导入新增').first().waitFor();
    },
  },
  {
    name: 'town scope: organisations and users, forced password change, town sees only its villages',
    async run({ newPage, base }) {
      const { page: admin, api } = await adminSession(newPage, base);

      // 聚源镇党委 through the UI (cascader from the registry, name suggested).
      await admin.goto(`${base}/access/organisations`);
      await admin.getByTestId('org-create').click();
      await admin.getByTestId('org-kind').click();
      await pickOption(admin, '镇（街道）党（工）委');
      await admin.getByTestId('org-scope-cascader').locator('.ant-select').click();
      await admin.locator('.ant-cascader-menu-item', { hasText: '都江堰市' }).click();
      await admin.locator('.ant-cascader-menu-item', { hasText: '聚源镇' }).click();
      const nameInput = admin.getByTestId('org-name');
      for (let i = 0; i < 50 && (await nameInput.inputValue()) !== '聚源镇党委'; i++) await sleep(100);
      assert((await nameInput.inputValue()) === '聚源镇党委', `组织名称应自动填为“聚源镇党委”，实际：${await nameInput.inputValue()}`);
      const juyuanOrg = `聚源镇党委${runTag}`;
      if (runTag) await nameInput.fill(juyuanOrg);
      await shot(admin, '05-org-create');
      await admin.getByTestId('org-submit').click();
      await admin.getByTestId('organisations-table').locator('tr', { hasText: juyuanOrg }).waitFor();

      // 幸福街道党工委 through the API with the admin's session.
      const xingfuOrg = await createOrg(api, { kind: 'town', name: `幸福街道党工委${runTag}`, scopeCode: '510181002' });

      // A user for 聚源镇 through the UI; the initial password is shown once.
      const juyuanUser = `juyuan${runTag}`;
      await admin.goto(`${base}/access/users`);
      await admin.getByTestId('user-create').click();
      await admin.getByTestId('user-org').click();
      await admin.keyboard.type('聚源镇');
      await pickOption(admin, juyuanOrg);
      await admin.getByTestId('user-roles').getByText('镇（街道）工作人员').waitFor();
      await admin.getByTestId('user-username').fill(juyuanUser);
      await admin.getByTestId('user-display-name').fill('聚源镇联络员');
      await admin.getByTestId('user-submit').click();
      const initial = (await admin.getByTestId('initial-password').innerText()).trim();
      assert(initial.length >= 8, '应显示初始密码');
      await shot(admin, '06-initial-password');
      await admin.getByRole('button', { name: '我已记下' }).click();
      await admin.getByTestId('users-table').locator('tr', { hasText: juyuanUser }).waitFor();

      // A user for 幸福街道 through the API.
      await createUser(api, { username: `xingfu${runTag}`, displayName: '幸福街道联络员', orgId: xingfuOrg.id, role: 'town' });

      // The town user: first login forces a password change.
      const town = await newUserPage(newPage, base, { username: juyuanUser, initial, password: 'Town#2026e2e' });
      await town.getByTestId('current-user').filter({ hasText: juyuanOrg }).waitFor();

      // Only 聚源镇's 19 villages, and no administration menu.
      await town.getByRole('menuitem', { name: '村（社区）名录' }).click();
      await town.getByTestId('villages-total').filter({ hasText: '共 19 个村（社区）' }).waitFor();
      const townColumn = await town.getByTestId('villages-table').locator('tbody tr.ant-table-row td:nth-child(3)').allInnerTexts();
      assert(townColumn.length > 0 && townColumn.every((t) => t.trim() === '聚源镇'), `只应列出聚源镇的村：${[...new Set(townColumn)].join('、')}`);
      const treeText = await town.getByTestId('division-tree').innerText();
      assert(treeText.includes('聚源镇') && !treeText.includes('幸福街道'), `区划树只应有聚源镇：${treeText}`);
      assert((await town.getByRole('menuitem', { name: '用户账户' }).count()) === 0, '镇用户不应看到“用户账户”菜单');
      await shot(town, '07-town-villages');

      // Another town's village by URL: refused, nothing shown.
      await town.goto(`${base}/registry/villages/510181002001`);
      const refusal = town.getByTestId('not-found');
      await refusal.waitFor();
      assert((await refusal.innerText()).includes('不存在或无权查看'), '应提示不存在或无权查看');
      const content = await town.locator('.ant-layout-content').innerText();
      assert(!content.includes('莲花社区') && !content.includes('村情概况') && !content.includes('干部名册（'), `不应显示其他镇村的任何数据：${content}`);
      await shot(town, '08-town-refused');

      // And a page the role may not open.
      await town.goto(`${base}/access/users`);
      await town.getByTestId('forbidden').waitFor();

      // The office reads it all back in the audit log, and the hash chain holds.
      await admin.goto(`${base}/access/audit`);
      await admin.getByTestId('audit-table').locator('tr', { hasText: '修改密码' }).first().click();
      await admin.getByTestId('audit-table').locator('tr', { hasText: juyuanOrg }).first().waitFor();
      await admin.getByTestId('audit-verify').click();
      const verdict = await admin.getByTestId('audit-verify-result').innerText();
      assert(verdict.includes('校验通过'), `审计日志校验应通过：${verdict}`);
      await shot(admin, '10-audit');
    },
  },
  {
    name: 'account: enable a second factor, then sign in with the 6-digit code',
    async run({ newPage, base }) {
      const { api } = await adminSession(newPage, base, { divisions: false });
      const me = await api('GET', '/api/auth/me');
      const user = await createUser(api, { username: `totp${runTag}`, displayName: '两步验证测试', orgId: me.org.id, role: 'office', password: 'Second#Factor2026' });
      const { username, password } = user;

      const page = await newPage();
      await login(page, base, username, 'Wrong#Password1');
      await page.getByTestId('login-error').filter({ hasText: '用户名或密码错误' }).waitFor();
      await firstLogin(page, base, username, user.initial, password);

      await page.goto(`${base}/account`);
      await page.getByTestId('totp-start').click();
      await page.getByRole('img', { name: '动态验证码二维码' }).waitFor();
      const secret = (await page.getByTestId('totp-secret').innerText()).trim();
      await page.getByTestId('totp-code').locator('input').first().click();
      await page.keyboard.type(generateSync({ secret }));
      await page.getByTestId('totp-confirm').click();
      await page.getByTestId('totp-status').filter({ hasText: '已启用' }).waitFor();
      await shot(page, '09-totp-enabled');

      await page.getByTestId('logout').click();
      await page.waitForURL(/\/login/);
      await login(page, base, username, password);
      const otp = page.getByTestId('login-totp');
      await otp.waitFor();
      await otp.locator('input').first().click();
      await page.keyboard.type(generateSync({ secret })); // six digits submit the form by themselves
      await page.getByTestId('current-user').waitFor();
    },
  },
  {
    name: 'round: plan a round with a team, 回避 refusal, a village workspace from refusal to 已完成, the team sees it',
    async run({ newPage, base }) {
      const { page: admin, api } = await adminSession(newPage, base);

      // The target: 柳街社区 of 石羊镇, 20 households on its profile → 10% → 2 households to visit.
      const VILLAGE = { code: '510181106008', name: '柳街社区', town: '石羊镇', townCode: '510181106' };
      const village = await api('GET', `/api/registry/villages/${VILLAGE.code}`);
      await api('PUT', `/api/registry/villages/${VILLAGE.code}/profile`, { ...village.profile, households: 20 });

      // Three recent working days, oldest first.
      const [d1, d2, d3] = await recentWorkingDays(api);

      // A team organisation with its leader's account, another team's user, and the people list.
      const teamOrg = await createOrg(api, { kind: 'team', name: `县委第一巡察组${runTag}` });
      const otherOrg = await createOrg(api, { kind: 'team', name: `县委第二巡察组${runTag}` });
      const leaderUser = await createUser(api, { username: `zuzhang${runTag}`, displayName: '第一组组长', orgId: teamOrg.id, role: 'team_leader', password: 'Team#Leader2026' });
      const otherUser = await createUser(api, { username: `erzu${runTag}`, displayName: '第二组组员', orgId: otherOrg.id, role: 'team_member', password: 'Team#Other2026' });
      const people = {
        leader: { name: `周志强${runTag}`, unit: '县纪委监委', expertise: ['纪检监察'] },
        member: { name: `吴晓梅${runTag}`, unit: '县审计局', expertise: ['审计'] },
        local: { name: `郑家乐${runTag}`, unit: '县农业农村局', expertise: ['农经'], homeTownCode: VILLAGE.townCode },
      };
      for (const p of Object.values(people)) await api('POST', '/api/planning/people', { countyCode: AREA, ...p });

      // 巡察轮次 → 新建轮次.
      const number = roundNumber(1);
      const { year, startDate: start, endDate: end } = roundPeriod(d1);
      await admin.goto(base);
      await admin.getByTestId('side-menu').getByRole('link', { name: '巡察轮次' }).click();
      await admin.waitForURL(/\/planning\/rounds$/);
      await admin.getByTestId('round-create').click();
      const roundForm = admin.getByRole('dialog').filter({ hasText: '新建巡察轮次' });
      if (await roundForm.getByTestId('county-select').count()) {
        await roundForm.getByTestId('county-select').click();
        await pickOption(admin, '都江堰市');
      }
      await roundForm.getByLabel('年度').fill(String(year));
      await roundForm.getByLabel('轮次编号').fill(String(number));
      await roundForm.getByLabel('巡察主题').fill('聚焦村级“三资”管理和惠农补贴落实');
      const range = roundForm.locator('.ant-picker-range input');
      await typeDate(range.nth(0), start);
      await typeDate(range.nth(1), end);
      await shot(admin, '11-round-create');
      await button(roundForm, '保存').click();
      await admin.waitForURL(/\/planning\/rounds\/[0-9a-f-]{36}/);
      const roundPage = admin.getByTestId('round-page');
      await roundPage.getByText(`${year}年第${number}轮`).first().waitFor();
      assert((await roundPage.innerText()).includes(`${start} 至 ${end}`), `轮次应显示起止日期 ${start} 至 ${end}`);
      const tab = (name) => admin.getByRole('tab', { name: new RegExp(`^${name}`) }).click();

      // 巡察对象: 柳街社区, 直接巡.
      await tab('巡察对象');
      await admin.getByTestId('target-add').click();
      const targetForm = admin.getByRole('dialog').filter({ hasText: '添加巡察对象' });
      await targetForm.getByTestId('target-village').click();
      await admin.keyboard.type('柳街');
      await pickOption(admin, VILLAGE.name);
      assert((await targetForm.innerText()).includes('直接巡'), '村（社区）对象默认应为“直接巡”');
      await button(targetForm, '保存').click();
      await targetForm.waitFor({ state: 'detached' });
      const targetRow = admin.getByTestId('targets-table').locator('tr.ant-table-row', { hasText: VILLAGE.name }).filter({ hasText: '直接巡' }); // not the village row inside it
      await targetRow.waitFor();

      // 巡察组: linked to the team organisation, the leader authorised for this round.
      await tab('巡察组');
      await admin.getByTestId('team-create').click();
      const teamForm = admin.getByRole('dialog').filter({ hasText: '组建巡察组' });
      const teamName = await teamForm.getByLabel('巡察组名称').inputValue();
      assert(teamName === '第一巡察组', `组名应默认为“第一巡察组”，实际：${teamName}`);
      await teamForm.getByLabel('对应的巡察组组织').click();
      await pickOption(admin, teamOrg.name);
      await teamForm.getByLabel('授权文号').fill('都巡〔2026〕3号');
      await typeDate(teamForm.getByLabel('授权日期'), d1);
      await button(teamForm, '保存').click();
      await teamForm.waitFor({ state: 'detached' });
      const card = admin.getByTestId(`team-card-${teamName}`);
      await card.getByText(`都巡〔2026〕3号（${d1}）`).waitFor();
      assert((await card.innerText()).includes(teamOrg.name), '巡察组应显示对应的组织');

      const addMember = async (person, role) => {
        await card.getByTestId('member-person').click();
        await admin.keyboard.type(person.name);
        await pickOption(admin, person.name);
        await card.locator('.ant-select').last().click();
        await pickExact(admin, role);
        await card.getByTestId('member-add').click();
      };
      const membersTable = card.locator('.ant-table');
      await addMember(people.leader, '组长');
      await membersTable.locator('tr', { hasText: people.leader.name }).getByText('组长').waitFor();
      await addMember(people.member, '组员');
      await membersTable.locator('tr', { hasText: people.member.name }).waitFor();
      await card.locator('.ant-descriptions-item', { hasText: '组长' }).first().getByText(people.leader.name).waitFor();

      // Assign the team to the village (回避 is checked for every member) …
      await tab('巡察对象');
      await targetRow.locator('.ant-select').click();
      await pickOption(admin, teamName);
      await admin.locator('.ant-message').getByText(`${VILLAGE.name}已分配给${teamName}`).waitFor();

      // … then a person whose home town is 石羊镇 cannot join it.
      await tab('巡察组');
      await addMember(people.local, '组员');
      const refusal = card.getByTestId('refusal-reasons');
      await refusal.waitFor();
      const reasons = await refusal.innerText();
      assert(reasons.includes(VILLAGE.town) && reasons.includes('回避'), `回避理由应提到${VILLAGE.town}和回避：${reasons}`);
      assert((await card.innerText()).includes('不能编入'), '应说明不能编入本组');
      assert(!(await membersTable.innerText()).includes(people.local.name), `${people.local.name}不应编入`);
      await shot(admin, '12-avoidance-refused');

      // The personalised checklists of every village of the round, before entry.
      await tab('巡察对象');
      await admin.getByTestId('round-generate-checklists').click();
      await confirmPop(admin, '生成');
      await admin.locator('.ant-message').getByText(/已为 1 个村生成清单/).waitFor();
      await targetRow.locator('.ant-table-row-expand-icon').click();
      const villageRow = admin.getByTestId('targets-table').locator('.ant-table-expanded-row tr', { hasText: VILLAGE.name });
      await villageRow.getByText(/\d+ 项/).waitFor();

      // 进驻, then 了解.
      await tab('基本信息与阶段');
      for (const [phase, name] of [['entry', '进驻'], ['fact_finding', '了解']]) {
        await admin.getByTestId(`phase-to-${phase}`).click();
        await button(admin.getByRole('dialog').filter({ hasText: `转入“${name}”阶段？` }), '转入').click();
        await admin.locator('.ant-message').getByText(`已转入“${name}”阶段`).waitFor();
      }
      await admin.getByTestId('phase-to-report').waitFor();
      await shot(admin, '13-round-fact-finding');

      // The village's workspace from the round's target.
      await tab('巡察对象');
      await targetRow.waitFor({ state: 'visible' });
      const collapsed = targetRow.locator('.ant-table-row-expand-icon-collapsed');
      if (await collapsed.count()) await collapsed.click();
      await villageRow.getByRole('link', { name: VILLAGE.name }).click();
      await admin.waitForURL(/\/inspections\/[0-9a-f-]{36}/);
      const inspectionId = admin.url().match(/\/inspections\/([0-9a-f-]{36})/)[1];
      await admin.getByTestId('inspection-title').filter({ hasText: VILLAGE.name }).waitFor();
      await admin.getByTestId('inspection-status').filter({ hasText: '未开始' }).waitFor();

      // 工作环节: 见面沟通 on the first day.
      await admin.getByTestId('step-mark-meeting').click();
      const stepForm = admin.getByRole('dialog').filter({ hasText: '登记环节：见面沟通' });
      await typeDate(stepForm.getByLabel('完成日期'), d1);
      await stepForm.getByLabel('情况说明').fill('与镇党委、村“两委”班子见面，通报巡察安排');
      await button(stepForm, '保存').click();
      await stepForm.waitFor({ state: 'detached' });
      await admin.getByTestId('steps-table').locator('tr', { hasText: '见面沟通' }).getByText(`${d1} 完成`).waitFor();
      await admin.getByTestId('inspection-status').filter({ hasText: '进行中' }).waitFor();

      // 工作记录: a talk with an old Party member.
      await admin.getByRole('tab', { name: '工作记录' }).click();
      await admin.getByTestId('record-add').click();
      const drawer = admin.getByTestId('record-drawer');
      await typeDate(drawer.getByLabel('日期', { exact: true }), d1);
      await drawer.getByLabel('地点').fill('村委会会议室');
      await drawer.getByLabel('情况记录').fill('反映村集体鱼塘发包程序不规范');
      await drawer.getByTestId('person-name').fill('刘德明');
      await drawer.getByTestId('person-roles').click();
      await pickOption(admin, '老党员');
      await drawer.getByTestId('person-name').click(); // closes the dropdown
      await drawer.getByTestId('record-save').click();
      await admin.locator('.ant-message').getByText('已新增工作记录').waitFor();
      await drawer.getByTestId('record-close').click();
      await admin.getByTestId('records-table').locator('tr', { hasText: '刘德明' }).waitFor();
      await admin.getByTestId('measure-san-lao').getByText('1 / 3 类').waitFor();

      // 完成本村巡察 is refused with every missing condition.
      await admin.getByTestId('complete-inspection').click();
      await confirmPop(admin, '完成');
      const refusalList = admin.getByTestId('refusal-reasons');
      await refusalList.waitFor();
      const missing = await refusalList.innerText();
      for (const part of ['尚未完成必经环节“个别谈话”', '监督清单还有', '未检查', '少于最低要求的 3 个工作日', '已走访 0 户，少于应走访的 2 户']) {
        assert(missing.includes(part), `拒绝理由应包括“${part}”：\n${missing}`);
      }
      await shot(admin, '14-completion-refused');
      await button(admin.getByRole('dialog').filter({ hasText: '暂不能完成本村巡察' }), '知道了').click();
      const blockers = await admin.getByTestId('blockers').innerText();
      assert(blockers.includes('尚未完成必经环节'), `进度概览应列出未满足的条件：${blockers}`);
      const sanLao = await admin.getByTestId('measure-san-lao').innerText();
      assert(sanLao.includes('老党员') && sanLao.includes('老干部') && sanLao.includes('老军人'), `“三老”覆盖应列出已谈和未谈：${sanLao}`);

      // The rest through the API with the session: steps, talks with the 三老 and 两低, a visit, three days.
      const ins = `/api/inspections/${inspectionId}`;
      for (const [step, on] of [['individual_talks', d2], ['record_review', d2], ['petitions', d3], ['feedback', d3]]) {
        await api('PUT', `${ins}/steps/${step}`, { doneOn: on, notes: '' });
      }
      const record = (kind, date, extra) => api('POST', `${ins}/records`, { kind, date, place: '', notes: '', attachmentIds: [], people: [], ...extra });
      await record('talk', d2, { people: [{ name: '王守成', roles: ['old_cadre'] }, { name: '李建军', roles: ['veteran'] }] });
      await record('talk', d3, { people: [{ name: '张秀兰', roles: ['subsistence'] }, { name: '陈福贵', roles: ['low_income'] }] });
      await record('visit', d3, { households: [{ head: '赵大勇', address: '3组12号', roles: [] }, { head: '孙桂芳', address: '5组7号', roles: ['subsistence'] }] });

      // The checklist: the first item through the page, the others through the API.
      await admin.getByRole('tab', { name: /^监督清单/ }).click();
      const firstItem = admin.getByTestId('inspection-checklist-item').first();
      await firstItem.locator('label', { hasText: '无问题' }).click();
      await firstItem.getByText('标记于').waitFor();
      const list = await api('GET', `${ins}/checklist`);
      assert(list.items.length > 1, `清单应有多项事项，实际 ${list.items.length}`);
      for (const item of list.items.filter((i) => i.result === 'not_checked')) {
        await api('PUT', `${ins}/checklist/items/${item.id}/mark`, { result: 'no_problem' });
      }

      // Reload: nothing left → 完成本村巡察 → 已完成.
      await admin.reload();
      await admin.getByTestId('no-blockers').waitFor();
      const measures = {
        'measure-steps': '5 / 5',
        'measure-days': '3 / 3 天',
        'measure-visits': '2 / 2 户',
        'measure-san-lao': '3 / 3 类',
        'measure-liang-di': '2 / 2 类',
        'measure-checklist': `${list.items.length} / ${list.items.length} 项`,
      };
      for (const [id, text] of Object.entries(measures)) {
        const got = await admin.getByTestId(id).innerText();
        assert(got.includes(text), `${id} 应显示“${text}”：${got}`);
      }
      await shot(admin, '15-ready-to-complete');
      await admin.getByTestId('complete-inspection').click();
      await confirmPop(admin, '完成');
      await admin.getByTestId('inspection-status').filter({ hasText: '已完成' }).waitFor();
      await admin.getByTestId('reopen-inspection').waitFor();
      await admin.getByTestId('read-only-reason').filter({ hasText: '已完成' }).waitFor();
      // the checklist locks at once, without a reload
      await admin.getByRole('tab', { name: /^监督清单/ }).click();
      await admin.getByText('暂不能标记检查结果').waitFor();
      await shot(admin, '16-completed');

      // The team leader sees the village in 我组的巡察对象.
      const leader = await newUserPage(newPage, base, leaderUser);
      await leader.getByTestId('side-menu').getByRole('link', { name: '村级巡察' }).click();
      await leader.getByTestId('inspections-page').getByText('我组的巡察对象').waitFor();
      const leaderRow = leader.getByTestId('inspections-table').locator('tr.ant-table-row', { hasText: VILLAGE.name });
      await leaderRow.waitFor();
      assert((await leaderRow.innerText()).includes('已完成'), `组长看到的状态应为已完成：${await leaderRow.innerText()}`);

      // Another team's user does not, not even by the workspace's address.
      const other = await newUserPage(newPage, base, otherUser);
      await other.goto(`${base}/inspections`);
      await other.getByTestId('inspections-total').filter({ hasText: /共 \d+ 个村/ }).waitFor();
      assert(!(await other.getByTestId('inspections-table').innerText()).includes(VILLAGE.name), `其他巡察组不应看到${VILLAGE.name}`);
      await other.goto(`${base}/inspections/${inspectionId}`);
      await other.getByText('村级巡察不存在或无权查看').first().waitFor();
      assert(!(await other.locator('.ant-layout-content').innerText()).includes(VILLAGE.name), '其他巡察组不应看到该村的任何内容');
    },
  },
  {
    name: 'finding: write a finding → review twice → approve → transfer a lead → discipline user records 立案 → report, feedback and the village problem list → statistics, archive → rectification plan accepted by three parties → progress with evidence → sent back by the 主管部门, fixed with new evidence → four approvals of the new version → closed → rated from a phone → disclosed publicly → home page rates',
    async run({ newPage, base }) {
      const { page: admin, api } = await adminSession(newPage, base);
      const today = chinaDate();

      // --- setup through the API: what this journey is not about -------------------------
      const VILLAGE = { code: '510181002001', name: '莲花社区' };
      const teamOrg = await createOrg(api, { kind: 'team', name: `县委第三巡察组${runTag}` });
      const discOrg = await createOrg(api, { kind: 'discipline', name: `都江堰市纪委监委${runTag}` });
      const users = {};
      for (const [key, username, displayName, orgId, role] of [
        ['author', `zuyuan${runTag}`, '第三组组员', teamOrg.id, 'team_member'],
        ['deputy', `fuzuzhang${runTag}`, '第三组副组长', teamOrg.id, 'team_deputy'],
        ['leader', `zuzhang3${runTag}`, '第三组组长', teamOrg.id, 'team_leader'],
        ['discipline', `jiwei${runTag}`, '纪委承办人', discOrg.id, 'discipline'],
      ]) {
        users[key] = await createUser(api, { username, displayName, orgId, role, password: `Xc#${key}2026e2e` });
      }
      const { round, inspection, days } = await setupRound(api, {
        number: 2,
        theme: '聚焦村级“三资”管理',
        village: VILLAGE,
        team: { name: '第一巡察组', org: teamOrg, documentNumber: '都巡〔2026〕9号', leader: { name: `钱立新${runTag}`, unit: '县纪委监委', expertise: ['纪检监察'] } },
        phases: ['entry', 'fact_finding'],
      });
      const foundOn = days.at(-1);
      const checklist = await api('GET', `/api/inspections/${inspection.id}/checklist`);
      assert(checklist.items.length > 0, '应已生成个性化监督清单');
      const item = checklist.items[0];

      /** Clicks a link-button that downloads a file; checks the file is a zip (.docx/.xlsx start with PK). */
      const download = async (page, locator, ext) => {
        const [dl] = await Promise.all([page.waitForEvent('download'), locator.click()]);
        const name = dl.suggestedFilename();
        assert(name.endsWith(ext), `下载的文件应为 ${ext}：${name}`);
        const file = await dl.path();
        const buffer = fs.readFileSync(file);
        const head = buffer.subarray(0, 2).toString('latin1');
        assert(head === 'PK', `${name} 应为 zip 格式（以 PK 开头），实际：${JSON.stringify(head)}`);
        if (KEEP_SHOTS) fs.copyFileSync(file, path.join(artifacts, `finding-${name}`));
        return { name, buffer };
      };
      /** The text of a .docx body (runs joined), to look for what the document must say. */
      const docxText = (buffer) => strFromU8(unzipSync(new Uint8Array(buffer))['word/document.xml']).replace(/<[^>]+>/g, '');
      /** Waits for a lead modal's opening animation: its form is reset when the animation ends (afterOpenChange). */
      const settled = async (page, testId) => {
        const m = page.locator('.ant-modal', { has: page.getByTestId(testId) });
        await m.waitFor();
        for (let i = 0; i < 40 && /zoom/.test((await m.getAttribute('class')) ?? ''); i++) await sleep(50);
        await sleep(100);
        return page.getByTestId(testId);
      };
      const status = (page, text) => page.getByTestId('finding-page').locator('.ant-tag', { hasText: text }).first().waitFor();
      const modal = (page, title) => page.getByRole('dialog').filter({ hasText: title });

      // --- 1. the author writes the working paper in the village workspace and submits it ---
      const author = await newUserPage(newPage, base, users.author);
      await author.goto(`${base}/inspections/${inspection.id}`);
      await author.getByTestId('inspection-title').filter({ hasText: VILLAGE.name }).waitFor();
      await author.getByRole('tab', { name: '问题底稿' }).click();
      await author.getByTestId('inspection-findings').getByText('本村（社区）尚无问题底稿').waitFor();
      await author.getByTestId('inspection-finding-new').click();
      const drawer = author.locator('.ant-drawer', { has: author.getByTestId('finding-form') });
      await drawer.getByText(VILLAGE.name).first().waitFor();
      const title = '村集体鱼塘发包未经“四议两公开”程序';
      await drawer.getByLabel('问题名称').fill(title);
      await choose(author, drawer.getByTestId('finding-category'), '全面从严治党不力');
      await choose(author, drawer.getByTestId('finding-source'), '查阅资料');
      await choose(author, drawer.getByTestId('finding-checklist-item'), `${item.aspect} · ${item.title}`);
      assert((await drawer.getByLabel('清单方面').inputValue()) === item.aspect, '选择清单事项后应带出清单方面');
      await drawer.getByLabel('问题描述').fill('2025年3月，村“两委”未经村民代表会议讨论，将村集体鱼塘以每年3.5万元发包给村委委员亲属，合同未公示。');
      await drawer.getByTestId('finding-amount').fill('35000');
      await typeDate(drawer.getByLabel('发现日期'), foundOn);
      await drawer.getByLabel('发现地点').fill('村委会档案室');
      await drawer.getByTestId('finding-add-responsible').click();
      await drawer.getByPlaceholder('姓名').fill('何志明');
      await drawer.getByPlaceholder('职务').fill('村委会委员');
      await shot(author, '20-finding-drawer');
      await drawer.getByTestId('finding-save').click();
      await author.waitForURL(/\/findings\/[0-9a-f-]{36}/);
      const findingUrl = author.url();
      await author.getByTestId('finding-title').filter({ hasText: title }).waitFor();
      await status(author, '草稿');
      const paper = await author.getByTestId('finding-page').innerText();
      for (const part of [`${item.aspect} · ${item.title}`, '全面从严治党不力', '查阅资料', '35,000', foundOn, '何志明（村委会委员）']) {
        assert(paper.includes(part), `底稿应显示“${part}”`);
      }
      await author.getByTestId('finding-submit').click();
      await confirmPop(author, '提交');
      await status(author, '待副组长审核');
      assert((await author.getByTestId('finding-submit').count()) === 0, '提交后撰写人不能再提交');

      // --- 2. the deputy returns it once, the author resubmits, the deputy approves --------
      const deputy = await newUserPage(newPage, base, users.deputy);
      await deputy.goto(`${base}/findings`);
      const row = deputy.getByTestId('findings-table').locator('tr.ant-table-row', { hasText: title });
      await row.getByText('待副组长审核').waitFor();
      await row.getByTestId('finding-link').click();
      await deputy.waitForURL(findingUrl);
      await deputy.getByTestId('finding-return').click();
      await modal(deputy, '退回修改').getByTestId('finding-comment').fill('请补充合同签订日期和发包金额的依据');
      await button(modal(deputy, '退回修改'), '退回').click();
      await status(deputy, '退回修改');

      await author.reload();
      await status(author, '退回修改');
      await author.getByText('请补充合同签订日期和发包金额的依据').first().waitFor();
      await author.getByTestId('finding-edit').click();
      const edit = author.locator('.ant-drawer', { has: author.getByTestId('finding-form') });
      const desc = edit.getByLabel('问题描述');
      await desc.fill(`${await desc.inputValue()}合同于2025年3月12日签订，发包金额见村集体账目第18号凭证。`);
      await edit.getByTestId('finding-save').click();
      await author.locator('.ant-message').getByText('已保存问题底稿').waitFor();
      await author.getByTestId('finding-submit').click();
      await confirmPop(author, '提交');
      await status(author, '待副组长审核');

      await deputy.reload();
      await status(deputy, '待副组长审核');
      await deputy.getByTestId('finding-approve').filter({ hasText: '审核通过' }).click();
      await modal(deputy, '审核通过').getByTestId('finding-comment').fill('事实清楚，同意');
      await button(modal(deputy, '审核通过'), '通过').click();
      await status(deputy, '待组长审定');
      const reviews = await deputy.getByTestId('finding-reviews').innerText();
      assert(reviews.includes('请补充合同签订日期') && reviews.includes('事实清楚，同意'), `审核记录应有退回和通过的意见：${reviews}`);

      // --- 3. the leader approves (审定) and downloads the working paper -------------------
      const leader = await newUserPage(newPage, base, users.leader);
      await leader.goto(findingUrl);
      await status(leader, '待组长审定');
      await leader.getByTestId('finding-approve').filter({ hasText: '审定通过' }).click();
      await button(modal(leader, '审核通过'), '通过').click();
      await status(leader, '已审定');
      await leader.getByTestId('finding-reviews').getByText('组长审定').waitFor();
      await leader.getByTestId('finding-reopen').waitFor(); // the only action left on an approved paper
      await shot(leader, '21-finding-approved');
      const workingPaper = await download(leader, leader.getByTestId('finding-docx'), '.docx');
      const paperText = docxText(workingPaper.buffer);
      assert(paperText.includes(title) && paperText.includes('何志明'), `问题底稿 .docx 应含问题名称和责任人：${workingPaper.name}`);

      // --- 4. a lead from the finding, transferred to the discipline commission ------------
      await leader.getByTestId('finding-new-lead').click();
      await leader.waitForURL(/\/leads\/new\?findingId=/);
      await leader.getByTestId('lead-new-page').getByText(`：${title}`).waitFor();
      assert((await leader.getByTestId('lead-authority').innerText()).includes('纪委监委'), '移交方向应默认为纪委监委');
      await leader.getByLabel('证据材料').fill('鱼塘发包合同复印件；村集体账目第18号凭证');
      await leader.getByTestId('lead-create').click();
      await leader.waitForURL(/\/leads\/[0-9a-f-]{36}$/);
      const leadUrl = leader.url();
      const leadPage = leader.getByTestId('lead-page');
      await leadPage.locator('.ant-tag', { hasText: '草稿' }).first().waitFor();
      const content = await leadPage.innerText();
      assert(content.includes(title), '线索摘要应取自问题底稿');
      assert((await leader.getByTestId('lead-persons').innerText()).includes('何志明'), '被反映人应取自底稿的责任人');
      await leader.getByTestId('lead-transfer').click();
      const transfer = await settled(leader, 'lead-transfer-modal');
      await transfer.getByTestId('transfer-org').click();
      await pickOption(leader, discOrg.name);
      await transfer.getByTestId('transfer-letter-no').fill('都巡移〔2026〕1号');
      await typeDate(transfer.getByLabel('移交日期'), today);
      await leader.getByTestId('lead-transfer-modal-ok').click();
      await leader.locator('.ant-message').getByText('已移交，接收单位可以签收').waitFor();
      await leadPage.locator('.ant-tag', { hasText: '已移交' }).first().waitFor();
      const handover = await leadPage.innerText();
      assert(handover.includes(discOrg.name) && handover.includes('都巡移〔2026〕1号') && handover.includes(today), `移交信息不全：${handover}`);
      assert((await leader.getByTestId('lead-letter').innerText()).replace(/\s/g, '') === '移交函', '移交后应可下载移交函');
      const letter = await download(leader, leader.getByTestId('lead-letter'), '.docx');
      const letterText = docxText(letter.buffer);
      assert(letterText.includes(discOrg.name) && letterText.includes('何志明'), `移交函应写明接收单位和被反映人：${letter.name}`);
      await shot(leader, '22-lead-transferred');

      // --- 5. the discipline commission: receives, opens a case, records the outcome --------
      const disc = await newUserPage(newPage, base, users.discipline);
      await disc.goto(`${base}/leads`);
      await disc.getByText('移交给本单位的问题线索').first().waitFor();
      const leadRows = disc.getByTestId('leads-table').locator('tr.ant-table-row');
      await leadRows.first().waitFor();
      assert((await leadRows.count()) === 1, `纪委监委应只看到这一条线索，实际 ${await leadRows.count()} 条`);
      assert((await leadRows.first().innerText()).includes(VILLAGE.name), '线索应来自莲花社区');
      await leadRows.first().getByTestId('lead-link').click();
      await disc.waitForURL(leadUrl);
      const discLead = disc.getByTestId('lead-page');
      await disc.getByTestId('lead-receive').click();
      const receive = await settled(disc, 'lead-receive-modal');
      await receive.getByTestId('receive-name').fill('纪委承办人');
      await disc.getByTestId('lead-receive-modal-ok').click();
      await discLead.locator('.ant-tag', { hasText: '已接收' }).first().waitFor();

      await disc.getByTestId('lead-dispose').click();
      const dispose = await settled(disc, 'lead-dispose-modal');
      await dispose.getByTestId('dispose-way').click();
      await pickOption(disc, '初步核实');
      await dispose.getByLabel('已立案').check();
      await typeDate(dispose.getByLabel('立案日期'), today);
      await disc.getByTestId('lead-dispose-modal-ok').click();
      await disc.locator('.ant-message').getByText('已登记处置').waitFor();
      await discLead.locator('.ant-tag', { hasText: '已处置' }).first().waitFor();

      const outcomes = disc.getByTestId('lead-outcomes');
      await outcomes.getByTestId('outcome-person').click();
      await pickOption(disc, '何志明');
      await outcomes.getByTestId('outcome-kind').click();
      await pickOption(disc, '党纪处分');
      await outcomes.getByTestId('outcome-measure').click();
      await pickExact(disc, '警告');
      await outcomes.getByLabel('说明').fill('都纪发〔2026〕5号');
      await outcomes.getByTestId('outcome-add').click();
      const outcomeRow = outcomes.locator('tr.ant-table-row', { hasText: '何志明' });
      await outcomeRow.waitFor();
      const outcomeText = await outcomeRow.innerText();
      assert(outcomeText.includes('党纪处分') && outcomeText.includes('警告'), `处理结果应为党纪处分·警告：${outcomeText}`);
      const disposal = await discLead.locator('.ant-card', { hasText: '处置方式' }).first().innerText();
      assert(disposal.includes('初步核实') && disposal.includes(today), `处置应为初步核实并于 ${today} 立案：${disposal}`);
      await shot(disc, '23-lead-case-opened');

      // The team sees the case and the outcome too.
      await leader.reload();
      await leadPage.locator('.ant-tag', { hasText: '已处置' }).first().waitFor();
      assert((await leader.getByTestId('lead-outcomes').innerText()).includes('警告'), '移交方应看到处理结果');

      // --- 6. the round's findings ledger
      await leader.goto(`${base}/findings?round=${round.id}`);
      await leader.getByTestId('findings-table').locator('tr.ant-table-row', { hasText: title }).getByText('已审定').waitFor();
      const ledger = await download(leader, leader.getByTestId('findings-ledger'), '.xlsx');
      assert(ledger.name.includes('问题台账'), `台账文件名应含“问题台账”：${ledger.name}`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(ledger.buffer);
      const cells = [];
      book.eachSheet((ws) => ws.eachRow((r) => r.eachCell((c) => cells.push(String(c.text ?? '')))));
      assert(cells.some((c) => c.includes(title)), '问题台账应列出这条已审定的问题');

      // --- 7. the office: the inspection is closed (特批), the round moves to 报告 -----------
      await api('POST', `/api/inspections/${inspection.id}/transition`, { to: 'in_progress' });
      await api('POST', `/api/inspections/${inspection.id}/transition`, { to: 'completed', override: { reason: '端到端测试：本旅程只检验问题底稿到报告反馈的流程' } });
      await api('POST', `/api/planning/rounds/${round.id}/phase`, { to: 'report' });
      const target = (await api('GET', `/api/planning/rounds/${round.id}`)).targets.find((t) => t.code === VILLAGE.code);

      // The office assembles the 巡察报告 from the approved paper, records the hearing and approves it.
      await admin.goto(`${base}/planning/rounds/${round.id}?tab=reports`);
      const card = admin.getByTestId(`report-target-${target.id}`);
      await card.getByText('报告未起草').waitFor();
      assert((await card.innerText()).includes('1个'), `应有 1 个已审定问题：${await card.innerText()}`);
      await iconButton(card, '汇总生成巡察报告').click();
      await admin.locator('.ant-message').getByText('已由已审定的问题底稿汇总生成报告').waitFor();
      await card.locator('.ant-tag', { hasText: '草稿' }).waitFor();
      await card.locator('summary').click();
      assert((await card.innerText()).includes(title), '巡察报告正文应列出已审定的问题');
      await iconButton(card, '登记领导小组听取汇报').click();
      const hearing = modal(admin, '登记领导小组听取汇报');
      await hearing.getByLabel('领导小组意见').fill('同意巡察报告，按程序反馈');
      await button(hearing, '保存').click();
      await card.locator('.ant-tag', { hasText: '领导小组已听取' }).waitFor();
      await iconButton(card, '审定报告').click();
      await button(modal(admin, '审定巡察报告'), '确认审定').click();
      await card.locator('.ant-tag', { hasText: '已审定' }).first().waitFor();
      await shot(admin, '24-report-approved');

      // Feedback waits for the 反馈 phase; then the office records it.
      await api('PUT', `/api/planning/rounds/${round.id}/milestones`, { reportApprovedOn: today, reportNote: '书记专题会研究' });
      await api('POST', `/api/planning/rounds/${round.id}/phase`, { to: 'feedback' });
      await admin.reload();
      await iconButton(card, '登记反馈').click();
      const fb = modal(admin, '登记对');
      await fb.getByLabel('反馈意见').fill('巡察发现村集体资产发包不规范等问题，请村党组织认真整改。');
      await fb.getByLabel('参加人员').fill('镇党委书记、市委巡察办有关同志');
      await button(fb, '保存').click();
      await admin.locator('.ant-message').getByText('反馈已登记').waitFor();
      await card.getByText('巡察发现村集体资产发包不规范等问题').waitFor();

      // --- 8. the team downloads the village problem list and the feedback opinion from the tab ---
      await leader.goto(`${base}/planning/rounds/${round.id}?tab=reports`);
      const teamCard = leader.getByTestId(`report-target-${target.id}`);
      await teamCard.locator('.ant-tag', { hasText: '已审定' }).first().waitFor();
      const problemList = await download(leader, iconLink(teamCard, '问题清单'), '.docx');
      assert(docxText(problemList.buffer).includes(title), `村问题清单应列出这条已审定的问题：${problemList.name}`);
      const opinion = await download(leader, iconLink(teamCard, '反馈意见'), '.docx');
      assert(docxText(opinion.buffer).includes('村集体资产发包不规范'), `反馈意见 .docx 应含登记的反馈意见：${opinion.name}`);

      // --- 9. the office's statistics count the paper, the lead and the case; the number drills down
      await admin.goto(`${base}/statistics?round=${round.id}`);
      const figure = async (key) => (await admin.getByTestId(`figure-${key}`).locator('.ant-statistic-content').innerText()).replace(/[^0-9.]/g, '');
      await admin.getByTestId('figure-findings').waitFor();
      for (let i = 0; i < 40 && (await figure('findings')) !== '1'; i++) await sleep(100);
      assert((await figure('findings')) === '1', `本轮发现问题应为 1：${await figure('findings')}`);
      assert((await figure('leads')) === '1', `本轮移交线索应为 1：${await figure('leads')}`);
      assert((await figure('cases')) === '1', `本轮立案应为 1：${await figure('cases')}`);
      await admin.getByTestId('figure-findings').click();
      const drill = admin.getByTestId('drill-drawer');
      await drill.getByText(title).first().waitFor();
      await shot(admin, '25-statistics-drill');
      await drill.getByTestId('drill-link').first().click();
      await admin.waitForURL(findingUrl);

      // --- 10. the archive: the target's file exports as a .zip with its catalogue -------------
      await admin.goto(`${base}/planning/rounds/${round.id}?tab=archive`);
      const zip = await download(admin, admin.getByTestId(`archive-export-${target.id}`), '.zip');
      const entries = unzipSync(new Uint8Array(zip.buffer));
      const names = Object.keys(entries);
      assert(names.some((n) => n.endsWith('目录.xlsx')), `档案包应含目录.xlsx：${names.join('，')}`);
      assert(names.some((n) => n.includes('问题底稿') && n.endsWith('.docx')), `档案包应含问题底稿：${names.join('，')}`);

      // --- 11. rectification: the paper fed back becomes an item; the town's plan is accepted jointly; the town reports
      //         progress with evidence, the team checks, the 主管部门 sends it back, the town adds evidence; then
      //         the four parties sign off in the web app and the item is closed (销号) ---------------------------
      const TOWN_CODE = VILLAGE.code.slice(0, 9);
      const rectOrgs = {};
      for (const [key, kind, name, scopeCode, role] of [
        ['town', 'town', `幸福街道党工委（整改）${runTag}`, TOWN_CODE, 'town'],
        ['office', 'office', `都江堰市委巡察办${runTag}`, AREA, 'office'],
        ['organization', 'organization', `都江堰市委组织部${runTag}`, AREA, 'organization'],
        ['department', 'department', `都江堰市农业农村局${runTag}`, AREA, 'department'],
      ]) {
        const org = await createOrg(api, { kind, name, scopeCode });
        rectOrgs[key] = await createUser(api, { username: `rect${key}${runTag}`, displayName: `${name}用户`, orgId: org.id, role, password: `Xc#Zg-${key}-2026` });
      }
      const generated = await api('POST', `/api/rectification/rounds/${round.id}/generate-items`);
      assert(generated.created === 1, `应由已反馈的问题生成 1 个整改事项：${JSON.stringify(generated)}`);
      const items = await api('GET', `/api/rectification/items?roundId=${round.id}`);
      const itemId = items.items[0].id;
      const itemUrl = `${base}/rectification/items/${itemId}`;
      const rectStatus = (page, text) => page.getByTestId('rect-item-page').locator('.ant-tag', { hasText: text }).first().waitFor();
      const act = async (page, action, fill) => {
        await page.getByTestId(`rect-${action}`).click();
        const dialog = page.locator('.ant-modal', { has: page.getByTestId(`rect-${action === 'report_progress' ? 'progress' : action}-ok`) });
        await settled(page, `rect-${action === 'report_progress' ? 'progress' : action}-ok`); // the form is reset when the opening animation ends
        if (fill) await fill(dialog);
        await page.getByTestId(`rect-${action === 'report_progress' ? 'progress' : action}-ok`).click();
        await dialog.waitFor({ state: 'hidden' });
      };

      const town = await newUserPage(newPage, base, rectOrgs.town);
      const signer = { discipline: disc };
      for (const party of ['office', 'organization', 'department']) signer[party] = await newUserPage(newPage, base, rectOrgs[party]);

      // the town writes its rectification plan (整改方案) and submits it; 巡察办, 纪委监委 and 组织部 accept it jointly
      const planUrl = `${base}/rectification/plans?round=${round.id}&town=${TOWN_CODE}`;
      await town.goto(planUrl);
      await town.getByTestId('plan-edit').click();
      await town.getByTestId('plan-content-input').fill('一、成立整改工作领导小组，党工委书记任组长。\n二、对巡察反馈的鱼塘发包问题逐项制定措施，明确责任人和时限。\n三、举一反三，全面清理村集体资产资源发包合同。');
      await town.getByTestId('plan-save').click();
      await town.getByTestId('plan-content').waitFor();
      await town.getByTestId('plan-submit').click();
      await confirmPop(town, '报送');
      await town.locator('.ant-drawer').getByTestId('plan-status').filter({ hasText: '待联审' }).waitFor();
      for (const party of ['office', 'discipline', 'organization']) {
        const p = signer[party];
        await p.goto(planUrl);
        await p.getByTestId('plan-accept').click();
        const dialog = p.locator('.ant-modal', { has: p.getByTestId('review-comment') });
        await dialog.waitFor();
        await settled(p, 'review-comment');
        await p.getByTestId('review-comment').fill('措施具体，责任明确，同意。');
        await dialog.getByRole('button', { name: '确认通过' }).click();
        await dialog.waitFor({ state: 'hidden' });
      }
      await signer.organization.locator('.ant-drawer').getByTestId('plan-status').filter({ hasText: '联审通过' }).waitFor();
      await shot(signer.organization, '26-rectification-plan-accepted');

      // the town starts the item, reports progress with a photo, adds evidence and applies for 销号
      await town.goto(itemUrl);
      await town.getByTestId('rect-item-page').getByText(title).first().waitFor();
      await rectStatus(town, '待制定措施');
      await act(town, 'start', async (d) => {
        await d.getByLabel('整改措施').fill('召开村民代表会议重新表决鱼塘发包事项，按程序公开招标，合同及收支在村务公开栏公示。');
        await typeDate(d.getByLabel('整改期限'), chinaDate(60));
      });
      await rectStatus(town, '整改中');
      await act(town, 'report_progress', async (d) => {
        await d.getByLabel('整改进展情况').fill('已召开村民代表会议，鱼塘发包方案经表决通过，正在组织公开招标。');
        await d.locator('input[type=file]').setInputFiles({ name: '村民代表会议现场.png', mimeType: 'image/png', buffer: PNG_1PX });
        await d.getByText('村民代表会议现场.png').first().waitFor();
      });
      await town.getByTestId('rect-timeline').getByText('正在组织公开招标').first().waitFor();
      await town.getByTestId('rect-evidence').locator('input[type=file]').setInputFiles({ name: '村民代表会议记录.png', mimeType: 'image/png', buffer: PNG_1PX });
      await town.getByTestId('rect-evidence').getByText('村民代表会议记录.png').first().waitFor();
      await act(town, 'submit');
      await rectStatus(town, '待核查');

      // the team checks the claim; 巡察办 approves, then the 主管部门 sends the item back: the contract is missing
      await leader.goto(itemUrl);
      await act(leader, 'accept');
      await rectStatus(leader, '待销号审核');
      const version = (await api('GET', `/api/rectification/items/${itemId}`)).evidenceVersion;
      const approve = async (party, evidenceVersion) => {
        const p = signer[party];
        await p.goto(itemUrl);
        await p.getByTestId(`rect-party-${party}`).waitFor();
        await act(p, 'approve');
        await p.getByTestId(`rect-party-${party}`).getByText(`审核通过第 ${evidenceVersion} 版材料`).first().waitFor();
      };
      await approve('office', version);
      await signer.department.goto(itemUrl);
      await act(signer.department, 'return', async (d) => d.getByLabel('退回理由').fill('缺少重新签订的鱼塘承包合同和招标公告，请补充后再申请销号。'));
      await rectStatus(signer.department, '退回整改');
      await signer.department.getByTestId('rect-sign-off').getByText('缺少重新签订的鱼塘承包合同').first().waitFor();
      await shot(signer.department, '27-rectification-returned');

      // the town adds the contract (a new evidence version) and applies again; the team checks again
      await town.goto(itemUrl);
      await rectStatus(town, '退回整改');
      await town.getByTestId('rect-evidence').locator('input[type=file]').setInputFiles({ name: '鱼塘承包合同.png', mimeType: 'image/png', buffer: PNG_1PX });
      await town.getByTestId('rect-evidence').getByText('鱼塘承包合同.png').first().waitFor();
      await act(town, 'submit');
      await rectStatus(town, '待核查');
      await leader.goto(itemUrl);
      await act(leader, 'accept');
      await rectStatus(leader, '待销号审核');
      const fixed = await api('GET', `/api/rectification/items/${itemId}`);
      assert(fixed.evidenceVersion > version, `补充材料后佐证材料应为新版本：${version} → ${fixed.evidenceVersion}`);
      // 巡察办's approval was for the old version: it must approve again, like the other three
      await signer.office.goto(itemUrl);
      await signer.office.getByTestId('rect-party-office').getByText(`待审核第 ${fixed.evidenceVersion} 版材料`).first().waitFor();
      for (const party of ['office', 'discipline', 'organization', 'department']) await approve(party, fixed.evidenceVersion);
      await rectStatus(signer.department, '已销号');
      await shot(signer.department, '28-rectification-closed');
      const closed = await api('GET', `/api/rectification/items/${itemId}`);
      assert(closed.status === 'closed', `四方审核通过后应已销号：${closed.status}`);

      // --- 12. a mass representative rates the item from a phone, with a one-time link and no account -----
      const office = signer.office;
      const session = await apiCall(office, 'POST', `${base}/api/rectification/ratings/sessions`, {
        roundId: round.id,
        villageCode: VILLAGE.code,
        closesOn: chinaDate(7),
        representatives: [{ name: '赵老党员', category: 'old_party_member' }],
      });
      const phone = await newPhone(newPage);
      await phone.goto(`${base}${session.links[0].link}`);
      await phone.getByText(title).first().waitFor();
      await phone.locator('input[value="satisfied"]').first().check();
      await phone.getByRole('button', { name: '提交' }).click();
      await phone.getByText('已提交，感谢您的评议！').waitFor();
      await shot(phone, '29-rating-phone');
      await phone.reload();
      await phone.getByText('该评议链接已使用').first().waitFor();

      // --- 13. 整改情况公开: the office previews and approves; the public page shows what was approved -------
      await office.goto(`${base}/rectification/disclosure?round=${round.id}`);
      await office.getByTestId('disclosure-items').getByText('可公开').first().waitFor();
      await office.getByTestId('disclosure-preview').click();
      await office.getByTestId('disclosure-snapshot').getByText(title).first().waitFor();
      await office.getByTestId('disclosure-approve').click();
      await button(office.locator('.ant-modal-confirm'), '审批发布').click();
      const publicUrl = (await office.getByTestId('disclosure-link').innerText()).trim();
      assert(publicUrl.startsWith(`${base}/p/disclosure/`), `发布后应显示公开链接：${publicUrl}`);
      await phone.goto(publicUrl);
      await phone.getByText(title).first().waitFor();
      assert((await phone.content()).includes(VILLAGE.name), '公开页面应按村列出整改情况');
      await shot(phone, '30-disclosure-public');

      // --- 14. the home page's colours and rates match the records: one item due, closed on time, rated satisfied
      await office.goto(`${base}/`);
      const rateText = async (key) => office.getByTestId(`home-rate-${key}`).innerText();
      await office.getByTestId('home-rate-rectified').getByText('1 / 1').waitFor();
      assert((await rateText('rectified')).includes('100.0%'), `整改到位率应为 100.0%：${await rateText('rectified')}`);
      await office.getByTestId('home-rate-satisfaction').getByText('1 / 1').waitFor();
      for (const level of ['green', 'yellow', 'red']) {
        const shown = (await office.getByTestId(`home-alerts-${level}`).innerText()).replace(/[^0-9]/g, '');
        assert(shown === '0', `已销号后不应有${level}预警：${shown}`);
      }
      await shot(office, '31-home-rectification');
    },
  },
  {
    name: 'public report: on a throttled phone a villager reports anonymously with a photo by the poster code, keeps the receipt, the team asks in the inbox, the villager answers by receipt',
    async run({ newPage, base }) {
      const { page: admin, api } = await adminSession(newPage, base);
      const VILLAGE = { code: '510181002003', name: '翔凤桥社区' };
      const PASSPHRASE = '巡察办身份信息密钥口令二〇二六';
      const DESCRIPTION = '村里集体鱼塘的承包费三年没有公开，不知道钱用到哪里去了，请巡察组查一查。';
      const QUESTION = '请问鱼塘是哪一年承包出去的？承包人是谁？';
      const ANSWER = '2023年承包给了外村的人，合同一直没有公示。';

      // --- setup through the API: a round in the 进驻 phase with one village and one team ---
      const teamOrg = await createOrg(api, { kind: 'team', name: `县委第六巡察组${runTag}` });
      const member = await createUser(api, { username: `maxun${runTag}`, displayName: '第六组组员', orgId: teamOrg.id, role: 'team_member', password: 'Xc#sixth2026e2e' });
      const { round, inspection } = await setupRound(api, {
        number: 6,
        theme: '聚焦群众身边的不正之风',
        village: VILLAGE,
        team: { name: '第六巡察组', org: teamOrg, documentNumber: '都巡〔2026〕16号', leader: { name: `孙正平${runTag}`, unit: '县委组织部', expertise: ['党建'] } },
        phases: ['entry'],
      });

      // --- 1. the office sets up the identity key and generates the round's poster codes in the UI ---
      await admin.goto(`${base}/public/reports?tab=key`);
      const keyStatus = await api('GET', '/api/public-reports/key');
      if (!keyStatus.exists) {
        await admin.getByLabel('密钥口令', { exact: true }).fill(PASSPHRASE);
        await admin.getByLabel('再次输入密钥口令').fill(PASSPHRASE);
        await admin.getByTestId('key-setup').click();
      }
      await admin.getByText('身份信息加密密钥已设置').first().waitFor();
      await admin.goto(`${base}/public/reports?tab=codes&codesRound=${round.id}`);
      await admin.getByText('本轮还没有扫码编号').waitFor();
      await admin.getByTestId('codes-generate').click();
      await button(admin.locator('.ant-modal-confirm'), '生成').click();
      await admin.getByText('已生成 2 个扫码编号').waitFor();
      await admin.getByTestId('codes-list').getByText(VILLAGE.name).first().waitFor();
      const codes = await api('GET', `/api/public-reports/codes?roundId=${round.id}`);
      const poster = codes.items.find((c) => c.scope === 'target');
      assert(poster && poster.path === `/p/r/${poster.code}`, `应有${VILLAGE.name}的扫码编号：${JSON.stringify(codes.items)}`);
      await admin.getByTestId('codes-list').getByText(poster.url).waitFor();
      await shot(admin, 'public-report-01-codes');

      // --- 2. a villager opens the code's link on a phone over a slow rural link ---
      const phone = await newPhone(newPage);
      const cdp = await phone.context().newCDPSession(phone);
      await cdp.send('Network.enable');
      await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 400, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 });
      let bytes = 0;
      const loaded = [];
      const urls = new Map();
      cdp.on('Network.requestWillBeSent', (e) => urls.set(e.requestId, e.request.url));
      cdp.on('Network.loadingFinished', (e) => {
        bytes += e.encodedDataLength;
        loaded.push(`${urls.get(e.requestId)}：${e.encodedDataLength}`);
      });
      const t0 = Date.now();
      await phone.goto(`${base}${poster.path}`, { waitUntil: 'load' });
      await phone.getByText('码上巡 · 向巡察组反映问题').waitFor();
      await phone.getByText(VILLAGE.name).first().waitFor();
      const usableMs = Date.now() - t0;
      await sleep(500); // anything the page fetches after load counts as well
      assert(bytes > 0, '应统计到页面传输的字节数');
      assert(bytes <= 50 * 1024, `反映页面在上传附件前的传输量应不超过 50 KB，实际 ${bytes} 字节：${loaded.join('；')}`);
      console.log(`    反映页面：传输 ${bytes} 字节，${usableMs} 毫秒可用（400 kbit/s、400 毫秒延迟）`);

      // --- 3. anonymous report with a photo; the receipt is shown once ---
      await phone.getByLabel('反映的问题').fill(DESCRIPTION);
      assert(await phone.getByLabel('匿名反映').isChecked(), '默认应为匿名反映');
      await phone.locator('#file').setInputFiles({ name: 'IMG_20261203_091500.png', mimeType: 'image/png', buffer: PNG_1PX });
      await phone.getByText('（已上传）').waitFor({ timeout: 30_000 });
      await phone.getByRole('button', { name: '提交反映' }).click();
      await phone.getByText('已收到：您的反映已经送达并保存。').waitFor({ timeout: 30_000 });
      const receipt = (await phone.locator('#rc').innerText()).trim();
      assert(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){4}$/.test(receipt), `应显示分组的回执码：${receipt}`);
      await phone.getByText('回执码只显示这一次').first().waitFor();
      await shot(phone, 'public-report-02-receipt');

      // --- 4. the team member finds it in the inbox and asks a question ---
      const teamPage = await newUserPage(newPage, base, member);
      await teamPage.goto(`${base}/public/reports`);
      const row = teamPage.getByTestId('public-report-list').locator('tr', { hasText: VILLAGE.name });
      await row.getByText('匿名').waitFor();
      await row.getByText(DESCRIPTION.slice(0, 12)).click();
      const view = teamPage.getByTestId('public-report-view');
      await view.getByText(DESCRIPTION).waitFor();
      await view.getByText('待处理').first().waitFor();
      await view.getByText('附件1.png').waitFor();
      await view.getByTestId('reply-text').fill(QUESTION);
      await view.getByTestId('reply-send').click();
      await view.getByText(QUESTION).waitFor();
      await shot(teamPage, 'public-report-03-inbox');

      // --- 5. the villager opens the receipt page, reads the question and answers ---
      await phone.goto(`${base}/p/receipt`);
      await phone.getByLabel('回执码').fill(receipt);
      await phone.getByRole('button', { name: '查询' }).click();
      await phone.getByText('已收到，等待处理').waitFor({ timeout: 30_000 });
      await phone.getByText(QUESTION).waitFor();
      await phone.getByLabel('回复巡察组或补充情况').fill(ANSWER);
      await phone.getByRole('button', { name: '发送留言' }).click();
      await phone.getByText('留言已送达。').waitFor({ timeout: 30_000 });
      await phone.locator('#v').getByText(ANSWER).waitFor();
      await shot(phone, 'public-report-04-answered');

      // --- 6. the team sees the answer, marked as awaiting its reply ---
      await teamPage.reload();
      await teamPage.getByTestId('public-report-view').getByText(ANSWER).waitFor();
      await teamPage.getByTestId('public-report-view').getByText('反映人').first().waitFor();
      await teamPage.keyboard.press('Escape');
      await teamPage.getByTestId('public-report-list').locator('tr', { hasText: VILLAGE.name }).getByText('待答复').waitFor();

      // --- 7 (links check): the team accepts, links the report to its finding, sees it on the finding page, unlinks ---
      const finding = await apiCall(teamPage, 'POST', `${base}/api/findings`, { inspectionId: inspection.id, category: 'leadership', aspect: '三资管理', title: '集体鱼塘承包费未公开', description: '鱼塘承包费三年未公示', amount: '12000', source: 'petition', foundOn: chinaDate(-1), place: '村委会' });
      await teamPage.getByTestId('public-report-list').locator('tr', { hasText: VILLAGE.name }).getByText(DESCRIPTION.slice(0, 12)).click();
      const v2 = teamPage.getByTestId('public-report-view');
      await v2.getByTestId('triage-accept').click();
      await button(teamPage.locator('.ant-modal-confirm'), '受理').click();
      await v2.getByText('已受理').first().waitFor();
      await v2.getByTestId('triage-link').click();
      const modal = teamPage.locator('.ant-modal', { hasText: '关联问题底稿或线索' });
      await modal.getByTestId('link-search').locator('input').fill('鱼塘');
      await modal.getByTestId('link-findings').getByText('集体鱼塘承包费未公开').waitFor();
      await modal.getByTestId('link-findings').locator('tr', { hasText: '集体鱼塘承包费未公开' }).locator('input[type=checkbox]').check();
      await shot(teamPage, 'links-01-picker');
      await button(modal, '关联').click();
      await v2.getByText('已转办').first().waitFor();
      await v2.getByTestId('report-links').getByText('集体鱼塘承包费未公开').waitFor();
      await shot(teamPage, 'links-02-linked');
      await teamPage.goto(`${base}/findings/${finding.id}`);
      await teamPage.getByTestId('source-reports').getByText('已转办').waitFor();
      await shot(teamPage, 'links-03-finding');
      await teamPage.getByTestId('source-reports').getByRole('link').first().click();
      const v3 = teamPage.getByTestId('public-report-view');
      await v3.getByTestId('report-links').getByRole('button', { name: '解除关联' }).click();
      const un = teamPage.locator('.ant-modal', { hasText: '解除关联：' });
      await un.getByTestId('unlink-reason').fill('关联错了，应为另一份底稿');
      await un.getByRole('button', { name: '解除关联' }).click();
      await v3.getByText('已受理').first().waitFor();
      await v3.getByText('关联错了，应为另一份底稿', { exact: false }).waitFor();
      await shot(teamPage, 'links-04-unlinked');
      // statistics: the office sees 群众反映 and drills to the report
      await admin.goto(`${base}/statistics?round=${round.id}`);
      await admin.getByTestId('figure-reports').getByText('1').first().waitFor();
      await admin.getByTestId('figure-reports').click();
      await admin.getByTestId('drill-table').getByText('已受理').waitFor();
      await shot(admin, 'links-05-statistics');
      await admin.keyboard.press('Escape');
      await admin.getByTestId('table-report_village').scrollIntoViewIfNeeded();
      await shot(admin, 'links-06-statistics-tables');
    },
  },
  {
    name: 'analytics: the office imports a GBK 低保 roll and an .xlsx deaths roll, runs 死亡或注销户籍人员仍领取补贴 for a round, the team confirms one hit as a 问题底稿 and dismisses another, the model library shows the precision',
    async run({ newPage, base }) {
      const { api } = await adminSession(newPage, base);
      const VILLAGE = { code: '510181105221', name: '禹王社区', town: '天马镇' };
      const MODEL = '死亡或注销户籍人员仍领取补贴';

      // --- setup through the API: a round in the 进驻 phase, the village assigned to a team with a member ---
      const teamOrg = await createOrg(api, { kind: 'team', name: `县委第七巡察组${runTag}` });
      const member = await createUser(api, { username: `bidui${runTag}`, displayName: '第七组组员', orgId: teamOrg.id, role: 'team_member', password: 'Xc#seventh2026e2e' });
      const { round } = await setupRound(api, {
        number: 7,
        theme: '聚焦惠民惠农资金监管',
        village: VILLAGE,
        team: { name: '第七巡察组', org: teamOrg, documentNumber: '都巡〔2026〕17号', leader: { name: `吴振华${runTag}`, unit: '县审计局', expertise: ['财务审计'] } },
        phases: ['entry'],
      });
      const roundLabel = (await api('GET', `/api/planning/rounds?page=1&pageSize=100`)).items.find((r) => r.id === round.id)?.label;
      assert(roundLabel, '应能读到本轮巡察的名称');
      // the county's 巡察办 (not the system administrator, whose organisation covers every county)
      // (a name of its own: the finding journey, earlier on the same server, created 都江堰市委巡察办)
      const officeOrg = await createOrg(api, { kind: 'office', name: `都江堰市委巡察办数据比对组${runTag}` });
      const officeUser = await createUser(api, { username: `xunchaban${runTag}`, displayName: '巡察办干部', orgId: officeOrg.id, role: 'office', password: 'Xc#office2026e2e' });
      const office = await newUserPage(newPage, base, officeUser);

      // --- the government's spreadsheets: a 低保 payment roll (GBK CSV) and a deaths roll (.xlsx) ---
      // (no cadres: this model needs only the payments and the deaths)
      const person = (name, birth, seq) => ({ name, id: idNumber(AREA, birth, seq) });
      const dead = person('张桂芳', '19460312', '062'); // died 2024-03-15, paid until June: the hit the team confirms
      const cancelled = person('李长福', '19500708', '071'); // household cancelled 2024-04-02 by mistake: dismissed as 数据错误
      const diedLater = person('王德明', '19411120', '053'); // died 2024-06-20 after the last payment: no hit
      const alive = [person('刘淑华', '19580225', '084'), person('陈有田', '19620917', '093'), person('赵玉兰', '19550403', '108')];
      const MONTHLY = 580;
      const rows = [];
      for (let m = 1; m <= 6; m++) {
        const date = `2024-${String(m).padStart(2, '0')}-10`;
        for (const p of [dead, cancelled, diedLater, ...alive]) rows.push([p.name, p.id, VILLAGE.name, '农村低保', MONTHLY.toFixed(2), date]);
      }
      const csv = [
        '2024年度××镇农村低保发放花名册'.replace('××镇', VILLAGE.town) + ',,,,,,',
        '序号,姓名,身份证号码,所属村,发放项目,发放金额（元）,发放时间',
        ...rows.map((r, i) => [i + 1, ...r].join(',')),
      ].join('\r\n');
      const iconv = (await import('iconv-lite')).default;
      const gbk = iconv.encode(`${csv}\r\n`, 'gbk');
      assert(!gbk.toString('utf8').includes('花名册'), 'CSV 应为 GBK 编码而非 UTF-8');

      const deathsBook = new ExcelJS.Workbook();
      const ws = deathsBook.addWorksheet('死亡注销');
      ws.addRow([`2024年度${VILLAGE.town}死亡及户籍注销人员名单`]);
      ws.mergeCells(1, 1, 1, 6);
      ws.addRow(['序号', '姓名', '身份证号码', '注销原因', '注销日期', '所属村']);
      ws.addRow([1, dead.name, dead.id, '死亡', new Date(Date.UTC(2024, 2, 15)), VILLAGE.name]);
      ws.addRow([2, cancelled.name, cancelled.id, '户籍注销', new Date(Date.UTC(2024, 3, 2)), VILLAGE.name]);
      ws.addRow([3, diedLater.name, diedLater.id, '死亡', new Date(Date.UTC(2024, 5, 20)), VILLAGE.name]);
      ws.getColumn(3).numFmt = '@';
      ws.getColumn(5).numFmt = 'yyyy-mm-dd';
      const xlsx = Buffer.from(await deathsBook.xlsx.writeBuffer());

      /** 大数据比对 → 数据集 → 导入数据: upload, check what was detected, start, wait for the job, read the counts. */
      const importFile = async (file, expect) => {
        await office.getByTestId('side-menu').getByRole('link', { name: '数据集', exact: true }).click();
        await office.getByTestId('datasets-page').waitFor();
        await office.getByTestId('dataset-import').click();
        const wizard = office.getByTestId('dataset-import-page');
        await wizard.waitFor();
        await wizard.locator('input[type=file]').setInputFiles(file);
        await wizard.getByText('文件识别').waitFor({ timeout: 30_000 });
        await wizard.getByText(file.name).first().waitFor();
        if (expect.encoding) assert((await office.getByTestId('encoding').innerText()).includes(expect.encoding), `应识别为 ${expect.encoding} 编码：${await office.getByTestId('encoding').innerText()}`);
        await wizard.getByText(expect.title, { exact: true }).waitFor();
        const kind = await office.getByTestId('dataset-kind').innerText();
        assert(kind.includes(expect.kind), `数据类型应预选“${expect.kind}”，实际：${kind}`);
        for (const [field, header] of Object.entries(expect.mapping)) {
          const shown = await office.getByTestId(`mapping-${field}`).innerText();
          assert(shown.includes(header), `字段 ${field} 应预选列“${header}”，实际：${shown}`);
        }
        for (const [field, unit] of Object.entries(expect.units ?? {})) {
          const shown = await office.getByTestId(`unit-${field}`).innerText();
          assert(shown.includes(unit), `字段 ${field} 的单位应预选“${unit}”，实际：${shown}`);
        }
        await office.getByTestId('dataset-source').fill(expect.source);
        await office.getByTestId('dataset-name').fill(expect.name);
        await shot(office, `analytics-${expect.shot}-mapping`);
        // a small file imports within a poll or two and the wizard moves on to 结果 at once: record every state the
        // progress bar showed, then check it was there and never failed
        await office.evaluate(() => {
          const seen = [];
          const { document, MutationObserver } = globalThis;
          globalThis.__jobStates = seen;
          const note = () => {
            for (const el of document.querySelectorAll('[data-testid=job-progress]')) {
              const s = el.getAttribute('data-status');
              if (seen.at(-1) !== s) seen.push(s);
            }
          };
          new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
        });
        await office.getByTestId('dataset-start').click();
        await wizard.getByText(`已导入 ${expect.rows} 行`).waitFor({ timeout: 60_000 });
        const states = await office.evaluate(() => globalThis.__jobStates);
        // the bar was shown; whether its last state before the wizard moved on was 排队中, 进行中 or 已完成 depends on
        // the machine's speed — the result page's counts below are what say the import succeeded
        assert(states.length > 0 && states.every((st) => ['queued', 'running', 'succeeded'].includes(st)), `导入进度应显示且未失败：${JSON.stringify(states)}`);
        await wizard.locator('.ant-steps-item-finish', { hasText: '导入' }).waitFor();
        await wizard.getByText('0 行缺少必填项未导入', { exact: false }).waitFor();
        await shot(office, `analytics-${expect.shot}-result`);
      };

      // --- 1. the office imports the 低保 roll (GBK CSV with a title row) ---
      const paymentsName = `${VILLAGE.town}2024年农村低保发放${runTag}`;
      await importFile(
        { name: '2024年农村低保发放花名册.csv', mimeType: 'text/csv', buffer: gbk },
        {
          encoding: 'GBK',
          title: `2024年度${VILLAGE.town}农村低保发放花名册`,
          units: { amount: '元' },
          kind: '补贴救助发放',
          mapping: { name: '姓名', id_number: '身份证号码', village: '所属村', item: '发放项目', amount: '发放金额（元）', pay_date: '发放时间' },
          source: '县民政局低保发放',
          name: paymentsName,
          rows: rows.length,
          shot: '01-payments',
        },
      );
      // --- 2. and the deaths and household cancellations (.xlsx with a merged title row) ---
      const deathsName = `${VILLAGE.town}2024年死亡注销${runTag}`;
      await importFile(
        { name: '死亡及户籍注销人员名单.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: xlsx },
        {
          title: `2024年度${VILLAGE.town}死亡及户籍注销人员名单`,
          kind: '死亡及户籍注销',
          mapping: { name: '姓名', id_number: '身份证号码', event_date: '注销日期', event_kind: '注销原因' },
          source: '县公安局户籍注销',
          name: deathsName,
          rows: 3,
          shot: '02-deaths',
        },
      );
      await office.getByTestId('side-menu').getByRole('link', { name: '数据集', exact: true }).click();
      await office.getByTestId('datasets-page').getByText(paymentsName).waitFor();
      await office.getByTestId('datasets-page').getByText(deathsName).waitFor();
      await shot(office, 'analytics-03-datasets');

      // --- 3. 运行比对: the round, both datasets, only the 死亡注销 model ---
      await office.getByTestId('side-menu').getByRole('link', { name: '运行比对', exact: true }).click();
      const runs = office.getByTestId('runs-page');
      await runs.waitFor();
      await choose(office, office.getByTestId('run-round'), roundLabel);
      for (const name of [paymentsName, deathsName]) {
        // a multiple select keeps its dropdown open after a pick: open it only when it is closed
        if ((await office.getByTestId('run-datasets').locator('input').getAttribute('aria-expanded')) !== 'true') await office.getByTestId('run-datasets').click();
        await pickOption(office, name);
        for (let i = 0; i < 20 && !(await office.getByTestId('run-datasets').innerText()).includes(name); i++) await sleep(100);
        assert((await office.getByTestId('run-datasets').innerText()).includes(name), `应已选中数据集“${name}”`);
      }
      await office.keyboard.press('Escape');
      await button(runs, '全不选').click();
      await runs.getByRole('checkbox', { name: MODEL }).check();
      await runs.getByText('比对模型（已选 1 个）').waitFor();
      await shot(office, 'analytics-04-run-form');
      await office.getByTestId('run-start').click();
      const current = office.getByTestId('run-current');
      await current.getByTestId('job-progress').waitFor();
      await current.locator('[data-testid=job-progress][data-status=succeeded]').waitFor({ timeout: 90_000 });
      await current.getByText('共 2 条疑点').waitFor();
      const resultRow = current.locator('tr', { hasText: MODEL });
      await resultRow.getByText('已运行').waitFor();
      assert((await resultRow.locator('td').nth(2).innerText()).trim() === '2', `模型结果应为 2 条疑点：${await resultRow.innerText()}`);
      await shot(office, 'analytics-05-run-result');

      // --- 4. the team member sees the village's hits with the Chinese explanation ---
      const teamPage = await newUserPage(newPage, base, member);
      await teamPage.getByTestId('side-menu').getByRole('link', { name: '疑点', exact: true }).click();
      const hits = teamPage.getByTestId('hits-page');
      await hits.waitFor();
      const group = hits.locator('tr', { hasText: `${VILLAGE.town} ${VILLAGE.name}` }).first();
      await group.getByText('第七巡察组').waitFor();
      assert((await group.locator('td').nth(2).innerText()).trim() === '2', `${VILLAGE.name}应有 2 条疑点：${await group.innerText()}`);
      const deadHit = hits.locator('a[data-testid^="hit-"]', { hasText: dead.name });
      const explanation = (await deadHit.innerText()).trim();
      assert(
        new RegExp(`^${dead.name}（身份证5101\\*+\\d{3}[\\dX]）于2024年3月15日死亡，2024年4月至2024年6月仍领取农村低保3笔，共计1,740(\\.00)?元。$`).test(explanation),
        `疑点说明不符：${explanation}`,
      );
      assert(!explanation.includes(dead.id), '疑点说明不应显示完整身份证号码');
      await shot(teamPage, 'analytics-06-hits');

      // confirm as a 问题底稿
      await deadHit.click();
      const drawer = teamPage.locator('.ant-drawer', { has: teamPage.getByTestId('hit-explanation') });
      await drawer.getByTestId('hit-explanation').getByText(explanation).waitFor();
      await drawer.getByText(MODEL).first().waitFor();
      await drawer.getByText('待核实').first().waitFor();
      await drawer.getByTestId('hit-confirm-finding').click();
      const confirmModal = teamPage.locator('.ant-modal', { hasText: '将以疑点说明为问题描述' });
      await confirmModal.waitFor();
      await shot(teamPage, 'analytics-07-confirm-dialog');
      await button(confirmModal, '确定').click();
      await teamPage.getByText('已确认，已生成问题底稿（草稿）').waitFor();
      await drawer.getByText('已确认').first().waitFor();
      const findingLink = drawer.getByRole('link', { name: '问题底稿' });
      await findingLink.waitFor();
      assert((await drawer.getByTestId('hit-confirm-finding').count()) === 0, '已确认的疑点不应再显示确认按钮');
      await shot(teamPage, 'analytics-08-confirmed');
      await findingLink.click();
      const findingPage = teamPage.getByTestId('finding-page');
      await findingPage.waitFor();
      await findingPage.getByText(`大数据比对（${MODEL}）发现：${explanation}`).waitFor();
      await findingPage.getByText(MODEL).first().waitFor();
      await findingPage.getByText('1,740.00 元').waitFor();
      await findingPage.getByText('数据比对', { exact: true }).waitFor();
      await findingPage.getByText(`大数据比对证据（${MODEL}）`).waitFor();
      await findingPage.getByText(`比对证据-${MODEL}.xlsx`).first().waitFor();
      await shot(teamPage, 'analytics-09-finding');

      // dismiss the cancelled household's hit as a data error
      await teamPage.goBack();
      await hits.waitFor();
      if (await drawer.isVisible()) await teamPage.keyboard.press('Escape');
      await hits.locator('a[data-testid^="hit-"]', { hasText: cancelled.name }).click();
      const drawer2 = teamPage.locator('.ant-drawer', { has: teamPage.getByTestId('hit-explanation').filter({ hasText: cancelled.name }) });
      await drawer2.getByText('注销户籍').first().waitFor();
      await drawer2.getByTestId('hit-dismiss').click();
      const dismissModal = teamPage.locator('.ant-modal', { hasText: '排除疑点' });
      await dismissModal.getByRole('radio', { name: '数据错误' }).check();
      const REASON = '经核实李长福户籍未注销，公安户籍系统误录，已由派出所更正';
      await dismissModal.getByRole('textbox').fill(REASON);
      await button(dismissModal, '确定').click();
      await teamPage.getByText('已排除', { exact: true }).first().waitFor();
      await drawer2.getByText(`数据错误：${REASON}`).waitFor();
      await shot(teamPage, 'analytics-10-dismissed');
      await teamPage.keyboard.press('Escape');
      await hits.locator('tr', { hasText: cancelled.name }).getByText('已排除').waitFor();
      await hits.locator('tr', { hasText: dead.name }).getByText('已确认').waitFor();

      // --- 5. the office's model library: 1 confirmed of 2 verified ---
      await office.getByTestId('side-menu').getByRole('link', { name: '模型库', exact: true }).click();
      const models = office.getByTestId('models-page');
      await models.waitFor();
      const modelRow = models.locator('tr.ant-table-row', { hasText: MODEL });
      const stats = await apiCall(office, 'GET', `${base}/api/analytics/models`);
      const mine = stats.items.find((m) => m.name === MODEL);
      assert(mine, `模型库应有“${MODEL}”`);
      if (!externalDb) assert(mine.stats.verified === 2 && mine.stats.confirmed === 1 && mine.stats.dismissed === 1 && mine.stats.precision === 0.5, `模型统计不符：${JSON.stringify(mine.stats)}`);
      const expectedPrecision = `${(mine.stats.precision * 100).toFixed(1)}%`;
      await modelRow.getByText(expectedPrecision, { exact: true }).waitFor();
      if (!externalDb) assert(expectedPrecision === '50.0%', `准确率应为 50.0%：${expectedPrecision}`);
      await shot(office, 'analytics-11-models');
    },
  },
];

// --- runner -------------------------------------------------------------------------------

async function main() {
  const started = Date.now();
  if (!fs.existsSync(CHROMIUM)) {
    console.error(`找不到 chromium：${CHROMIUM}（apt-get install -y chromium fonts-noto-cjk）`);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  }
  const webDir = await buildWeb();
  let server;
  try {
    server = await startServer(webDir);
  } catch (err) {
    fs.rmSync(webDir, { recursive: true, force: true });
    throw err;
  }
  console.log(`e2e: 服务器 ${server.base}（${externalDb ? 'PostgreSQL' : 'PGlite 临时目录'}）`);
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: !process.env.E2E_HEADFUL,
    slowMo: Number(process.env.E2E_SLOWMO ?? 0) || undefined,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'].filter(
      (a) => !(process.env.E2E_HEADFUL && a === '--headless'),
    ),
  });
  let passed = 0;
  let failed = 0;
  try {
    for (const j of journeys.filter((j) => j.name.includes(filter))) {
      const t0 = Date.now();
      const contexts = [];
      const pages = [];
      const problems = [];
      const newPage = async () => {
        const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
        context.setDefaultTimeout(15_000);
        contexts.push(context);
        const page = await context.newPage();
        page.on('pageerror', (e) => problems.push(`页面脚本错误：${e.message}`));
        page.on('console', (m) => {
          if (m.type() === 'error' && !/status of 40[0134]/.test(m.text())) problems.push(`控制台：${m.text()}`);
        });
        pages.push(page);
        return page;
      };
      try {
        await j.run({ newPage, base: server.base });
        if (problems.some((p) => p.startsWith('页面脚本错误'))) throw new Error(problems.join('\n'));
        passed++;
        console.log(`  ✓ ${j.name}（${((Date.now() - t0) / 1000).toFixed(1)} 秒）`);
      } catch (err) {
        failed++;
        console.log(`  ✗ ${j.name}（${((Date.now() - t0) / 1000).toFixed(1)} 秒）`);
        console.log(`    ${String(err instanceof Error ? err.stack ?? err.message : err).split('\n').join('\n    ')}`);
        for (const p of problems.slice(-10)) console.log(`    ${p}`);
        for (const [i, page] of pages.entries()) {
          const file = path.join(artifacts, `${slug(j.name).slice(0, 40)}-failure-${i + 1}.png`);
          await page.screenshot({ path: file, fullPage: true }).catch(() => {});
          console.log(`    截图：${path.relative(repo, file)}（${page.url()}）`);
        }
        const tail = server.log.join('').split('\n').slice(-20).join('\n    ');
        if (tail.trim()) console.log(`    服务器日志（末尾）：\n    ${tail}`);
      } finally {
        for (const c of contexts) await c.close().catch(() => {});
      }
    }
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
  }
  console.log(`e2e: 用时 ${((Date.now() - started) / 1000).toFixed(1)} 秒`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || passed === 0 ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  console.log('e2e: 0 passed, 1 failed');
  process.exit(1);
});
