import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CODE_ALPHABET,
  CODE_FORMATS,
  charsFromBytes,
  checkCharacter,
  codeEntropyBits,
  codeFromBytes,
  codeLength,
  formatCode,
  posterPath,
  isCheckValid,
  normalizeCodeInput,
  parseCode,
  type CodeKind,
} from './codes';
import { hashCode, hashDeviceToken, hashSubmissionId, newCode, newCodes, rateLimitClientKey } from './secrets';

const PEPPER = 'p'.repeat(32);
const KINDS = Object.keys(CODE_FORMATS) as CodeKind[];

/** A deterministic sample of codes of every kind (LCG bytes, so the test is repeatable). */
function sample(kind: CodeKind, n: number): string[] {
  let seed = 12345 + kind.length;
  const bytes = () => {
    const b = new Uint8Array(64);
    for (let i = 0; i < b.length; i++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      b[i] = seed >>> 24;
    }
    return b;
  };
  const out: string[] = [];
  while (out.length < n) {
    const c = codeFromBytes(kind, bytes());
    if (c) out.push(c);
  }
  return out;
}

describe('alphabet', () => {
  it('has 31 distinct characters and none of 0 O 1 I L', () => {
    expect(CODE_ALPHABET).toHaveLength(31);
    expect(new Set(CODE_ALPHABET).size).toBe(31);
    for (const c of '01OIL') expect(CODE_ALPHABET).not.toContain(c);
  });

  it('gives receipts at least 80 bits', () => {
    expect(codeEntropyBits('receipt')).toBeGreaterThanOrEqual(80);
    expect(codeLength('receipt')).toBe(20);
    expect(codeLength('short')).toBe(8);
  });
});

