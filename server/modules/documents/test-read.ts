import { strFromU8, unzipSync } from 'fflate';

/** Reads a generated .docx back for tests: its parts, paragraph texts and table cells. */
export interface ReadDocx {
  files: Record<string, string>;
  document: string;
  footers: string[];
  settings: string;
  /** The text of each body paragraph (w:p), in order, table cells included. */
  paragraphs: string[];
  /** All text, paragraphs joined by newlines. */
  text: string;
  /** Each table as rows of cell texts (a cell's paragraphs joined by newlines). */
  tables: string[][][];
}

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

function paragraphTexts(xml: string): string[] {
  return [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/g)].map((m) =>
    [...m[0].matchAll(/<w:t(?: [^>]*)?>([^<]*)<\/w:t>|<w:tab\/>/g)].map((t) => (t[1] === undefined ? '\t' : unescape(t[1]))).join(''),
  );
}

export function readDocx(buf: Buffer): ReadDocx {
  const entries = unzipSync(new Uint8Array(buf));
  const files: Record<string, string> = {};
  for (const [name, data] of Object.entries(entries)) if (name.endsWith('.xml') || name.endsWith('.rels')) files[name] = strFromU8(data);
  const document = files['word/document.xml'] ?? '';
  const paragraphs = paragraphTexts(document);
  const tables = [...document.matchAll(/<w:tbl>[\s\S]*?<\/w:tbl>/g)].map((t) =>
    [...t[0].matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map((row) => [...row[0].matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map((cell) => paragraphTexts(cell[0]).join('\n'))),
  );
  return {
    files,
    document,
    footers: Object.keys(files)
      .filter((n) => /^word\/footer\d+\.xml$/.test(n))
      .sort()
      .map((n) => files[n]!),
    settings: files['word/settings.xml'] ?? '',
    paragraphs,
    text: paragraphs.join('\n'),
    tables,
  };
}
