/**
 * Reporter identity sealed to the office's key (decision 0009): the database holds only sealed boxes,
 * so a dump, a backup or a curious administrator with SQL access learns nothing about who reported.
 *
 * Sealed box: a fresh X25519 key pair per report; the shared secret with the office's public key goes
 * through HKDF-SHA-256 (salt = ephemeral ‖ office public key) into an AES-256-GCM key; the box is
 *   xs1.<key id>.<base64url(ephemeral public key 32 ‖ iv 12 ‖ ciphertext ‖ tag 16)>
 * with "xs1.<key id>" as associated data. The plaintext is the identity's JSON padded with spaces to a
 * multiple of 256 bytes, so the length does not tell a name-only box from one with an ID number.
 *
 * The office private key is kept encrypted under the office passphrase: scrypt (N = 2¹⁷, r = 8, p = 1,
 * 16-byte salt → 32-byte key; ≈ 128 MiB and up to a second or two per try) and AES-256-GCM, whose
 * associated data binds the version, the public key and the scrypt parameters. Lose the passphrase and
 * the identities are gone for good; the reports themselves stay readable.
 *
 * Server only (node:crypto). Nothing here logs; callers must not log identities, passphrases or keys.
 */
// eslint-disable-next-line no-restricted-imports -- key agreement and encryption, no I/O
import { createCipheriv, createDecipheriv, createHash, createPrivateKey, createPublicKey, diffieHellman, generateKeyPairSync, hkdfSync, randomBytes, scrypt, type KeyObject } from 'node:crypto';
import { z } from 'zod';
import { DomainError } from '../shared/errors';
import { identityInput, isEmptyIdentity, type Identity, type IdentityInput } from './identity';

export interface ScryptParams {
  /** CPU/memory cost, a power of two */
  N: number;
  r: number;
  p: number;
}
export const DEFAULT_SCRYPT: Readonly<ScryptParams> = { N: 2 ** 17, r: 8, p: 1 };
/** Upper bounds on parameters read back from storage: a tampered blob must not make us allocate gigabytes. */
const MAX_SCRYPT: Readonly<ScryptParams> = { N: 2 ** 20, r: 16, p: 4 };
/** The weakest parameters accepted (tests may go down to them; production uses DEFAULT_SCRYPT). */
const MIN_SCRYPT: Readonly<ScryptParams> = { N: 2 ** 14, r: 8, p: 1 };

const SEAL_VERSION = 'xs1';
const HKDF_INFO = 'xuncha/reporter-identity/v1';
const PAD_BLOCK = 256;

export const officePassphraseInput = z
  .string({ message: '请输入密钥口令' })
  .min(12, '密钥口令至少 12 个字符')
  .max(200, '密钥口令不超过 200 个字符')
  .refine((s) => new Set(s).size >= 5, '密钥口令过于简单：请混合使用不同的字、字母或数字');

/** The encrypted office private key as stored (plain JSON: every binary field base64url). */
export const encryptedPrivateKeySchema = z.object({
  v: z.literal(1),
  alg: z.literal('X25519'),
  publicKey: z.string().regex(/^[A-Za-z0-9_-]{43}$/),
  kdf: z.object({
    name: z.literal('scrypt'),
    N: z.number().int(),
    r: z.number().int(),
    p: z.number().int(),
    salt: z.string().min(16),
  }),
  iv: z.string().min(16),
  ciphertext: z.string().min(16),
});
export type EncryptedPrivateKey = z.infer<typeof encryptedPrivateKeySchema>;

export interface OfficeKeyPair {
  /** raw X25519 public key, base64url (43 characters); safe to store and show */
  publicKey: string;
  /** short id of the public key, carried in every sealed box */
  keyId: string;
  encryptedPrivateKey: EncryptedPrivateKey;
}

const b64 = (b: Uint8Array) => Buffer.from(b).toString('base64url');
const unb64 = (s: string) => Buffer.from(s, 'base64url');

/** The id sealed boxes carry: 11 base64url characters of SHA-256 over the raw public key. */
export const keyIdOf = (publicKey: string): string => createHash('sha256').update(unb64(publicKey)).digest('base64url').slice(0, 11);

const rawPublic = (k: KeyObject): string => k.export({ format: 'jwk' }).x!;
const publicKeyObject = (raw: string): KeyObject => createPublicKey({ key: { kty: 'OKP', crv: 'X25519', x: raw }, format: 'jwk' });

