import { z } from 'zod';
import { parseCreditCode } from './credit-code';
import { parseIdNumber } from './id-number';

type Parser = (input: string) => { ok: true; value: string } | { ok: false; reason: string };

/** A string field checked and normalised by an identifier parser; its Chinese reason becomes the message. */
const checked = (parse: Parser) =>
  z.string().transform((v, ctx) => {
    const r = parse(v);
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: r.reason });
      return z.NEVER;
    }
    return r.value;
  });

/** The same, optional: blank, null or absent becomes null (one custom issue, so its Chinese reason shows). */
const optionalChecked = (parse: Parser) =>
  z
    .string()
    .nullable()
    .optional()
    .transform((v, ctx): string | null => {
      if (!v?.trim()) return null;
      const r = parse(v);
      if (!r.ok) {
        ctx.addIssue({ code: 'custom', message: r.reason });
        return z.NEVER;
      }
      return r.value;
    });

export const idNumberField = checked(parseIdNumber);
export const optionalIdNumberField = optionalChecked(parseIdNumber);
export const optionalCreditCodeField = optionalChecked(parseCreditCode);
