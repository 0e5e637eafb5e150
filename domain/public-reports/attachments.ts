/**
 * Attachments of a public report: what may be uploaded (kinds, MIME types, sizes — shown before the
 * upload), what the bytes really are (magic numbers; the name a phone sends is only a hint), and the
 * metadata taken out of photos before they are stored (a phone photo's EXIF carries the GPS position of
 * the reporter's home and the phone's model and serial).
 *
 * Pure and dependency-free so that the public page can show the same limits. server/modules/files has
 * a sniffer built on the file-type package (async, server only) for staff uploads; domain/ may not
 * import it, and the public intake wants a narrower list, so this is its own small table.
 */

export const ATTACHMENT_KINDS = {
  photo: {
    label: '照片',
    maxBytes: 10 * 1024 * 1024,
    types: {
      'image/jpeg': ['jpg', 'jpeg', 'jfif'],
      'image/png': ['png'],
      'image/gif': ['gif'],
      'image/webp': ['webp'],
      'image/heic': ['heic', 'heif'],
    },
  },
  video: {
    label: '视频',
    maxBytes: 50 * 1024 * 1024,
    types: {
      'video/mp4': ['mp4', 'm4v', '3gp'],
      'video/quicktime': ['mov'],
    },
  },
  document: {
    label: '文档',
    maxBytes: 20 * 1024 * 1024,
    types: {
      'application/pdf': ['pdf'],
      'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ['docx'],
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ['xlsx'],
      'application/msword': ['doc'],
      'application/vnd.ms-excel': ['xls'],
    },
  },
} as const satisfies Record<string, { label: string; maxBytes: number; types: Record<string, readonly string[]> }>;
export type AttachmentKind = keyof typeof ATTACHMENT_KINDS;
export const ATTACHMENT_KIND_LIST = Object.keys(ATTACHMENT_KINDS) as AttachmentKind[];
export type AttachmentMime = { [K in AttachmentKind]: keyof (typeof ATTACHMENT_KINDS)[K]['types'] }[AttachmentKind];

/** At most this many files per report or message, and this much in all. */
export const MAX_ATTACHMENTS = 9;
export const MAX_TOTAL_ATTACHMENT_BYTES = 100 * 1024 * 1024;

export const ALL_ATTACHMENT_MIMES = ATTACHMENT_KIND_LIST.flatMap((k) => Object.keys(ATTACHMENT_KINDS[k].types)) as AttachmentMime[];

export function kindOfMime(mime: string): AttachmentKind | null {
  for (const k of ATTACHMENT_KIND_LIST) if (mime in ATTACHMENT_KINDS[k].types) return k;
  return null;
}

export const formatBytes = (n: number): string => (n >= 1024 * 1024 ? `${Math.round((n / 1024 / 1024) * 10) / 10} MB` : `${Math.ceil(n / 1024)} KB`);

/** The limits as the reporter reads them before choosing files, one line per kind. */
export function attachmentLimitLines(): string[] {
  const ext = (k: AttachmentKind) => [...new Set(Object.values(ATTACHMENT_KINDS[k].types).flat())].map((e) => e.toUpperCase()).join('、');
  return [
    ...ATTACHMENT_KIND_LIST.map((k) => `${ATTACHMENT_KINDS[k].label}：${ext(k)}，每个不超过 ${formatBytes(ATTACHMENT_KINDS[k].maxBytes)}`),
    `最多 ${MAX_ATTACHMENTS} 个文件，合计不超过 ${formatBytes(MAX_TOTAL_ATTACHMENT_BYTES)}`,
  ];
}

// — content sniffing —

export type SniffResult = { ok: true; kind: AttachmentKind; mime: AttachmentMime; ext: string } | { ok: false; reason: string };

