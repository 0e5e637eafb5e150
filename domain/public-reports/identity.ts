/**
 * What a reporter who gives their name tells about themselves. All three fields are optional; a named
 * report needs a name or a phone (otherwise nobody could be contacted, and it is anonymous in effect).
 * These values are never stored as they are: sealing.ts encrypts them to the office key.
 */
import { z } from 'zod';
import { optionalIdNumberField } from '../shared/zod-identifiers';

/** Fold full-width digits and drop what people put inside phone numbers. */
export function normalizePhone(input: string): string {
  const ascii = input.normalize('NFKC').replace(/[\s\-()（）.·]/g, '');
  // +86 / 0086 prefixes of mainland numbers
  return ascii.replace(/^(\+86|0086)(?=1\d{10}$)/, '');
}

const MOBILE = /^1[3-9]\d{9}$/;
/** Area code (3–4 digits starting with 0) and 7–8 digits, with or without an extension-free dash. */
const LANDLINE = /^0\d{2,3}\d{7,8}$/;

export const isPhoneNumber = (s: string): boolean => MOBILE.test(s) || LANDLINE.test(s);

const optionalText = (max: number, tooLong: string) =>
  z
    .string()
    .nullable()
    .optional()
    .transform((v, ctx): string | null => {
      const t = v?.normalize('NFKC').replace(/\s+/g, ' ').trim() ?? '';
      if (t === '') return null;
      if ([...t].length > max) {
        ctx.addIssue({ code: 'custom', message: tooLong });
        return z.NEVER;
      }
      return t;
    });

export const identityInput = z.object({
  name: optionalText(30, '姓名不超过 30 个字'),
  phone: z
    .string()
    .nullable()
    .optional()
    .transform((v, ctx): string | null => {
      if (!v?.trim()) return null;
      const p = normalizePhone(v);
      if (!isPhoneNumber(p)) {
        ctx.addIssue({ code: 'custom', message: '联系电话格式不正确：请填写 11 位手机号码或带区号的固定电话' });
        return z.NEVER;
      }
      return p;
    }),
  idNumber: optionalIdNumberField,
});
export type IdentityInput = z.input<typeof identityInput>;
export type Identity = z.output<typeof identityInput>;

export const isEmptyIdentity = (i: Identity): boolean => i.name === null && i.phone === null && i.idNumber === null;

/** How staff see an identity that has not been revealed (never the values). */
export const SEALED_IDENTITY_LABEL = '实名（身份信息已加密，查看须说明理由并留痕）';
export const ANONYMOUS_LABEL = '匿名';
