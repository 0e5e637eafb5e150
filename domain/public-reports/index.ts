/**
 * 码上巡 — the public's reports by QR code, their receipts, reporter privacy and questionnaires: the
 * pure domain (DOMAIN.md "The public — 群众参与 / 码上巡"; issue 6; decision 0009).
 *
 * - codes.ts         the typed codes: 31-character alphabet without 0/O/1/I/L, mod-31 check character,
 *                    short poster codes, receipts (≈ 94 bits), questionnaire access codes; parsing.
 * - secrets.ts       fresh codes from crypto.randomBytes, peppered HMAC hashes for storage, device-token
 *                    and rate-limit client-key hashes.                                   [node:crypto]
 * - identity.ts      a named reporter's name, phone and ID number (GB 11643), validated.
 * - sealing.ts       identities sealed to the office key (X25519 + HKDF + AES-256-GCM); the office
 *                    private key under a scrypt passphrase; change of passphrase; rotation. [node:crypto]
 * - attachments.ts   kinds, MIME types and sizes shown before upload; content sniffing; photo metadata removal.
 * - report.ts        the report input and the stored-fields rule (date only, no request facts).
 * - triage.ts        inbox rule, status table, who may act when, guards, public statuses, counts.
 * - messages.ts      two-way messages by receipt: who may post when, ordering, the reporter's view.
 * - reveal.ts        who may reveal a named reporter (office staff only, not admin), reason, audit fields.
 * - questionnaires.ts, questionnaire-defaults.ts
 *                    definitions, answer checks, replay gate, results; built-in questionnaires.
 * - rate-limit.ts    limits as data; sliding window and token bucket over timestamps.
 * - report-types.ts, link-types.ts
 *                    the inbox's reports and their links to findings / leads as the API sends them
 *                    (types only: the server's services return them, the web imports them).
 *
 * The web must import the files it needs directly, never this index: secrets.ts and sealing.ts use
 * node:crypto and are server only. Nothing here reads a clock; instants and China dates are passed in.
 */
export * from './attachments';
export * from './codes';
export * from './identity';
export * from './messages';
export * from './questionnaire-defaults';
export * from './questionnaires';
export * from './rate-limit';
export * from './report';
export * from './reveal';
export * from './sealing';
export * from './secrets';
export * from './triage';
