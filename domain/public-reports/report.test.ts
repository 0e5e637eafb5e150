import { describe, expect, it } from 'vitest';
import { NEVER_STORED_KEYS, categoryRefusal, chinaDay, neutralFileName, reportInput, reportLogFields, storedReportFields } from './report';

const ASPECT = '6c1f3a52-8a3e-4f0e-9a56-0d8f7d7d1a01';
const base = {
  submissionId: '1b4e28ba-2fa1-4d3b-a3f5-ef19b5a7633b',
  anonymous: true,
  category: ASPECT,
  description: '  村里修路的钱去向不明，\r\n去年十月开工至今未完工。 ',
};
const photo = { uploadId: '9f1c2d34-5e6f-4a7b-8c9d-0e1f2a3b4c5d', fileName: 'IMG_20261203_081523.jpg', mime: 'image/jpeg', size: 2_000_000 };

const messages = (input: unknown) => {
  const r = reportInput.safeParse(input);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}:${i.message}`);
};

describe('report input', () => {
  it('takes an anonymous report and normalises the text', () => {
    const r = reportInput.parse({ ...base, attachments: [photo] });
    expect(r.description).toBe('村里修路的钱去向不明，\n去年十月开工至今未完工。');
    expect(r.identity).toBeNull();
    expect(r.attachments).toHaveLength(1);
  });

  it('drops identity typed before switching to anonymous, even an invalid one', () => {
    expect(reportInput.parse({ ...base, identity: { name: '王秀英', phone: '13812345678' } }).identity).toBeNull();
    expect(reportInput.parse({ ...base, identity: { phone: '123' } }).identity).toBeNull();
  });

  it('checks the fields of a named reporter with their paths', () => {
    expect(messages({ ...base, anonymous: false, identity: { name: '王秀英', phone: '123' } })).toEqual(['identity.phone:联系电话格式不正确：请填写 11 位手机号码或带区号的固定电话']);
  });

  it('keeps a named reporter and wants a name or phone', () => {
    expect(reportInput.parse({ ...base, anonymous: false, identity: { phone: '13812345678' } }).identity).toEqual({ name: null, phone: '13812345678', idNumber: null });
    expect(messages({ ...base, anonymous: false })).toEqual(['identity.name:实名反映请至少填写姓名或联系电话；不愿留下的请选择匿名']);
    expect(messages({ ...base, anonymous: false, identity: { idNumber: '11010519491231002X' } })).toHaveLength(1);
  });

  it('accepts 其他 as category and refuses anything else not an id', () => {
    expect(reportInput.parse({ ...base, category: 'other' }).category).toBe('other');
    expect(messages({ ...base, category: '修路' })).toEqual(['category:请选择问题类别']);
  });

  it('bounds the description in characters, not bytes', () => {
    expect(messages({ ...base, description: '有问题' })[0]).toContain('至少 10 个字');
    expect(messages({ ...base, description: '问'.repeat(5000) })).toEqual([]);
    expect(messages({ ...base, description: '问'.repeat(5001) })[0]).toContain('不超过 5000 字');
  });

  it('checks attachments: types, sizes per kind, count, total and duplicates', () => {
    const att = (i: number, over: Partial<typeof photo> = {}) => ({ ...photo, uploadId: `9f1c2d34-5e6f-4a7b-8c9d-0e1f2a3b4c${String(i).padStart(2, '0')}`, ...over });
    expect(messages({ ...base, attachments: [att(1, { mime: 'application/x-msdownload' })] })[0]).toContain('附件类型不允许');
    expect(messages({ ...base, attachments: [att(1, { size: 11 * 1024 * 1024 })] })).toEqual(['attachments.0.size:“IMG_20261203_081523.jpg”过大：照片每个不超过 10 MB']);
    expect(messages({ ...base, attachments: Array.from({ length: 10 }, (_, i) => att(i)) })).toEqual(['attachments:最多上传 9 个附件']);
    expect(messages({ ...base, attachments: [0, 1, 2].map((i) => att(i, { mime: 'video/mp4', size: 40 * 1024 * 1024 })) })).toEqual(['attachments:附件合计不超过 100 MB']);
    expect(messages({ ...base, attachments: [att(1), att(1)] })).toEqual(['attachments:同一个附件不能添加两次']);
  });

  it('refuses a category outside the target list', () => {
    expect(categoryRefusal(ASPECT, [ASPECT])).toBeNull();
    expect(categoryRefusal('other', [])).toBeNull();
    expect(categoryRefusal(ASPECT, [])).toContain('不属于该村（社区）的监督清单');
  });
});

describe('what is stored', () => {
  const report = reportInput.parse({ ...base, anonymous: false, identity: { name: '王秀英' }, attachments: [photo] });
  const stored = storedReportFields(report, {
    receivedAt: new Date('2026-12-03T17:45:12.345Z'),
    ip: '203.0.113.9',
    userAgent: 'Mozilla/5.0 (Linux; Android 10; HUAWEI) MicroMessenger/8.0',
    headers: { 'x-forwarded-for': '203.0.113.9' },
  });

  it('keeps only the day (China time) and no request facts', () => {
    expect(stored.receivedOn).toBe('2026-12-04');
    const text = JSON.stringify(stored);
    for (const leak of ['203.0.113.9', 'Mozilla', 'HUAWEI', '17:45', '01:45', 'T', '王秀英', base.submissionId, '20261203']) expect(text).not.toContain(leak);
    expect(Object.keys(stored).sort()).toEqual(['anonymous', 'attachments', 'category', 'description', 'hasIdentity', 'receivedOn']);
    expect(stored.hasIdentity).toBe(true);
  });

  it('renames files whose names tell when or on what they were taken', () => {
    expect(stored.attachments[0]).toMatchObject({ fileName: '附件1.jpg', kind: 'photo', mime: 'image/jpeg' });
    expect(neutralFileName('微信图片_2026.jpg', 1, 'jpg')).toBe('附件2.jpg');
    expect(neutralFileName('mmexport1701234567.jpg', 0, 'jpg')).toBe('附件1.jpg');
    expect(neutralFileName('合同.pdf', 0, 'pdf')).toBe('合同.pdf');
  });

  it('turns instants into China dates', () => {
    expect(chinaDay(new Date('2026-12-03T15:59:59Z'))).toBe('2026-12-03');
    expect(chinaDay(new Date('2026-12-03T16:00:00Z'))).toBe('2026-12-04');
  });

  it('logs ids and counts only', () => {
    const log = reportLogFields({ reportId: 'r1', targetId: 't1', attachments: 2, anonymous: false });
    for (const k of Object.keys(log)) expect(NEVER_STORED_KEYS as readonly string[]).not.toContain(k);
  });
});