const wrongPassphrase = () => new DomainError('INVALID_CREDENTIALS', '密钥口令不正确，无法解锁身份信息密钥');
const damaged = (what: string) => new DomainError('INTERNAL', `${what}已损坏或被篡改，无法解密`);

function checkParams(p: ScryptParams): void {
  const powerOfTwo = Number.isInteger(Math.log2(p.N));
  if (!powerOfTwo || p.N < MIN_SCRYPT.N || p.N > MAX_SCRYPT.N || p.r < MIN_SCRYPT.r || p.r > MAX_SCRYPT.r || p.p < MIN_SCRYPT.p || p.p > MAX_SCRYPT.p) {
    throw damaged('身份信息密钥文件（口令参数异常）');
  }
}

function deriveKey(passphrase: string, salt: Buffer, p: ScryptParams): Promise<Buffer> {
  checkParams(p);
  return new Promise((resolve, reject) => {
    // memory needed is 128·N·r bytes; allow twice that
    scrypt(passphrase.normalize('NFC'), salt, 32, { N: p.N, r: p.r, p: p.p, maxmem: 256 * p.N * p.r }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

const keyAad = (e: Pick<EncryptedPrivateKey, 'v' | 'alg' | 'publicKey' | 'kdf'>) =>
  Buffer.from(`xuncha-office-key|${e.v}|${e.alg}|${e.publicKey}|${e.kdf.name}|${e.kdf.N}|${e.kdf.r}|${e.kdf.p}|${e.kdf.salt}`, 'utf8');

async function encryptPrivate(privateKey: KeyObject, passphrase: string, params: ScryptParams): Promise<EncryptedPrivateKey> {
  const jwk = privateKey.export({ format: 'jwk' });
  const salt = randomBytes(16);
  const head = { v: 1 as const, alg: 'X25519' as const, publicKey: jwk.x!, kdf: { name: 'scrypt' as const, ...params, salt: b64(salt) } };
  const key = await deriveKey(passphrase, salt, params);
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(keyAad(head));
  const ct = Buffer.concat([cipher.update(unb64(jwk.d!)), cipher.final(), cipher.getAuthTag()]);
  return { ...head, iv: b64(iv), ciphertext: b64(ct) };
}

function parsePassphrase(passphrase: string): string {
  const r = officePassphraseInput.safeParse(passphrase);
  if (!r.success) throw new DomainError('VALIDATION_FAILED', r.error.issues[0]!.message, [{ path: 'passphrase', message: r.error.issues[0]!.message }]);
  return r.data;
}

/** A new office key pair; the private half only ever leaves this function encrypted under `passphrase`. */
export async function createOfficeKeyPair(passphrase: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<OfficeKeyPair> {
  const pass = parsePassphrase(passphrase);
  const { privateKey, publicKey } = generateKeyPairSync('x25519');
  const encryptedPrivateKey = await encryptPrivate(privateKey, pass, params);
  const raw = rawPublic(publicKey);
  return { publicKey: raw, keyId: keyIdOf(raw), encryptedPrivateKey };
}

/** The stored blob, checked; accepts the JSON text or the parsed object. */
export function readEncryptedPrivateKey(stored: string | unknown): EncryptedPrivateKey {
  let value: unknown = stored;
  if (typeof stored === 'string') {
    try {
      value = JSON.parse(stored);
    } catch {
      throw damaged('身份信息密钥文件');
    }
  }
  const r = encryptedPrivateKeySchema.safeParse(value);
  if (!r.success) throw damaged('身份信息密钥文件');
  return r.data;
}

/** The office private key, for opening sealed identities. A wrong passphrase is refused in Chinese. */
export async function unlockPrivateKey(stored: string | EncryptedPrivateKey, passphrase: string): Promise<KeyObject> {
  const e = readEncryptedPrivateKey(stored);
  const key = await deriveKey(passphrase, unb64(e.kdf.salt), e.kdf);
  const data = unb64(e.ciphertext);
  if (data.length < 17) throw damaged('身份信息密钥文件');
  let d: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, unb64(e.iv));
    decipher.setAAD(keyAad(e));
    decipher.setAuthTag(data.subarray(data.length - 16));
    d = Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]);
  } catch {
    // GCM cannot tell a wrong passphrase from a modified blob; the passphrase is by far the likelier
    throw wrongPassphrase();
  }
  const privateKey = createPrivateKey({ key: { kty: 'OKP', crv: 'X25519', x: e.publicKey, d: b64(d) }, format: 'jwk' });
  if (rawPublic(createPublicKey(privateKey)) !== e.publicKey) throw damaged('身份信息密钥文件');
  return privateKey;
}

/** The same private key under a new passphrase (the old one must be right). Sealed boxes stay valid. */
export async function changePassphrase(stored: string | EncryptedPrivateKey, oldPassphrase: string, newPassphrase: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<EncryptedPrivateKey> {
  const pass = parsePassphrase(newPassphrase);
  const privateKey = await unlockPrivateKey(stored, oldPassphrase);
  return encryptPrivate(privateKey, pass, params);
}

function boxKey(shared: Buffer, ephemeral: Buffer, recipient: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', shared, Buffer.concat([ephemeral, recipient]), HKDF_INFO, 32));
}

/**
 * Seal an identity (validated and normalised first) to the office public key. Returns null for an
 * empty identity: an anonymous report has nothing to seal.
 */
export function sealIdentity(identity: IdentityInput | Identity, publicKey: string): string | null {
  const parsed = identityInput.safeParse(identity);
  if (!parsed.success) throw new DomainError('VALIDATION_FAILED', parsed.error.issues[0]!.message);
  if (isEmptyIdentity(parsed.data)) return null;
  const recipient = unb64(publicKey);
  const { privateKey: ephPriv, publicKey: ephPub } = generateKeyPairSync('x25519');
  const ephemeral = unb64(rawPublic(ephPub));
  const shared = diffieHellman({ privateKey: ephPriv, publicKey: publicKeyObject(publicKey) });
  const key = boxKey(shared, ephemeral, recipient);
  const json = JSON.stringify({ n: parsed.data.name, p: parsed.data.phone, i: parsed.data.idNumber });
  const size = Buffer.byteLength(json, 'utf8');
  const padded = json + ' '.repeat(Math.ceil(size / PAD_BLOCK) * PAD_BLOCK - size);
  const iv = randomBytes(12);
  const prefix = `${SEAL_VERSION}.${keyIdOf(publicKey)}`;
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(prefix, 'utf8'));
  const ct = Buffer.concat([cipher.update(padded, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return `${prefix}.${b64(Buffer.concat([ephemeral, iv, ct]))}`;
}

/** The key id a sealed box was made for (to pick the right key after a rotation). */
export function sealedKeyId(sealed: string): string | null {
  const m = /^xs1\.([A-Za-z0-9_-]{11})\./.exec(sealed);
  return m ? m[1]! : null;
}

/** Open a sealed box with the unlocked office private key. Tampering or a wrong key is refused. */
export function openIdentity(sealed: string, privateKey: KeyObject): Identity {
  const parts = sealed.split('.');
  if (parts.length !== 3 || parts[0] !== SEAL_VERSION) throw damaged('身份信息密文');
  const publicKey = rawPublic(createPublicKey(privateKey));
  if (parts[1] !== keyIdOf(publicKey)) throw new DomainError('INTERNAL', '该身份信息由另一把密钥加密（密钥已轮换？），当前密钥无法解密');
  const data = unb64(parts[2]!);
  if (data.length < 32 + 12 + 16 + 1) throw damaged('身份信息密文');
  const ephemeral = data.subarray(0, 32);
  const iv = data.subarray(32, 44);
  const body = data.subarray(44, data.length - 16);
  const tag = data.subarray(data.length - 16);
  try {
    const shared = diffieHellman({ privateKey, publicKey: publicKeyObject(b64(ephemeral)) });
    const decipher = createDecipheriv('aes-256-gcm', boxKey(shared, ephemeral, unb64(publicKey)), iv);
    decipher.setAAD(Buffer.from(`${parts[0]}.${parts[1]}`, 'utf8'));
    decipher.setAuthTag(tag);
    const text = Buffer.concat([decipher.update(body), decipher.final()]).toString('utf8');
    const o = JSON.parse(text) as { n: string | null; p: string | null; i: string | null };
    return { name: o.n, phone: o.p, idNumber: o.i };
  } catch {
    throw damaged('身份信息密文');
  }
}

/** Key rotation: open with the old key, seal to the new public key (run over every box, then retire the old key). */
export function reseal(sealed: string, oldPrivateKey: KeyObject, newPublicKey: string): string {
  return sealIdentity(openIdentity(sealed, oldPrivateKey), newPublicKey)!;
}
