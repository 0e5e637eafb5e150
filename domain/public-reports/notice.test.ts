import { describe, expect, it } from 'vitest';
import { committeeOf, defaultNoticeDates, isIsoDate, mailboxProblem, noticeInput, noticeProblems, periodText, phoneProblem, posterText, type NoticeFacts } from './notice';

describe('举报电话', () => {
  it.each([
    ['13912345678', '13912345678'],
    ['0531-86123456', '0531-86123456'],
    ['0531－86123456', '0531-86123456'],
    ['（0519）8765432', '0519-8765432'],
    ['0519 87654321', '0519-87654321'],
    ['0519\u300087654321', '0519-87654321'], // full-width space
    ['0519\u201387654321', '0519-87654321'], // en dash
    ['0519\uff0d87654321', '0519-87654321'], // full-width hyphen
    ['0519 - 87654321', '0519-87654321'],
    ['0519 8765 4321', '0519-87654321'],
    ['(0519) 8765432', '0519-8765432'],
    ['（0519）-8765432', '0519-8765432'],
    ['0519 12388', '0519-12388'],
    ['051987654321', '051987654321'],
    ['139 1234 5678', '13912345678'],
    [' 0519 87654321 ', '0519-87654321'],
    ['12388', '12388'],
    ['０５１９-１２３８８', '0519-12388'],
    ['0519-87654321-802', '0519-87654321-802'],
  ])('accepts %s', (input, normalised) => {
    expect(phoneProblem(input)).toBeNull();
    expect(noticeInput.shape.phone.parse(input)).toBe(normalised);
  });

  it.each([
    ['', '请填写举报电话'],
    ['87654321', '固定电话请加区号'],
    ['1391234567', '格式不正确'],
    ['23912345678', '格式不正确'],
    ['0531-1234567', '格式不正确'],
    ['电话12388', '格式不正确'],
  ])('refuses %j in Chinese', (input, message) => {
    expect(phoneProblem(input)).toContain(message);
  });
});

describe('邮政信箱', () => {
  it('needs a mailbox and a six-digit postcode', () => {
    expect(mailboxProblem('溧阳市2026号信箱（邮编 213300）')).toBeNull();
    expect(mailboxProblem('')).toBe('请填写邮政信箱');
    expect(mailboxProblem('溧阳市人民路1号')).toContain('请写明信箱');
    expect(mailboxProblem('溧阳市2026号信箱')).toContain('6 位邮政编码');
    expect(mailboxProblem('溧阳市2026号信箱 2133001')).toContain('6 位邮政编码');
    expect(mailboxProblem(`${'很'.repeat(80)}信箱213300`)).toContain('不超过');
  });
});

const base = { phone: '0519-87654321', mailbox: '溧阳市2026号信箱（邮编213300）', onSiteFrom: '2026-09-01', onSiteTo: '2026-10-31', petitionCutoff: '2026-10-25' };

describe('the notice input', () => {
  it('parses a full notice, empty optional fields become null', () => {
    const n = noticeInput.parse({ ...base, email: '  ', receptionPlace: '村委会二楼' });
    expect(n).toMatchObject({ email: null, receptionPlace: '村委会二楼', receptionHours: null });
  });

  it('reports every bad field in Chinese', () => {
    const r = noticeInput.safeParse({ phone: '123', mailbox: '', email: 'a@b', onSiteFrom: '2026-02-30', onSiteTo: '', petitionCutoff: 'x' });
    expect(r.success).toBe(false);
    const byPath = Object.fromEntries(r.error!.issues.map((i) => [i.path.join('.'), i.message]));
    expect(byPath).toMatchObject({
      phone: expect.stringContaining('格式不正确'),
      mailbox: '请填写邮政信箱',
      email: expect.stringContaining('电子邮箱格式不正确'),
      onSiteFrom: '请选择进驻日期',
      onSiteTo: '请选择巡察结束日期',
      petitionCutoff: '请选择信访受理截止日期',
    });
  });

  it('checks real calendar days', () => {
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-9-1')).toBe(false);
  });
});

