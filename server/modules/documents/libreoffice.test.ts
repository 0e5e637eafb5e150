import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  feedbackOpinionDocx,
  immediateNoticeDocx,
  inspectionReportDocx,
  officialDocument,
  suggestionLetterDocx,
  transferLetterDocx,
  villageProblemListDocx,
  workingPaperDocx,
  type Block,
  type ReportFinding,
} from './index';

/**
 * One real conversion: every generated document through `libreoffice --headless --convert-to pdf`. Runs where
 * LibreOffice is installed (CI installs libreoffice-writer-nogui); skipped with a notice elsewhere.
 */
function findOffice(): string | null {
  for (const bin of ['libreoffice', 'soffice']) {
    const r = spawnSync('sh', ['-c', `command -v ${bin}`], { encoding: 'utf8' });
    if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  }
  return null;
}
const office = findOffice();
// CI (.ci/run) sets this: there the conversion must run, not be skipped
const required = process.env.XUNCHA_REQUIRE_LIBREOFFICE === '1';
if (!office) console.warn('未找到 LibreOffice（libreoffice/soffice），跳过 .docx → PDF 转换测试；请安装 libreoffice-writer-nogui。');

it.runIf(!office && required)('LibreOffice is installed where XUNCHA_REQUIRE_LIBREOFFICE=1', () => {
  expect(office, '缺少 LibreOffice：apt-get install -y libreoffice-writer-nogui').not.toBeNull();
});

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'xuncha-docs-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function pageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

const findings: ReportFinding[] = Array.from({ length: 12 }, (_, i) => ({
  number: String(i + 1),
  town: '城关镇',
  village: i % 2 ? '东湖村' : '西山村',
  category: ['党的领导弱化', '党的建设缺失', '全面从严治党不力'][i % 3]!,
  title: `问题${i + 1}：村务决策程序不规范`,
  description: '村级重大事项未严格执行“四议两公开”工作法，会议记录不完整，群众知情权、参与权、监督权落实不到位。',
  amount: i % 4 === 0 ? 15000 * (i + 1) : null,
  immediate: i === 0,
}));

const lines = (n: number): Block[] => Array.from({ length: n }, (_, i) => ({ kind: 'paragraph', text: `第${i + 1}行。` }));

const TEXT = '巡察组坚持发现问题推动整改促进改革促进发展聚焦村社区党组织';
const chars = (n: number, width: number): Block[] => Array.from({ length: n }, () => ({ kind: 'paragraph', text: TEXT.slice(0, width), indent: false }));

describe.skipIf(!office)('LibreOffice conversion', () => {
  it('converts every generated document to an A4 PDF, 22 lines of 28 characters to the page', async () => {
    const docs: Record<string, Buffer> = {
      'working-paper': await workingPaperDocx({
        team: '县委第一巡察组',
        number: '一组底稿〔2026〕第12号',
        title: '村集体资金坐收坐支',
        foundOn: '2026-11-05',
        town: '城关镇',
        village: '东湖村',
        source: '查阅资料',
        category: '全面从严治党不力',
        description: '鱼塘承包费收入未纳入村集体账户。',
        amount: 86500,
        responsible: [{ name: '张建国', position: '村党支部书记' }],
        materials: [{ title: '承包合同复印件', kind: '复印件', files: 2 }],
        author: '王晓明',
        reviews: [],
      }),
      'immediate-notice': await immediateNoticeDocx({ number: '一组立改〔2026〕3号', team: '县委第一巡察组', to: '中共东湖村支部委员会', town: '城关镇', village: '东湖村', problems: [findings[0]!], deadline: '2026-11-30', date: '2026-11-08' }),
      'transfer-letter': await transferLetterDocx({ number: '城巡移〔2026〕5号', leadNumber: '2026-02-007', to: '县纪委监委', issuer: '县委巡察办', team: '县委第一巡察组', town: '城关镇', village: '东湖村', persons: [{ name: '张建国', position: '村党支部书记' }], summary: '指定施工方。', evidence: [{ title: '信访件', count: 3 }], date: '2026-11-20' }),
      report: await inspectionReportDocx({ team: '县委第一巡察组', round: '2026年第二轮巡察', to: '县委巡察工作领导小组', from: '2026-10-20', until: '2026-11-20', targets: [{ town: '城关镇', villages: ['东湖村', '西山村'] }], findings, date: '2026-11-28' }),
      feedback: await feedbackOpinionDocx({ team: '县委第一巡察组', round: '2026年第二轮巡察', to: '中共城关镇委员会', unit: '城关镇', from: '2026-10-20', until: '2026-11-20', findings, problemLists: [{ village: '东湖村', findings: findings.filter((f) => f.village === '东湖村') }], date: '2026-12-05', copyTo: ['县纪委监委'] }),
      'problem-list': await villageProblemListDocx({ team: '县委第一巡察组', round: '2026年第二轮巡察', town: '城关镇', village: '东湖村', findings, date: '2026-12-05' }),
      suggestion: await suggestionLetterDocx({ number: '城巡建〔2026〕2号', to: '县民政局', team: '县委第一巡察组', round: '2026年第二轮巡察', subject: '农村低保动态管理', situation: '部分村低保对象未按规定开展动态复核。', suggestions: ['开展专项清理'], replyBy: '2027-01-31', date: '2026-12-05' }),
      // title + blank + N lines + two blanks + 署名 + 日期 = N + 6 lines: 44 fill two pages exactly, 45 need a third
      'grid-44': await officialDocument({ title: '版心测试', body: lines(38), issuer: '县委巡察办', date: '2026-11-22' }),
      'grid-45': await officialDocument({ title: '版心测试', body: lines(39), issuer: '县委巡察办', date: '2026-11-22' }),
      // 16 unindented lines of exactly 28 characters fill one page (22 lines); 15 of 29 characters wrap to two pages
      'chars-28': await officialDocument({ title: '版心测试', body: chars(16, 28), issuer: '县委巡察办', date: '2026-11-22' }),
      'chars-29': await officialDocument({ title: '版心测试', body: chars(15, 29), issuer: '县委巡察办', date: '2026-11-22' }),
    };
    const files = Object.entries(docs).map(([name, buf]) => {
      const f = path.join(dir, `${name}.docx`);
      fs.writeFileSync(f, buf);
      return f;
    });
    const profile = path.join(dir, 'profile');
    const started = Date.now();
    execFileSync(office!, [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files], { stdio: 'pipe', timeout: 180_000 });
    console.log(`LibreOffice 转换 ${files.length} 个文档用时 ${Date.now() - started} ms`);

    const pages: Record<string, number> = {};
    for (const name of Object.keys(docs)) {
      const pdf = fs.readFileSync(path.join(dir, `${name}.pdf`));
      expect(pdf.subarray(0, 5).toString('latin1'), name).toBe('%PDF-');
      pages[name] = pageCount(pdf);
      expect(pages[name], name).toBeGreaterThan(0);
      // A4: 595.3 × 841.9 pt
      expect(pdf.toString('latin1'), name).toMatch(/\/MediaBox\s*\[\s*0\s+0\s+595\.\d*\s+841\.\d*\s*\]/);
    }
    expect(pages['grid-44']).toBe(2);
    expect(pages['grid-45']).toBe(3);
    expect(pages['chars-28']).toBe(1);
    expect(pages['chars-29']).toBe(2);
    // the report of twelve problems and the feedback with its attached list run to several pages
    expect(pages.report).toBeGreaterThan(1);
    expect(pages.feedback).toBeGreaterThan(pages['problem-list']!);
  }, 240_000);
});