const ascii = (bytes: Uint8Array, from: number, length: number): string => {
  let s = '';
  for (let i = from; i < from + length && i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
};
const startsWith = (bytes: Uint8Array, sig: readonly number[], at = 0): boolean => sig.every((b, i) => bytes[at + i] === b);

/** Index of `needle` in `bytes` (or −1). */
export function indexOfBytes(bytes: Uint8Array, needle: Uint8Array, from = 0): number {
  if (needle.length === 0) return from;
  const first = needle[0]!;
  outer: for (let i = bytes.indexOf(first, from); i !== -1 && i <= bytes.length - needle.length; i = bytes.indexOf(first, i + 1)) {
    for (let j = 1; j < needle.length; j++) if (bytes[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}
const latin = (s: string) => Uint8Array.from([...s].map((c) => c.charCodeAt(0)));
const utf16 = (s: string) => Uint8Array.from([...s].flatMap((c) => [c.charCodeAt(0), 0]));
const contains = (bytes: Uint8Array, needle: Uint8Array) => indexOfBytes(bytes, needle) !== -1;

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1']);
const MP4_BRANDS = new Set(['isom', 'iso2', 'iso4', 'iso5', 'iso6', 'mp41', 'mp42', 'avc1', 'M4V ', 'M4VP', 'dash', '3gp4', '3gp5', '3gp6', '3g2a', 'mmp4', 'MSNV', 'XAVC', 'f4v ']);
const QT_ATOMS = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

type Detected = { mime: AttachmentMime } | { refuse: string };

function detect(b: Uint8Array): Detected {
  // executables and scripts first: whatever the name says, these never pass
  if (startsWith(b, [0x4d, 0x5a])) return { refuse: 'Windows 可执行程序' };
  if (startsWith(b, [0x7f, 0x45, 0x4c, 0x46])) return { refuse: 'Linux 可执行程序' };
  if ([[0xfe, 0xed, 0xfa, 0xce], [0xfe, 0xed, 0xfa, 0xcf], [0xce, 0xfa, 0xed, 0xfe], [0xcf, 0xfa, 0xed, 0xfe], [0xca, 0xfe, 0xba, 0xbe]].some((s) => startsWith(b, s))) {
    return { refuse: 'macOS 可执行程序' };
  }
  if (startsWith(b, [0x64, 0x65, 0x78, 0x0a])) return { refuse: '安卓可执行文件' };
  if (ascii(b, 0, 2) === '#!') return { refuse: '脚本文件' };

  if (startsWith(b, [0xff, 0xd8, 0xff])) return { mime: 'image/jpeg' };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { mime: 'image/png' };
  if (ascii(b, 0, 6) === 'GIF87a' || ascii(b, 0, 6) === 'GIF89a') return { mime: 'image/gif' };
  if (ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP') return { mime: 'image/webp' };
  if (ascii(b, 4, 4) === 'ftyp') {
    const size = ((b[0]! << 24) | (b[1]! << 16) | (b[2]! << 8) | b[3]!) >>> 0;
    const brands = [ascii(b, 8, 4)];
    for (let at = 16; at + 4 <= Math.min(size, b.length, 256); at += 4) brands.push(ascii(b, at, 4));
    if (brands[0] === 'qt  ') return { mime: 'video/quicktime' };
    if (brands.some((x) => HEIC_BRANDS.has(x)) && !brands.some((x) => x === 'avc1' || x === 'mp41' || x === 'mp42')) return { mime: 'image/heic' };
    if (brands.some((x) => MP4_BRANDS.has(x))) return { mime: 'video/mp4' };
    if (brands.includes('qt  ')) return { mime: 'video/quicktime' };
    return { refuse: `不支持的音视频格式（${brands[0]!.trim()}）` };
  }
  if (QT_ATOMS.has(ascii(b, 4, 4))) return { mime: 'video/quicktime' };
  if (contains(b.subarray(0, 1024), latin('%PDF-'))) return { mime: 'application/pdf' };
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04])) {
    if (!contains(b, latin('[Content_Types].xml'))) return { refuse: 'ZIP 压缩包' };
    if (contains(b, latin('vbaProject.bin'))) return { refuse: '含宏的 Office 文档' };
    if (contains(b, latin('word/'))) return { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' };
    if (contains(b, latin('xl/'))) return { mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' };
    return { refuse: 'Word、Excel 以外的 Office 文档' };
  }
  if (startsWith(b, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) {
    if (contains(b, utf16('_VBA_PROJECT')) || contains(b, utf16('Macros'))) return { refuse: '含宏的 Office 文档' };
    if (contains(b, utf16('WordDocument'))) return { mime: 'application/msword' };
    if (contains(b, utf16('Workbook')) || contains(b, utf16('Book'))) return { mime: 'application/vnd.ms-excel' };
    return { refuse: 'Word、Excel 以外的复合文档' };
  }
  const head = ascii(b, 0, 64).trimStart().toLowerCase();
  if (head.startsWith('<')) return { refuse: '网页或 SVG 文件' };
  return { refuse: '无法识别的类型或纯文本' };
}

const extensionOf = (name: string): string => {
  const base = name.split(/[\\/]/).pop() ?? '';
  return base.includes('.') ? base.split('.').pop()!.toLowerCase() : '';
};

/** Extension → the kind it claims. */
const KIND_BY_EXTENSION: ReadonlyMap<string, AttachmentKind> = new Map(
  ATTACHMENT_KIND_LIST.flatMap((k) => Object.values(ATTACHMENT_KINDS[k].types as Record<string, readonly string[]>).flat().map((e) => [e, k] as const)),
);

const ALLOWED_HINT = `允许上传：${attachmentLimitLines().slice(0, 3).join('；')}`;

/**
 * What `bytes` named `fileName` is, by content. The name only has to agree on the kind: a PNG called
 * .jpg is stored as a PNG (phones do that), but a PDF called .jpg or an executable under any name is
 * refused. Sizes are checked against the detected kind.
 */
export function sniffAttachment(bytes: Uint8Array, fileName: string): SniffResult {
  if (bytes.length === 0) return { ok: false, reason: `文件“${fileName}”是空的` };
  const d = detect(bytes);
  if ('refuse' in d) return { ok: false, reason: `不能上传“${fileName}”：按内容检测为${d.refuse}。${ALLOWED_HINT}` };
  const kind = kindOfMime(d.mime)!;
  const spec = ATTACHMENT_KINDS[kind];
  const ext = extensionOf(fileName);
  const claimed = KIND_BY_EXTENSION.get(ext) ?? null;
  if (ext !== '' && claimed !== kind) {
    return { ok: false, reason: `不能上传“${fileName}”：文件内容是${spec.label}，与扩展名 .${ext} 不符` };
  }
  if (bytes.length > spec.maxBytes) {
    return { ok: false, reason: `“${fileName}”过大：${spec.label}每个不超过 ${formatBytes(spec.maxBytes)}（本文件 ${formatBytes(bytes.length)}）` };
  }
  const types = spec.types as Record<string, readonly string[]>;
  return { ok: true, kind, mime: d.mime, ext: types[d.mime]![0]! };
}

// — metadata removal —

export interface StrippedFile {
  bytes: Uint8Array;
  /** true when something was taken out */
  stripped: boolean;
}

/** Kinds whose metadata is removed before storage; the page warns that other files keep theirs. */
export const METADATA_STRIPPED_MIMES: readonly AttachmentMime[] = ['image/jpeg', 'image/png'];
export const METADATA_WARNING = '照片中的拍摄地点等信息会在保存前去除；视频和文档可能带有拍摄地点、作者等信息，介意的请截图后上传。';

const u16 = (b: Uint8Array, at: number, le: boolean) => (le ? b[at]! | (b[at + 1]! << 8) : (b[at]! << 8) | b[at + 1]!);
const u32 = (b: Uint8Array, at: number, le: boolean) => (le ? (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0 : ((b[at]! << 24) | (b[at + 1]! << 16) | (b[at + 2]! << 8) | b[at + 3]!) >>> 0);

/** The EXIF orientation (1–8) of an APP1 payload, or null. Photos display upright only with it. */
function exifOrientation(app1: Uint8Array): number | null {
  if (ascii(app1, 0, 6) !== 'Exif\0\0') return null;
  const t = app1.subarray(6);
  if (t.length < 8) return null;
  const le = ascii(t, 0, 2) === 'II';
  if (!le && ascii(t, 0, 2) !== 'MM') return null;
  const ifd = u32(t, 4, le);
  if (ifd + 2 > t.length) return null;
  const count = u16(t, ifd, le);
  for (let i = 0; i < count; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > t.length) return null;
    if (u16(t, e, le) === 0x0112) {
      const v = u16(t, e + 8, le);
      return v >= 1 && v <= 8 ? v : null;
    }
  }
  return null;
}

/** A minimal big-endian EXIF APP1 segment holding only the orientation. */
function orientationSegment(orientation: number): Uint8Array {
  const payload = [
    ...latin('Exif\0\0'),
    ...latin('MM'), 0x00, 0x2a, 0, 0, 0, 8, // TIFF header, IFD0 at 8
    0, 1, // one entry
    0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, orientation, 0, 0, // Orientation, SHORT, 1 value
    0, 0, 0, 0, // no next IFD
  ];
  const len = payload.length + 2;
  return Uint8Array.from([0xff, 0xe1, len >> 8, len & 0xff, ...payload]);
}

function stripJpeg(b: Uint8Array): StrippedFile {
  const parts: Uint8Array[] = [b.subarray(0, 2)];
  let orientation: number | null = null;
  let stripped = false;
  let at = 2;
  while (at + 4 <= b.length && b[at] === 0xff) {
    const marker = b[at + 1]!;
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      parts.push(b.subarray(at, at + 2));
      at += 2;
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break; // scan data: the rest is image
    const len = (b[at + 2]! << 8) | b[at + 3]!;
    const end = at + 2 + len;
    if (len < 2 || end > b.length) break;
    // APP1 (EXIF, XMP), APP3–APP15 (maker and IPTC data), COM: out. APP0 (JFIF) and APP2 (ICC colours) stay.
    const drop = marker === 0xe1 || (marker >= 0xe3 && marker <= 0xef) || marker === 0xfe;
    if (drop) {
      stripped = true;
      if (marker === 0xe1) orientation ??= exifOrientation(b.subarray(at + 4, end));
    } else {
      parts.push(b.subarray(at, end));
    }
    at = end;
  }
  if (!stripped) return { bytes: b, stripped: false };
  if (orientation !== null && orientation !== 1) parts.splice(1, 0, orientationSegment(orientation));
  parts.push(b.subarray(at));
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return { bytes: out, stripped: true };
}

const PNG_DROP = new Set(['eXIf', 'tEXt', 'zTXt', 'iTXt', 'tIME']);

function stripPng(b: Uint8Array): StrippedFile {
  const keep: [number, number][] = [[0, 8]];
  let stripped = false;
  let at = 8;
  while (at + 12 <= b.length) {
    const len = u32(b, at, false);
    const end = at + 12 + len;
    if (end > b.length) break;
    const type = ascii(b, at + 4, 4);
    if (PNG_DROP.has(type)) stripped = true;
    else keep.push([at, end]);
    at = end;
    if (type === 'IEND') break;
  }
  if (!stripped) return { bytes: b, stripped: false };
  keep.push([at, b.length]);
  const out = new Uint8Array(keep.reduce((n, [s, e]) => n + e - s, 0));
  let o = 0;
  for (const [s, e] of keep) {
    out.set(b.subarray(s, e), o);
    o += e - s;
  }
  return { bytes: out, stripped: true };
}

/** The bytes to store for a sniffed attachment: JPEG and PNG without their metadata; others unchanged. */
export function stripMetadata(bytes: Uint8Array, mime: AttachmentMime): StrippedFile {
  if (mime === 'image/jpeg') return stripJpeg(bytes);
  if (mime === 'image/png') return stripPng(bytes);
  return { bytes, stripped: false };
}
