import { createPrivateKey } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { isDomainError } from '../shared/errors';
import { identityInput, normalizePhone } from './identity';
import {
  DEFAULT_SCRYPT,
  changePassphrase,
  createOfficeKeyPair,
  keyIdOf,
  openIdentity,
  readEncryptedPrivateKey,
  reseal,
  sealIdentity,
  sealedKeyId,
  unlockPrivateKey,
  type ScryptParams,
} from './sealing';

const FAST: ScryptParams = { N: 2 ** 14, r: 8, p: 1 };
const PASS = '村里的事要公开 2026';
const WHO = { name: '王秀英', phone: '138 1234 5678', idNumber: '11010519491231002x' };

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<{ code: string; message: string }> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (isDomainError(e)) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('identity input', () => {
  it('normalises and checks each field', () => {
    expect(identityInput.parse(WHO)).toEqual({ name: '王秀英', phone: '13812345678', idNumber: '11010519491231002X' });
    expect(identityInput.parse({})).toEqual({ name: null, phone: null, idNumber: null });
    expect(identityInput.parse({ name: '  ', phone: '', idNumber: null })).toEqual({ name: null, phone: null, idNumber: null });
    expect(normalizePhone('+86 139-0000-1111')).toBe('13900001111');
    expect(normalizePhone('０２８－８６６１２３４５')).toBe('02886612345');
  });

  it('refuses a bad phone, a bad ID number and a long name in Chinese', () => {
    const r = identityInput.safeParse({ name: '张'.repeat(31), phone: '12345', idNumber: '110105194912310021' });
    expect(r.success).toBe(false);
    const messages = r.error!.issues.map((i) => `${i.path.join('.')}:${i.message}`);
    expect(messages).toContain('name:姓名不超过 30 个字');
    expect(messages.some((m) => m.startsWith('phone:联系电话格式不正确'))).toBe(true);
    expect(messages.some((m) => m.startsWith('idNumber:') && /[\u4e00-\u9fa5]/.test(m))).toBe(true);
  });
});

describe('office key', () => {
  it('is created with the stated scrypt parameters and unlocks with the passphrase', async () => {
    const pair = await createOfficeKeyPair(PASS);
    expect(pair.encryptedPrivateKey.kdf).toMatchObject({ name: 'scrypt', N: DEFAULT_SCRYPT.N, r: 8, p: 1 });
    expect(pair.keyId).toBe(keyIdOf(pair.publicKey));
    // the stored form is plain JSON and carries no private key material in the clear
    const json = JSON.stringify(pair.encryptedPrivateKey);
    const key = await unlockPrivateKey(json, PASS);
    expect(json).not.toContain(key.export({ format: 'jwk' }).d!);
    const sealed = sealIdentity(WHO, pair.publicKey)!;
    expect(openIdentity(sealed, key).name).toBe('王秀英');
  });

  it('refuses a wrong passphrase in Chinese', async () => {
    const pair = await createOfficeKeyPair(PASS, FAST);
    const r = await refusal(unlockPrivateKey(pair.encryptedPrivateKey, PASS + '!'));
    expect(r).toEqual({ code: 'INVALID_CREDENTIALS', message: '密钥口令不正确，无法解锁身份信息密钥' });
  });

  it('refuses a weak new passphrase before doing anything', async () => {
    expect((await refusal(createOfficeKeyPair('short', FAST))).message).toBe('密钥口令至少 12 个字符');
    expect((await refusal(createOfficeKeyPair('aaaaaaaaaaaaaaaa', FAST))).message).toContain('过于简单');
  });

  it('changes the passphrase without touching sealed identities', async () => {
    const pair = await createOfficeKeyPair(PASS, FAST);
    const sealed = sealIdentity(WHO, pair.publicKey)!;
    const changed = await changePassphrase(pair.encryptedPrivateKey, PASS, '新的口令：巡察办 2027 年', FAST);
    expect(changed.publicKey).toBe(pair.publicKey);
    expect((await refusal(unlockPrivateKey(changed, PASS))).code).toBe('INVALID_CREDENTIALS');
    const key = await unlockPrivateKey(changed, '新的口令：巡察办 2027 年');
    expect(openIdentity(sealed, key)).toEqual({ name: '王秀英', phone: '13812345678', idNumber: '11010519491231002X' });
    expect((await refusal(changePassphrase(pair.encryptedPrivateKey, 'wrong passphrase!!', '另一个足够长的新口令 2028', FAST))).code).toBe('INVALID_CREDENTIALS');
  });

  it('detects a modified key file: swapped public key, raised parameters, broken JSON', async () => {
    const pair = await createOfficeKeyPair(PASS, FAST);
    const other = await createOfficeKeyPair(PASS, FAST);
    const swapped = { ...pair.encryptedPrivateKey, publicKey: other.publicKey };
    expect((await refusal(unlockPrivateKey(swapped, PASS))).code).toBe('INVALID_CREDENTIALS');
    const huge = { ...pair.encryptedPrivateKey, kdf: { ...pair.encryptedPrivateKey.kdf, N: 2 ** 30 } };
    expect((await refusal(unlockPrivateKey(huge, PASS))).message).toContain('已损坏或被篡改');
    expect((await refusal(() => readEncryptedPrivateKey('{not json'))).code).toBe('INTERNAL');
    expect((await refusal(() => readEncryptedPrivateKey({ v: 2 }))).code).toBe('INTERNAL');
  });
});

