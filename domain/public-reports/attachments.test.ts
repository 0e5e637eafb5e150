import { describe, expect, it } from 'vitest';
import { ATTACHMENT_KINDS, attachmentLimitLines, indexOfBytes, sniffAttachment, stripMetadata } from './attachments';

const bytes = (...parts: (number[] | string | Uint8Array)[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...p].map((c) => c.charCodeAt(0)) : [...p])));
const utf16 = (s: string) => [...s].flatMap((c) => [c.charCodeAt(0), 0]);
const pad = (n: number) => new Array<number>(n).fill(0);
const ftyp = (major: string, ...compatible: string[]) => {
  const size = 16 + compatible.length * 4;
  return bytes([0, 0, 0, size], 'ftyp', major, [0, 0, 0, 0], compatible.join(''), pad(32));
};

const JPEG = bytes([0xff, 0xd8, 0xff, 0xe0, 0, 16], 'JFIF', pad(64));
const PNG = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], pad(32));
const DOCX = bytes('PK', [3, 4], pad(26), '[Content_Types].xml', pad(10), 'PK', [3, 4], 'word/document.xml', pad(20));
const XLSX = bytes('PK', [3, 4], pad(26), '[Content_Types].xml', pad(10), 'xl/workbook.xml', pad(20));
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

