/**
 * The random and hashed side of the public's codes (server only: this file and sealing.ts are the only
 * ones in the area that need node:crypto; the web imports the pure files directly, never index.ts).
 *
 * Storage hash: HMAC-SHA-256 keyed with a server pepper over "<purpose>:<normalised code>".
 * - A receipt carries ≈ 94 random bits. Against that, one fast SHA-256 is already enough: nobody
 *   enumerates 2⁹⁴ inputs, so a slow password hash (scrypt/argon2) would buy nothing but cost every
 *   lookup, and the lookup must be an exact, indexed match (no per-row salt).
 * - Short codes and questionnaire access codes carry only ≈ 35 bits: a plain SHA-256 of those falls to
 *   an offline search in seconds. The pepper (kept in the server's configuration, never in the database
 *   or its backups) is what makes a stolen dump useless for them, so it is used for every code alike.
 * - The purpose label keeps a receipt's hash from ever matching an access code's.
 * Decision 0009 has the threat model.
 */
// eslint-disable-next-line no-restricted-imports -- randomness and hashing, no I/O
import { createHmac, randomBytes } from 'node:crypto';
import { codeFromBytes, normalizeCodeInput, type CodeKind } from './codes';

/** Bytes a pepper must have at least (the server's configuration refuses shorter ones). */
export const MIN_PEPPER_BYTES = 32;

function checkPepper(pepper: Uint8Array | string): void {
  const size = typeof pepper === 'string' ? Buffer.byteLength(pepper, 'utf8') : pepper.length;
  if (size < MIN_PEPPER_BYTES) throw new RangeError(`pepper must have at least ${MIN_PEPPER_BYTES} bytes`);
}

/** A fresh code of `kind` (normalised, check character included), from crypto.randomBytes. */
export function newCode(kind: CodeKind): string {
  for (;;) {
    // 2× the characters needed: one byte in 32 is skipped, so a retry is practically never needed
    const code = codeFromBytes(kind, randomBytes(64));
    if (code !== null) return code;
  }
}

/** `count` distinct fresh codes of `kind` (e.g. one-time questionnaire codes to print). */
export function newCodes(kind: CodeKind, count: number): string[] {
  if (!Number.isInteger(count) || count < 1 || count > 10_000) throw new RangeError('count must be 1..10000');
  const out = new Set<string>();
  while (out.size < count) out.add(newCode(kind));
  return [...out];
}

/** The hex digest to store for a code (whatever spacing or width it was typed in). */
export function hashCode(pepper: Uint8Array | string, kind: CodeKind, code: string): string {
  checkPepper(pepper);
  return createHmac('sha256', pepper).update(`${kind}:${normalizeCodeInput(code)}`, 'utf8').digest('hex');
}

/**
 * A device token hash for questionnaire replay protection: the page keeps a random token in local
 * storage; the server stores only this, per questionnaire, so tokens are not linkable across them.
 */
export function hashDeviceToken(pepper: Uint8Array | string, questionnaireId: string, token: string): string {
  checkPepper(pepper);
  return createHmac('sha256', pepper).update(`device:${questionnaireId}:${token}`, 'utf8').digest('hex');
}

/**
 * The page's submission id as kept for the resend window (a resend after a dropped connection is the
 * same report): hashed per target, never stored in the report row itself.
 */
export function hashSubmissionId(pepper: Uint8Array | string, targetId: string, submissionId: string): string {
  checkPepper(pepper);
  return createHmac('sha256', pepper).update(`submission:${targetId}:${submissionId.toLowerCase()}`, 'utf8').digest('hex');
}

/**
 * The key the rate limit counts a client under: the network address hashed with the pepper and the
 * China date, so the limiter's table never holds an address and a day's keys cannot be joined to the
 * next day's. Nothing else (no report, no receipt) is ever stored with it.
 */
export function rateLimitClientKey(pepper: Uint8Array | string, address: string, day: string): string {
  checkPepper(pepper);
  return createHmac('sha256', pepper).update(`client:${day}:${address}`, 'utf8').digest('base64url').slice(0, 22);
}