describe('the dates across fields', () => {
  const round = { startDate: '2026-09-01', endDate: '2026-12-31' };
  it.each([
    [{}, []],
    [{ petitionCutoff: '2026-09-01' }, []],
    [{ petitionCutoff: '2026-10-31' }, []],
    [{ petitionCutoff: '2026-08-31', onSiteFrom: '2026-09-01' }, ['petitionCutoff:不能早于进驻日期']],
    [{ petitionCutoff: '2026-11-01' }, ['petitionCutoff:不能晚于巡察结束日期']],
    [{ onSiteFrom: '2026-08-20', petitionCutoff: '2026-09-10' }, ['onSiteFrom:不能早于本轮巡察开始日期（2026年9月1日）']],
    [{ onSiteTo: '2027-01-05' }, ['onSiteTo:不能晚于本轮巡察结束日期']],
    [{ onSiteFrom: '2026-11-01', onSiteTo: '2026-10-01', petitionCutoff: '2026-11-01' }, ['onSiteTo:不能早于进驻日期', 'petitionCutoff:不能晚于巡察结束日期']],
  ])('%j → %j', (change, expected) => {
    const problems = noticeProblems({ ...base, ...change }, round);
    expect(problems.map((p) => p.path)).toEqual(expected.map((e) => e.split(':')[0]));
    problems.forEach((p, i) => expect(p.message).toContain(expected[i]!.split(':')[1]));
  });

  it('defaults to the round, the cut-off on its last day', () => {
    expect(defaultNoticeDates(round)).toEqual({ onSiteFrom: '2026-09-01', onSiteTo: '2026-12-31', petitionCutoff: '2026-12-31' });
  });
});

describe('the poster text', () => {
  const notice: NoticeFacts = { ...base, email: 'lyxc1@163.com', receptionPlace: null, receptionHours: '工作日 8:30—17:30' };
  const facts = { countyName: '溧阳市', teamName: '第一巡察组', targetName: '南渡村', targetKind: 'village' as const, notice, url: 'https://xc.example.cn/p/r/ABCDEFGH' };

  it('names the committee by the county kind', () => {
    expect(committeeOf('溧阳市')).toEqual({ full: '中共溧阳市委', short: '市委' });
    expect(committeeOf('平阴县')).toEqual({ full: '中共平阴县委', short: '县委' });
    expect(committeeOf('历城区')).toEqual({ full: '中共历城区委', short: '区委' });
  });

  it('writes the period without repeating the year', () => {
    expect(periodText('2026-09-01', '2026-10-31')).toBe('2026年9月1日至10月31日');
    expect(periodText('2026-12-01', '2027-01-15')).toBe('2026年12月1日至2027年1月15日');
  });

  it('has the title, purpose, scope, contacts, cut-off and the code', () => {
    const p = posterText(facts);
    expect(p.title).toBe('中共溧阳市委第一巡察组巡察公告');
    expect(posterText({ ...facts, countyName: '科尔沁左翼中旗', teamName: '第十一巡察组' }).title).toBe('中共科尔沁左翼中旗委第十一巡察组\n巡察公告');
    expect(p.issuer).toBe('中共溧阳市委第一巡察组');
    expect(p.date).toBe('2026-09-01');
    expect(p.paragraphs[0]).toBe('按照市委统一部署，市委第一巡察组于2026年9月1日至10月31日对南渡村党组织开展巡察。');
    expect(p.paragraphs[1]).toContain('主要受理反映南渡村“两委”班子及其成员');
    expect(p.paragraphs[1]).toContain('其他不属于巡察受理范围的问题，按规定由有关部门处理');
    expect(p.contacts).toEqual([
      ['举报电话', '0519-87654321'],
      ['邮政信箱', '溧阳市2026号信箱（邮编213300）'],
      ['电子邮箱', 'lyxc1@163.com'],
      ['接待时间', '工作日 8:30—17:30'],
      ['信访受理截止日期', '2026年10月25日'],
    ]);
    expect(p.scanLines.join('')).toContain('https://xc.example.cn/p/r/ABCDEFGH');
    expect(p.scanLines[1]).toBe('不能扫码的，打开上述网址后输入二维码下方的扫码编号。');
  });

  it('reception place and hours share one line when both are given', () => {
    const p = posterText({ ...facts, notice: { ...notice, receptionPlace: '村委会二楼', email: null } });
    expect(p.contacts.map((c) => c[0])).toEqual(['举报电话', '邮政信箱', '接待地点和时间', '信访受理截止日期']);
    expect(p.contacts[2]![1]).toBe('村委会二楼，工作日 8:30—17:30');
  });

  it('a town target names its Party committee and its villages; a team already named 中共… is kept', () => {
    const p = posterText({ ...facts, targetKind: 'town', targetName: '南渡镇', teamName: '中共溧阳市委第二巡察组' });
    expect(p.issuer).toBe('中共溧阳市委第二巡察组');
    expect(p.paragraphs[0]).toContain('中共溧阳市委第二巡察组于');
    expect(p.paragraphs[0]).toContain('对南渡镇党委开展巡察');
    expect(p.paragraphs[1]).toContain('所辖村（社区）“两委”班子及其成员');
  });
});