describe('check character', () => {
  it.each(KINDS)('catches every single-character error and every adjacent transposition (%s)', (kind) => {
    let tried = 0;
    for (const code of sample(kind, 60)) {
      expect(isCheckValid(code)).toBe(true);
      for (let i = 0; i < code.length; i++) {
        for (const c of CODE_ALPHABET) {
          if (c === code[i]) continue;
          const wrong = code.slice(0, i) + c + code.slice(i + 1);
          expect(isCheckValid(wrong), `${code} → ${wrong}`).toBe(false);
          tried++;
        }
        if (i + 1 < code.length && code[i] !== code[i + 1]) {
          const swapped = code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2);
          expect(isCheckValid(swapped), `${code} → ${swapped}`).toBe(false);
          tried++;
        }
      }
    }
    expect(tried).toBeGreaterThan(60 * 7 * 30);
  });

  it('holds for arbitrary bodies of every length up to 29 (property)', () => {
    const body = fc.array(fc.constantFrom(...CODE_ALPHABET), { minLength: 1, maxLength: 29 }).map((a) => a.join(''));
    fc.assert(
      fc.property(body, fc.nat(), fc.constantFrom(...CODE_ALPHABET), (b, at, c) => {
        const code = b + checkCharacter(b);
        expect(isCheckValid(code)).toBe(true);
        const i = at % code.length;
        if (code[i] !== c) expect(isCheckValid(code.slice(0, i) + c + code.slice(i + 1))).toBe(false);
        if (i + 1 < code.length && code[i] !== code[i + 1]) expect(isCheckValid(code.slice(0, i) + code[i + 1] + code[i] + code.slice(i + 2))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('is exact over every two-character body', () => {
    for (const a of CODE_ALPHABET) for (const b of CODE_ALPHABET) expect(isCheckValid(a + b + checkCharacter(a + b))).toBe(true);
  });

  it('refuses bodies outside the alphabet or too long', () => {
    expect(() => checkCharacter('AB0')).toThrow(RangeError);
    expect(() => checkCharacter('A'.repeat(30))).toThrow(RangeError);
  });
});

describe('random characters', () => {
  it('skips the biased top bytes and reports running out', () => {
    expect(charsFromBytes(new Uint8Array([248, 255, 0, 30, 31]), 3)).toBe('2Z2');
    expect(charsFromBytes(new Uint8Array([250, 251]), 1)).toBeNull();
  });

  it('draws fresh receipts of 20 characters that differ', () => {
    const codes = newCodes('receipt', 200);
    expect(new Set(codes).size).toBe(200);
    for (const c of codes) {
      expect(c).toHaveLength(20);
      expect(isCheckValid(c)).toBe(true);
    }
    // every character shows up: no character of the alphabet is unreachable
    expect(new Set(codes.join('')).size).toBe(31);
  });

  it('refuses silly counts', () => {
    expect(() => newCodes('access', 0)).toThrow(RangeError);
  });
});

describe('format and parse', () => {
  const receipt = sample('receipt', 1)[0]!;
  const shown = formatCode('receipt', receipt);

  it('shows receipts in five groups of four', () => {
    expect(shown).toMatch(/^[2-9A-Z]{4}(-[2-9A-Z]{4}){4}$/);
    expect(formatCode('short', 'ABCDEFGH')).toBe('ABCD-EFGH');
  });

  it.each([
    ['as shown', (s: string) => s],
    ['lower case', (s: string) => s.toLowerCase()],
    ['spaces instead of dashes', (s: string) => s.replaceAll('-', ' ')],
    ['no separators', (s: string) => s.replaceAll('-', '')],
    ['full-width characters and dashes', (s: string) => [...s].map((c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)).join('')],
    ['em dashes and surrounding space', (s: string) => `  ${s.replaceAll('-', '—')}\n`],
    ['ideographic spaces', (s: string) => s.replaceAll('-', '\u3000')],
  ])('reads a receipt typed %s', (_name, typed) => {
    expect(parseCode('receipt', typed(shown))).toEqual({ ok: true, value: receipt });
  });

  it('puts the short code in the poster link, where the page parses it back', () => {
    const code = sample('short', 1)[0]!;
    const path = posterPath(code);
    expect(path).toBe(`/p/${code}`);
    expect(parseCode('short', path.slice(3))).toEqual({ ok: true, value: code });
  });

  it('normalises the same way whatever the width', () => {
    expect(normalizeCodeInput('ａｂ－ｃ ｄ')).toBe('ABCD');
  });

  it('names the confusable characters', () => {
    const r = parseCode('short', 'AB0D-EFG1');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.reason).toContain('没有数字 0、1 和字母 O、I、L');
  });

  it('refuses other characters, wrong lengths, empty input and check failures in Chinese', () => {
    const cases: [string, string][] = [
      ['', '请输入扫码编号'],
      ['ABCD-EF#G', '无法识别的字符'],
      ['ABCD-EFG', '应为 8 位'],
      ['巡察ABCDEF', '无法识别的字符'],
    ];
    for (const [input, reason] of cases) {
      const r = parseCode('short', input);
      expect(r.ok).toBe(false);
      if (!r.ok) expect(r.reason).toContain(reason);
    }
    const good = sample('short', 1)[0]!;
    const typo = good.slice(0, 3) + (good[3] === 'A' ? 'B' : 'A') + good.slice(4);
    const r = parseCode('short', typo);
    expect(r).toEqual({ ok: false, reason: '扫码编号有误，请逐位核对后重新输入' });
  });
});

describe('hashes', () => {
  it('are stable across spellings and differ by purpose and pepper', () => {
    const code = newCode('receipt');
    const h = hashCode(PEPPER, 'receipt', code);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(hashCode(PEPPER, 'receipt', formatCode('receipt', code).toLowerCase())).toBe(h);
    expect(hashCode(PEPPER, 'access', code)).not.toBe(h);
    expect(hashCode('q'.repeat(32), 'receipt', code)).not.toBe(h);
    expect(h).not.toContain(code.toLowerCase());
  });

  it('submission ids are per target and case-blind', () => {
    const id = '1B4E28BA-2FA1-4D3B-A3F5-EF19B5A7633B';
    expect(hashSubmissionId(PEPPER, 't1', id)).toBe(hashSubmissionId(PEPPER, 't1', id.toLowerCase()));
    expect(hashSubmissionId(PEPPER, 't2', id)).not.toBe(hashSubmissionId(PEPPER, 't1', id));
  });

  it('refuse a short pepper', () => {
    expect(() => hashCode('short', 'receipt', 'X')).toThrow(RangeError);
  });

  it('device tokens are per questionnaire; client keys per day', () => {
    expect(hashDeviceToken(PEPPER, 'q1', 't')).not.toBe(hashDeviceToken(PEPPER, 'q2', 't'));
    const k = rateLimitClientKey(PEPPER, '203.0.113.9', '2026-12-03');
    expect(k).toHaveLength(22);
    expect(k).not.toContain('203');
    expect(rateLimitClientKey(PEPPER, '203.0.113.9', '2026-12-04')).not.toBe(k);
    expect(rateLimitClientKey(PEPPER, '203.0.113.9', '2026-12-03')).toBe(k);
  });
});
