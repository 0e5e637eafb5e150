import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, upload } from '../../test/fixtures';
import { createWorld, insertInspection, insertRound, PDF, PNG, setHouseholds, talk, type World } from '../inspections/test-setup';
import { checkFileType, contentDisposition, MAX_FILE_BYTES } from './files.service';

describe('file store: type by content, size limit, dedupe, download through the owner', () => {
  let w: World;
  let recordUrl: string;
  let recordId: string;

  beforeAll(async () => {
    w = await createWorld();
    const rec = await api(w.t, w.teamA, 'POST', `/api/inspections/${w.inspA}/records`, talk('2026-11-02', '王大爷', ['old_party_member']));
    recordId = rec.body.id;
    recordUrl = `/api/inspections/${w.inspA}/records/${recordId}/attachments`;
  });
  afterAll(async () => w.t.close());

  const blobCount = async () => Number((await w.t.ctx.db.selectFrom('blobs').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  it('refuses a .jpg that is really text, naming what it is, and stores nothing', async () => {
    const before = await blobCount();
    const r = await upload(w.t, w.teamA, recordUrl, '现场照片.jpg', Buffer.from('这不是图片，只是一段文字\n'));
    expect(r.status).toBe(415);
    expect(r.body.code).toBe('FILE_TYPE_NOT_ALLOWED');
    expect(r.body.message).toContain('无法识别的类型或纯文本');
    expect(await blobCount()).toBe(before);
    const exe = await upload(w.t, w.teamA, recordUrl, 'setup.pdf', Buffer.concat([Buffer.from('MZ'), Buffer.alloc(200)]));
    expect(exe.status).toBe(415);
    expect(exe.body.message).toContain('exe');
  });

  it('accepts a real PNG and PDF, and an Office file only under a matching name', async () => {
    const png = await upload(w.t, w.teamA, recordUrl, '现场照片.png', PNG);
    expect(png.status).toBe(201);
    expect(png.body).toEqual({ id: png.body.id, fileName: '现场照片.png', mime: 'image/png', size: PNG.length });
    const pdf = await upload(w.t, w.teamA, recordUrl, '谈话记录扫描件.pdf', PDF);
    expect(pdf.body.mime).toBe('application/pdf');
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('台账').addRow(['户主', '地址']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    expect(await checkFileType(xlsx, '走访台账.xlsx')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    await expect(checkFileType(xlsx, '走访台账.docx')).rejects.toThrow('与文件名 .docx 不符');
    const up = await upload(w.t, w.teamA, recordUrl, '走访台账.xlsx', xlsx);
    expect(up.status).toBe(201);
    const records = await api(w.t, w.teamA, 'GET', `/api/inspections/${w.inspA}/records?kind=talk`);
    expect(records.body.items[0].attachments.map((a: { fileName: string }) => a.fileName)).toEqual(['现场照片.png', '谈话记录扫描件.pdf', '走访台账.xlsx']);
  });

  it('stores the same content once: two uploads, two attachments, one blob', async () => {
    const content = Buffer.concat([PDF, Buffer.from('% unique 1\n')]);
    const before = await blobCount();
    const a = await upload(w.t, w.teamA, recordUrl, '第一份.pdf', content);
    const other = (await api(w.t, w.teamA, 'POST', `/api/inspections/${w.inspA}/records`, { kind: 'review', date: '2026-11-03' })).body.id;
    const b = await upload(w.t, w.teamA, `/api/inspections/${w.inspA}/records/${other}/attachments`, '第二份.pdf', content);
    expect(a.status).toBe(201);
    expect(b.status).toBe(201);
    expect(a.body.id).not.toBe(b.body.id);
    expect(await blobCount()).toBe(before + 1);
    const rows = await w.t.ctx.db.selectFrom('attachments').select('sha256').where('id', 'in', [a.body.id, b.body.id]).execute();
    expect(rows[0]!.sha256).toBe(rows[1]!.sha256);
    // an attachment is removed only through its own record
    expect((await api(w.t, w.teamA, 'DELETE', `/api/inspections/${w.inspA}/records/${other}/attachments/${a.body.id}`)).status).toBe(404);
    // removing one keeps the content for the other; removing the record removes the last one and the blob
    expect((await api(w.t, w.teamA, 'DELETE', `${recordUrl}/${a.body.id}`)).status).toBe(200);
    expect(await blobCount()).toBe(before + 1);
    expect((await w.t.app.inject({ url: `/api/files/${b.body.id}`, headers: { cookie: w.teamA } })).statusCode).toBe(200);
    expect((await api(w.t, w.teamA, 'DELETE', `/api/inspections/${w.inspA}/records/${other}`)).status).toBe(200);
    expect(await blobCount()).toBe(before);
    expect((await w.t.app.inject({ url: `/api/files/${b.body.id}`, headers: { cookie: w.teamA } })).statusCode).toBe(404);
    const audit = await w.t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'files.attachment').where('entity_id', '=', a.body.id).orderBy('seq').execute();
    expect(audit.map((x) => x.action)).toEqual(['create', 'delete']);
  });

  it('refuses a file over the limit with the limit in the message', async () => {
    const big = Buffer.alloc(MAX_FILE_BYTES + 1, 0);
    PNG.copy(big);
    const r = await upload(w.t, w.teamA, recordUrl, '大照片.png', big);
    expect(r.status).toBe(413);
    expect(r.body.code).toBe('FILE_TOO_LARGE');
    expect(r.body.message).toContain('20 MB');
  });

  it('downloads byte for byte with the type and the Chinese file name; others get 404', async () => {
    const up = await upload(w.t, w.teamA, recordUrl, '村务公开栏 (1).png', PNG);
    const r = await w.t.app.inject({ url: `/api/files/${up.body.id}`, headers: { cookie: w.teamA } });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('image/png');
    expect(Buffer.compare(r.rawPayload, PNG)).toBe(0);
    expect(r.headers['content-disposition']).toBe(`inline; filename="_____ (1).png"; filename*=UTF-8''${encodeURIComponent('村务公开栏').replace(/'/g, '%27')}%20%281%29.png`);
    const dl = await w.t.app.inject({ url: `/api/files/${up.body.id}?download=1`, headers: { cookie: w.office } });
    expect(dl.headers['content-disposition']).toMatch(/^attachment;/);
    for (const cookie of [w.teamB, w.town]) expect((await w.t.app.inject({ url: `/api/files/${up.body.id}`, headers: { cookie } })).statusCode).toBe(404);
    expect((await w.t.app.inject({ url: `/api/files/${up.body.id}` })).statusCode).toBe(401);
  });

  it('writes an RFC 5987 disposition for any name', () => {
    expect(contentDisposition('报告.pdf', 'attachment')).toBe(`attachment; filename="__.pdf"; filename*=UTF-8''%E6%8A%A5%E5%91%8A.pdf`);
    expect(contentDisposition('a"b.pdf', 'inline')).toBe(`inline; filename="a_b.pdf"; filename*=UTF-8''a%22b.pdf`);
  });
});

describe('pre-inspection file', () => {
  let w: World;
  beforeAll(async () => {
    w = await createWorld();
  });
  afterAll(async () => w.t.close());

  it('the office files entries with attachments; the team reads them with earlier rounds and the village numbers', async () => {
    await setHouseholds(w.t, w.villageA, 312, { petitions: 4, tags: ['城郊村'] });
    const earlierRound = await insertRound(w.t, { number: 1, year: 2023, phase: 'archived' });
    await insertInspection(w.t, { roundId: earlierRound, village: w.villageA, teamId: null, status: 'completed', completedAt: new Date('2023-06-30T08:00:00Z') });
    const base = `/api/inspections/${w.inspA}/pre-file`;
    const e1 = await api(w.t, w.office, 'POST', base, { kind: 'petition', title: '反映村干部优亲厚友', content: '2026年3月来信', occurredOn: '2026-03-05' });
    expect(e1.status).toBe(201);
    expect(e1.body).toMatchObject({ kind: 'petition', kindName: '信访举报', occurredOn: '2026-03-05', wholeTarget: false, attachments: [], createdByName: 'office1姓名' });
    const e2 = await api(w.t, w.office, 'POST', base, { kind: 'rectification', title: '上轮整改情况', content: '3 项已整改', wholeTarget: true });
    const bad = await api(w.t, w.office, 'POST', base, { kind: 'gossip', title: '' });
    expect(bad.status).toBe(400);
    const att = await upload(w.t, w.office, `${base}/${e1.body.id}/attachments`, '来信扫描件.pdf', PDF);
    expect(att.status).toBe(201);
    const edited = await api(w.t, w.office, 'PUT', `${base}/${e2.body.id}`, { kind: 'rectification', title: '上轮整改情况', content: '3 项已整改，1 项长期坚持' });
    expect(edited.body.content).toBe('3 项已整改，1 项长期坚持');

    const file = await api(w.t, w.teamA, 'GET', base);
    expect(file.status).toBe(200);
    expect(file.body.entries.map((e: { title: string }) => e.title)).toEqual(['反映村干部优亲厚友', '上轮整改情况']);
    expect(file.body.entries[0].attachments).toEqual([{ id: att.body.id, fileName: '来信扫描件.pdf', mime: 'application/pdf', size: PDF.length }]);
    expect(file.body.earlierInspections).toEqual([{ roundLabel: '2023年第1轮', status: 'completed', statusName: '已完成', completedAt: '2023-06-30T08:00:00.000Z' }]);
    expect(file.body.profile).toEqual({ petitionsLastYear: 4, households: 312, tags: ['城郊村'] });
    const dl = await w.t.app.inject({ url: `/api/files/${att.body.id}`, headers: { cookie: w.teamA } });
    expect(dl.statusCode).toBe(200);
    expect(Buffer.compare(dl.rawPayload, PDF)).toBe(0);

    // another village's workspace does not show a village entry, nor reach it by id
    const otherFile = await api(w.t, w.teamB, 'GET', `/api/inspections/${w.inspB}/pre-file`);
    expect(otherFile.body.entries).toEqual([]);
    expect((await api(w.t, w.office, 'PUT', `/api/inspections/${w.inspB}/pre-file/${e1.body.id}`, { kind: 'other', title: 'x' })).status).toBe(404);
    expect((await w.t.app.inject({ url: `/api/files/${att.body.id}`, headers: { cookie: w.teamB } })).statusCode).toBe(404);

    expect((await api(w.t, w.office, 'DELETE', `${base}/${e1.body.id}`)).status).toBe(200);
    expect((await api(w.t, w.teamA, 'GET', base)).body.entries).toHaveLength(1);
    expect((await w.t.app.inject({ url: `/api/files/${att.body.id}`, headers: { cookie: w.office } })).statusCode).toBe(404);
    const audit = await w.t.ctx.db.selectFrom('audit_log').select('action').where('entity', '=', 'inspections.pre_file_entry').where('entity_id', '=', e1.body.id).orderBy('seq').execute();
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete']);
  });
});