describe('sealed identity', async () => {
  const pair = await createOfficeKeyPair(PASS, FAST);
  const key = await unlockPrivateKey(pair.encryptedPrivateKey, PASS);

  it('round-trips, normalised', () => {
    const sealed = sealIdentity(WHO, pair.publicKey)!;
    expect(sealed.startsWith(`xs1.${pair.keyId}.`)).toBe(true);
    expect(sealedKeyId(sealed)).toBe(pair.keyId);
    expect(openIdentity(sealed, key)).toEqual({ name: '王秀英', phone: '13812345678', idNumber: '11010519491231002X' });
    expect(openIdentity(sealIdentity({ phone: '13900001111' }, pair.publicKey)!, key)).toEqual({ name: null, phone: '13900001111', idNumber: null });
  });

  it('seals nothing for an anonymous reporter and refuses invalid identities', async () => {
    expect(sealIdentity({}, pair.publicKey)).toBeNull();
    expect((await refusal(() => sealIdentity({ phone: '123' }, pair.publicKey))).code).toBe('VALIDATION_FAILED');
  });

  it('differs every time for the same identity', () => {
    const boxes = new Set(Array.from({ length: 20 }, () => sealIdentity(WHO, pair.publicKey)));
    expect(boxes.size).toBe(20);
  });

  it('contains no plaintext, in any encoding, and hides the length of what was given', () => {
    const sealed = sealIdentity(WHO, pair.publicKey)!;
    const raw = Buffer.from(sealed.split('.')[2]!, 'base64url');
    for (const secret of ['王秀英', '13812345678', '11010519491231002X', '1949']) {
      expect(sealed).not.toContain(secret);
      expect(raw.includes(Buffer.from(secret, 'utf8'))).toBe(false);
      expect(sealed).not.toContain(Buffer.from(secret, 'utf8').toString('base64').slice(0, 8));
    }
    const short = sealIdentity({ name: '王' }, pair.publicKey)!;
    expect(short.length).toBe(sealed.length);
  });

  it('detects tampering anywhere in the box', async () => {
    const sealed = sealIdentity(WHO, pair.publicKey)!;
    const [v, kid, body] = sealed.split('.') as [string, string, string];
    const raw = Buffer.from(body, 'base64url');
    // flip one bit in the ephemeral key, the iv, the ciphertext and the tag
    for (const at of [0, 40, 60, raw.length - 1]) {
      const bad = Buffer.from(raw);
      bad[at] = bad[at]! ^ 1;
      const r = await refusal(() => openIdentity(`${v}.${kid}.${bad.toString('base64url')}`, key));
      expect(r).toEqual({ code: 'INTERNAL', message: '身份信息密文已损坏或被篡改，无法解密' });
    }
    expect((await refusal(() => openIdentity(`${v}.${kid}.${raw.subarray(0, 50).toString('base64url')}`, key))).code).toBe('INTERNAL');
    expect((await refusal(() => openIdentity(`xs9.${kid}.${body}`, key))).code).toBe('INTERNAL');
    expect((await refusal(() => openIdentity('nonsense', key))).code).toBe('INTERNAL');
  });

  it('cannot be opened with another key, and says why', async () => {
    const other = await createOfficeKeyPair(PASS, FAST);
    const otherKey = await unlockPrivateKey(other.encryptedPrivateKey, PASS);
    const sealed = sealIdentity(WHO, pair.publicKey)!;
    expect((await refusal(() => openIdentity(sealed, otherKey))).message).toContain('另一把密钥');
    // the key id is bound as associated data: relabelling the box for the other key does not help
    const relabelled = sealed.replace(pair.keyId, other.keyId);
    expect((await refusal(() => openIdentity(relabelled, otherKey))).message).toContain('已损坏或被篡改');
  });

  it('moves to a new key by resealing', async () => {
    const next = await createOfficeKeyPair('轮换后的新口令 2027', FAST);
    const nextKey = await unlockPrivateKey(next.encryptedPrivateKey, '轮换后的新口令 2027');
    const moved = reseal(sealIdentity(WHO, pair.publicKey)!, key, next.publicKey);
    expect(sealedKeyId(moved)).toBe(next.keyId);
    expect(openIdentity(moved, nextKey).idNumber).toBe('11010519491231002X');
  });

  it('keeps the private key out of the public one', () => {
    expect(() => createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', x: pair.publicKey }, format: 'jwk' })).toThrow();
  });
});