describe('sniffing by content', () => {
  it.each([
    ['photo.jpg', JPEG, 'image/jpeg', 'photo'],
    ['photo.JPEG', JPEG, 'image/jpeg', 'photo'],
    ['a.png', PNG, 'image/png', 'photo'],
    ['a.gif', bytes('GIF89a', pad(20)), 'image/gif', 'photo'],
    ['a.webp', bytes('RIFF', [0, 0, 0, 0], 'WEBPVP8 ', pad(20)), 'image/webp', 'photo'],
    ['a.heic', ftyp('heic', 'mif1', 'heic'), 'image/heic', 'photo'],
    ['a.heif', ftyp('mif1', 'heic'), 'image/heic', 'photo'],
    ['a.mp4', ftyp('isom', 'isom', 'iso2', 'avc1', 'mp41'), 'video/mp4', 'video'],
    ['a.mp4', ftyp('mp42', 'mp42', 'isom'), 'video/mp4', 'video'],
    ['a.3gp', ftyp('3gp5', '3gp5', 'isom'), 'video/mp4', 'video'],
    ['a.mov', ftyp('qt  ', 'qt  '), 'video/quicktime', 'video'],
    ['old.mov', bytes([0, 0, 0, 8], 'wide', pad(20)), 'video/quicktime', 'video'],
    ['a.pdf', bytes('%PDF-1.7\n', pad(20)), 'application/pdf', 'document'],
    ['a.docx', DOCX, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', 'document'],
    ['a.xlsx', XLSX, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'document'],
    ['a.doc', bytes(OLE, pad(100), utf16('WordDocument'), pad(10)), 'application/msword', 'document'],
    ['a.xls', bytes(OLE, pad(100), utf16('Workbook'), pad(10)), 'application/vnd.ms-excel', 'document'],
    ['no-extension', JPEG, 'image/jpeg', 'photo'],
    ['screen.jpg', PNG, 'image/png', 'photo'],
  ])('%s is %s', (name, b, mime, kind) => {
    expect(sniffAttachment(b, name)).toMatchObject({ ok: true, mime, kind });
  });

  it.each([
    ['photo.jpg', bytes('MZ', [0x90, 0], pad(60)), 'Windows 可执行程序'],
    ['photo.jpg', bytes([0x7f], 'ELF', pad(60)), 'Linux 可执行程序'],
    ['doc.pdf', bytes([0xcf, 0xfa, 0xed, 0xfe], pad(60)), 'macOS 可执行程序'],
    ['a.jpg', bytes('#!/bin/sh\nrm -rf /'), '脚本文件'],
    ['a.jpg', bytes('<svg onload="alert(1)">'), '网页或 SVG 文件'],
    ['a.docx', bytes('PK', [3, 4], pad(26), 'evil.exe', pad(10)), 'ZIP 压缩包'],
    ['a.docx', bytes('PK', [3, 4], pad(26), '[Content_Types].xml', 'word/vbaProject.bin', pad(10)), '含宏的 Office 文档'],
    ['a.pptx', bytes('PK', [3, 4], pad(26), '[Content_Types].xml', 'ppt/slides', pad(10)), 'Word、Excel 以外的 Office 文档'],
    ['a.doc', bytes(OLE, pad(100), utf16('WordDocument'), utf16('Macros'), pad(10)), '含宏的 Office 文档'],
    ['a.avi', bytes('RIFF', [0, 0, 0, 0], 'AVI ', pad(20)), '无法识别的类型或纯文本'],
    ['a.m4a', ftyp('M4A ', 'M4A '), '不支持的音视频格式（M4A）'],
    ['a.txt', bytes('just some text'), '无法识别的类型或纯文本'],
  ])('refuses %s that is really %s', (name, b, what) => {
    const r = sniffAttachment(b, name);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain(`按内容检测为${what}`);
  });

  it('refuses a name of another kind than the content', () => {
    const r = sniffAttachment(bytes('%PDF-1.4', pad(20)), '照片.jpg');
    expect(r).toEqual({ ok: false, reason: '不能上传“照片.jpg”：文件内容是文档，与扩展名 .jpg 不符' });
    expect(sniffAttachment(JPEG, 'virus.exe').ok).toBe(false);
  });

  it('refuses empty files and files over the limit of their kind', () => {
    expect(sniffAttachment(new Uint8Array(0), 'a.jpg')).toEqual({ ok: false, reason: '文件“a.jpg”是空的' });
    const big = new Uint8Array(ATTACHMENT_KINDS.photo.maxBytes + 1);
    big.set(JPEG);
    const r = sniffAttachment(big, 'big.jpg');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('照片每个不超过 10 MB');
    const video = new Uint8Array(ATTACHMENT_KINDS.photo.maxBytes + 1);
    video.set(ftyp('isom', 'isom'));
    expect(sniffAttachment(video, 'v.mp4').ok).toBe(true);
  });

  it('shows the limits in Chinese before upload', () => {
    expect(attachmentLimitLines()).toEqual([
      '照片：JPG、JPEG、JFIF、PNG、GIF、WEBP、HEIC、HEIF，每个不超过 10 MB',
      '视频：MP4、M4V、3GP、MOV，每个不超过 50 MB',
      '文档：PDF、DOCX、XLSX、DOC、XLS，每个不超过 20 MB',
      '最多 9 个文件，合计不超过 100 MB',
    ]);
  });

  it('finds byte strings', () => {
    expect(indexOfBytes(bytes('aababc'), bytes('abc'))).toBe(3);
    expect(indexOfBytes(bytes('aab'), bytes('abc'))).toBe(-1);
  });
});

describe('metadata removal', () => {
  const seg = (marker: number, payload: Uint8Array | number[]) => bytes([0xff, marker, (payload.length + 2) >> 8, (payload.length + 2) & 0xff], payload instanceof Uint8Array ? payload : payload);
  /** little-endian EXIF with an orientation entry and a fake GPS string */
  const exif = (orientation: number) =>
    bytes('Exif', [0, 0], 'II', [0x2a, 0, 8, 0, 0, 0], [1, 0], [0x12, 0x01, 3, 0, 1, 0, 0, 0, orientation, 0, 0, 0], [0, 0, 0, 0], 'GPS 30.98N 103.61E');
  const scan = bytes([0xff, 0xda, 0, 8, 1, 2, 3, 4, 5, 6], 'pixels', [0xff, 0xd9]);

  it('takes EXIF, XMP and comments out of a JPEG and keeps its orientation and colour profile', () => {
    const jpeg = bytes([0xff, 0xd8], seg(0xe0, bytes('JFIF', [0])), seg(0xe1, exif(6)), seg(0xe1, bytes('http://ns.adobe.com/xap/1.0/', [0], '<x:xmpmeta>Huawei P40</x:xmpmeta>')), seg(0xe2, bytes('ICC_PROFILE')), seg(0xfe, bytes('by 王秀英')), scan);
    const r = stripMetadata(jpeg, 'image/jpeg');
    expect(r.stripped).toBe(true);
    const text = String.fromCharCode(...r.bytes);
    expect(text).not.toContain('GPS');
    expect(text).not.toContain('Huawei');
    expect(text).not.toContain('by ');
    expect(text).toContain('JFIF');
    expect(text).toContain('ICC_PROFILE');
    expect(text).toContain('pixels');
    // a fresh minimal EXIF with orientation 6 (rotate 90°)
    const at = indexOfBytes(r.bytes, bytes('Exif', [0, 0], 'MM'));
    expect(at).toBeGreaterThan(0);
    expect([...r.bytes.subarray(at + 6 + 10, at + 6 + 12)]).toEqual([0x01, 0x12]);
    expect(r.bytes[at + 6 + 19]).toBe(6);
    expect(sniffAttachment(r.bytes, 'a.jpg')).toMatchObject({ ok: true, mime: 'image/jpeg' });
  });

  it('leaves a JPEG without metadata alone and drops an upright orientation', () => {
    const clean = bytes([0xff, 0xd8], seg(0xe0, bytes('JFIF', [0])), scan);
    expect(stripMetadata(clean, 'image/jpeg')).toEqual({ bytes: clean, stripped: false });
    const upright = stripMetadata(bytes([0xff, 0xd8], seg(0xe1, exif(1)), scan), 'image/jpeg');
    expect(indexOfBytes(upright.bytes, bytes('Exif'))).toBe(-1);
  });

  it('takes text, time and EXIF chunks out of a PNG', () => {
    const chunk = (type: string, data: string) => bytes([0, 0, 0, data.length], type, data, [1, 2, 3, 4]);
    const png = bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], chunk('IHDR', 'hdr'), chunk('tEXt', 'Author\0王'), chunk('eXIf', 'GPS'), chunk('tIME', 'now'), chunk('IDAT', 'img'), chunk('IEND', ''));
    const r = stripMetadata(png, 'image/png');
    expect(r.stripped).toBe(true);
    const text = String.fromCharCode(...r.bytes);
    for (const gone of ['tEXt', 'eXIf', 'tIME', 'GPS']) expect(text).not.toContain(gone);
    for (const kept of ['IHDR', 'IDAT', 'IEND']) expect(text).toContain(kept);
  });

  it('passes other kinds through unchanged', () => {
    const pdf = bytes('%PDF-1.4 /Author (x)');
    expect(stripMetadata(pdf, 'application/pdf')).toEqual({ bytes: pdf, stripped: false });
  });
});
