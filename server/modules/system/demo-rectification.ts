/**
 * The demo's rectification (整改) of last year's round, issue 5 point 10, built through the same
 * services the routes call: the items generated from the findings fed back, the towns' 整改方案 in
 * joint review, a 整改情况报告 and the towns' feedback to their villages; items at every status —
 * measures still being drafted, in progress with progress reports and evidence files, waiting for the
 * team's check, in 销号审核 with some of the four parties' approvals (so 巡察办, 纪委监委, 组织部 and both
 * competent departments each have items waiting), one sent back by a party with its reason, closed by
 * all four; the 三色预警 job run day by day over the last three weeks, so green, yellow and red alerts
 * and to-dos stand as they would; a 催办 and a 约谈 on overdue items; one village rated by its mass
 * representatives, with one link left unused for trying the public rating page; and the village of
 * the overdue item the office talked about put into a new 回头看 round (in 准备) from the candidates.
 *
 * Dates: the items were generated and started in August last year; the work that leads to today's
 * state happened in the last weeks. Deadlines are set relative to today (green 15–20 days ahead,
 * yellow 5–10, red overdue); where a deadline lies more than the 12 months a 限期整改 item may run
 * from its start, the office extended it (with a reason) months before, as it would in practice.
 */
import { deflateSync } from 'node:zlib';
import { addMonths } from '../../../domain/leads/deadline';
import { itemUpdateInput, type ItemKind, type SigningParty } from '../../../domain/rectification';
import { addDays } from '../../../domain/shared/calendar';
import type { Actor, AppContext } from '../../http/context';
import { interventionBody } from '../rectification-alerts/alerts.inputs';
import { createLookBack } from '../rectification-look-back/look-back.service';
import { createIntervention, runAlerts } from '../rectification-alerts/alerts.service';
import { addPlanAttachment, recordVillageFeedback, reviewPlan, savePlan, submitPlan, submitTownReport } from '../rectification-plans/plans.service';
import { createSession, RATING_LINK_PREFIX, submitRating } from '../rectification-ratings/ratings.service';
import { acceptItem, addEvidence, approveItem, extendItem, generateItems, listItems, reportProgress, returnItem, startItem, submitItem, updateItem, type ItemOut } from '../rectification/items.service';
import type { At, WrittenFinding } from './demo-cases';
import type { DemoAccounts } from './demo-work';

export interface DemoRectificationSummary {
  items: number;
  byStatus: Record<string, number>;
  /** open items by today's alert colour */
  alerts: { green: number; yellow: number; red: number };
  /** the towns' 整改方案 by status */
  plans: Record<string, number>;
  /** 催办, 约谈 */
  interventions: number;
  rating: { village: string; representatives: number; rated: number; link: string; url: string };
  /** the 回头看 round created today for one village on the list */
  lookBack: { roundLabel: string; village: string; items: number } | null;
}

interface Actors {
  office: Actor;
  discipline: Actor;
  organization: Actor;
  /** the 组长 of each team, by the team index of the findings */
  teamLeaders: Actor[];
  /** the demo town accounts, by town code */
  towns: Map<string, Actor>;
  /** 农业农村局 and 民政局 with their accounts */
  departments: { agri: { orgId: string; actor: Actor }; civil: { orgId: string; actor: Actor } };
}

/** The demo's accounts as actors: the office, 纪委监委, 组织部, the teams' 组长, the towns and both departments. */
async function actorsOf(ctx: AppContext, accounts: DemoAccounts, county: string, actorOf: (userId: string) => Promise<Actor>): Promise<Actors> {
  const userOf = async (orgId: string) => (await ctx.db.selectFrom('users').select('id').where('org_id', '=', orgId).orderBy('username').executeTakeFirstOrThrow()).id;
  const towns = new Map<string, Actor>();
  const townOrgs = await ctx.db.selectFrom('organisations').select(['id', 'scope_code']).where('kind', '=', 'town').where('scope_code', 'like', `${county}%`).execute();
  for (const o of townOrgs) towns.set(o.scope_code, await actorOf(await userOf(o.id)));
  const [agri, civil] = accounts.departmentOrgIds;
  return {
    office: await actorOf(accounts.officeUserId),
    discipline: await actorOf(accounts.disciplineUserId),
    organization: await actorOf(accounts.organizationUserId),
    teamLeaders: await Promise.all(accounts.teams.map((t) => actorOf(t.userId))),
    towns,
    departments: { agri: { orgId: agri!, actor: await actorOf(await userOf(agri!)) }, civil: { orgId: civil!, actor: await actorOf(await userOf(civil!)) } },
  };
}

// — small real files: photos before and after, a ledger scan (PNG), a report (PDF) —

/** 160×120 JPEG photos of a village road, 整改前 and 整改后 (drawn once, embedded). */
const PHOTO_BEFORE = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAB4AKADASIAAhEBAxEB/8QAGgABAQEBAQEBAAAAAAAAAAAAAAMFBAIBBv/EADUQAAEDAgIIAgkFAQEAAAAAAAABAhIDEQQFExUWITFko+Gi0QYUIkFTVHGCsiUyRFFhQoH/xAAZAQEAAwEBAAAAAAAAAAAAAAAAAQMEAgX/xAAlEQABBAICAQQDAQAAAAAAAAAAAQIDEQQhFFESMUGh0WFxkfH/2gAMAwEAAhEDEQA/AN6tUp0KTqtV0WN4ra5y61wHx/A7yPedpbKa32/kh79EsNQxGXV1q0aT3tc5t30m7kVEt7SsW+++6+7+i2ad7Ho1vR1j4sb4VkfelrX+Eda4D4/gd5DWuA+P4HeR05jl2XPymriaGBru0Lnojmt0bnqq8VRG/tT/AM4WsSwGR08dlqK7KvV3uZTVlfTq6d1S7rX3brqU8mW618mhMLG8bVV/qE9a4D4/gd5DWuA+P4HeR5zfLcu0612JiKWkxa4dKLKbETdxVu/gdOIyrANr4V78Di2wVKasZoVSq5qKqys/ctkW45UvSE8LGpFtfj6Ia1wHx/A7yOqjUp16TatJ0mO4Lax+fz2jh6WMa/DMqMbXYlZGPa1Eajt6WRqrusbOSJ+k0fu/JSyDIfI9WuKcvDjiiSRirtfc64iJSIibLPMonERKRERYonERKRERYonERKRERYonERKRERYonERKRERYo488T9Ir/b+SHDkdRtPLq7X4/B01ci6OnWRHb9173au5UT3G9Xw9PE0XUazZMdxS6p/vuOPUeXfLeN3mYpoXPf5Iepi5UccSxvv1v2PubYrCVcPVbgMbgaawg3eiKjbb2pZl0v8AUz8S/KsZ6lTbjKjcS3D06Wk/bTpWTeqrxVeKHfqPLvlvG7zGo8u+W8bvMqXHkXoubmQNTXl8fZz5tjsHjq2ArUMa1Uw1ZrHte2KvW6XqfTcdWMzigiMqNrNqKmOfFq4hHezF7ZcPZbvRffuPOo8u+W8bvMajy75bxu8yePJ+COXj0iUuv19mDn76bsVh2U6tOrosLTpudTdJskTfZTayNP0ih935KU1Hl3y3jd5nZQw9PDUW0aLYsbwS6r/vvO4IXMerlK8vLjliSNt6X3FhYpERNdnm0TsLFIiIsUTsLFIiIsUTsLFIiIsUTsLFIiIsUTsLFIiIsUUiIlLCxxZ1ROIiUsLCxROIiUsLCxROIiUsLCxROIiUsLCxROIiUsLCxROIiUsLCxROIiUsLCxROIiUsLCxROIiUsLCxRSIiYu0XKdTsNouU6nYzcmPs60bURExdouU6nYbRcp1Ow5MfY0bURExdouU6nYbRcp1Ow5MfY0bURExdouU6nYbRcp1Ow5MfY0bURExdouU6nY+L6R2/idTsTyI+yWp5LSG3ERMRPSO/wDE6nY+7Rcp1Ow5EfYcnitKbURExdouU6nYbRcp1OxHJj7I0bURExdouU6nYbRcp1Ow5MfY0bURExdouU6nYbRcp1Ow5MfY0bURExdouU6nYbRcp1Ow5MfY0YIAPMOQAAAAAAAAASq1qdJU0jkbdbIVJVKVOrbSNR1luh2w046bVSicT6eT0Q4ZCbRQADkzAAAAAAAAAAAAAAAAAAAAABeB5PrlPDajH3g9rrf0tyxqaN0CUw48f6zpGaCcbf8AP9ndSlomz/dZL/UH1A7aCZttPoAKzCAAAAAAAAAAAAAAAAAAAAvAEol6OPMp+qrHhdJfQzsFP1qnC/Hf9PebZ5axjLxa1t+NksXotJR6KNo9BOIBySqWlHoBOAKjzVStAAAgAAAAAAAAAAAAAAABeABKepZElvQ8gAsPQAAAPScAAVr6mCVKeoABBUAAAAAAf//Z',
  'base64',
);
const PHOTO_AFTER = Buffer.from(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5aYVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAARCAB4AKADASIAAhEBAxEB/8QAGgABAQEBAQEBAAAAAAAAAAAAAAMFAgQBBv/EADUQAAEDAwEFBQYGAwEAAAAAAAABAgMEERIFFjFko+ETFSGi0RRBU1SCsgYiJTJhcSMkgVH/xAAZAQEAAwEBAAAAAAAAAAAAAAAAAgMEBQH/xAAlEQABBAICAQQDAQAAAAAAAAAAAQIDEQQhFFFBEjFhoXHR8ZH/2gAMAwEAAhEDEQA/AN6aSOCJ0srsWN3ra55e9aD4/kd6HetpbSZvp+5Dv8JU0FRp06ywxPe1zm3fE3wRUS35lYt/G/hfw/8AC2ad7Ho1vRLHxY3wrI+9LWv4R71oPj+R3oO9aD4/kd6Hp1HTtOfpMtTBQzu7Fz0RzW9m56qu9URv7U/5utYlQaHHXaaiu0r2d7mRqyft1dndUu61/DwupTyZbrX2aEwsb02qr/qE+9aD4/kd6DvWg+P5HehHX6ChjSWqgSWJzqlYUhwa1v5d6pZdx7ayk0uiq5IYYtKarFt/sTyq7/qWsOVL8HvBx6RU9W/x+iHetB8fyO9D1QyRzxNlidkx25bWPzmrsalV2jZKJ2aftpL4Nt/Cp4G5oifpMP1fcpZBkPkerXFWZhRwxI9irtfP8PXiMSmIxNlnLoniMSmIxFiieIxKYjEWKJ4jEpiMRYoniMSmIxFiieIxKYjEWKPHrifpE/0/ch4dDkbHp07X19HGrkXs45kR3j4Xvdq+ConuN6enjqYXQzNyY7el1T+fcePuPTvlvO71MU0Lnv8AUh1MXKjjiWN9+9+D7q1VSS08raCtoY1wwb4oio23i1LMul/7M+pfpVZ7FG2skbUtp44u0/bHFZPFVXeq70Pf3Hp3y3nd6juPTvlvO71Klx5F6Lm5kDU16vr9kNUqaDVZ6FWagxI4JUjkSRuKuva7/wClsVqK5amlSejr6GmdJPKru3aiq5t/y72r7jruPTvlvO71HcenfLed3qOPJ8fY5kFIm9fCfsxPxLJFJqETopYZf8DEe6G2Ku9+419DT9Ig+r7lKdx6d8t53ep7IKeOmhbDC3FjdyXVf595ZBC5j1cpTlZccsKRsvS+RYWKYjE12c6idhYpiMRYonYWKYjEWKJ2FimIxFiidhYpiMRYonYWKYjEWKKYjEpYWIWSoniMSlhYWKJ4jEpYWFiieIxKWFhYoniMSlhYWKJ4jEpYWFiieIxKWFhYoniMSlhYWKJ4jEpYWFiieIxKWFhYopiMTF2i4TmdBtFwnM6Gbkx9ktG1iMTF2i4TmdBtFwnM6Dkx9jRtYjExdouE5nQbRcJzOg5MfY0bWIxMXaLhOZ0G0XCczoOTH2NG1iMTF2i4TmdDuLX+0kaz2W2Sol+06EmzsctIoTZr4jEyJdf7ORzPZb4qqX7TocbRcJzOgdOxq0qhdG1iMTF2i4TmdBtFwnM6EeTH2NG1iMTF2i4TmdBtFwnM6Dkx9jRtYjExdouE5nQbRcJzOg5MfY0bWIxMXaLhOZ0G0XCczoOTH2NGCADmEQAAAAAAAAAVhZm9jL2yVEuTKxszkay9slRLmnHTaqWRp5PkzMHvZe+KqlyRaRmEjmXviqpckMhNookTyfAAZisAAAAAAAAAAAAAAAAAAAAA6bvKRtzkay9slRLnDTuNucjWXtkqJc3QpTC9iaEjcJHMvfFVS5N28pI3CRzL3xVUucOEyWwPTRwADCUAAAAAAAAAAAAAAAAAAAA+pvPUS9Hp2m46jbnI1l7ZKiXOTqNucjWXtkqJc6KJSUaEEjcJHMvfFVS5yu46kbhI5l74qqXOQqWlAmD6u8+HOVK0ZwADw8AAAAAAAAAAAAAAAB03eAWRJb0JN9zo6jbnI1l7ZKiXAN5eJG4SOZe+KqlzkAA5dvOQDBKlPUod7gAFZEAAAAAA/9k=',
  'base64',
);

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

/** A 200×140 PNG that looks like a photographed ledger page: a red header band and ruled rows. */
function ledgerPng(): Buffer {
  const w = 200;
  const h = 140;
  const raw = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0; // filter: none
    for (let x = 0; x < w; x++) {
      let rgb: [number, number, number] = [250, 248, 240];
      if (y < 18) rgb = [192, 57, 43];
      else if (y % 14 === 4 || x === 8 || x === 60 || x === 191) rgb = [150, 150, 160];
      else if (y % 14 > 6 && y % 14 < 10 && x > 14 && x < 14 + ((y * 37) % 40) + (x > 60 ? 90 : 30) && x !== 60) rgb = [60, 60, 70];
      raw.set(rgb, y * (w * 3 + 1) + 1 + x * 3);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw)), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A one-page PDF with Chinese lines in the standard STSong-Light font (no font embedded). */
function textPdf(lines: string[]): Buffer {
  const hex = (s: string) => Buffer.from(s, 'utf16le').swap16().toString('hex').toUpperCase();
  const content = ['BT', '/F1 18 Tf', '72 760 Td', `<${hex(lines[0] ?? '')}> Tj`, '/F1 12 Tf', ...lines.slice(1).flatMap((l) => ['0 -26 Td', `<${hex(l)}> Tj`]), 'ET'].join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 7 0 R >>',
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [5 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> /FontDescriptor 6 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>',
    `<< /Length ${content.length} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (const [i, o] of objects.entries()) {
    offsets.push(out.length);
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  }
  const xref = out.length;
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

// — what each item goes through —

type Scenario =
  | { kind: 'drafting'; measures: boolean }
  | { kind: 'in_progress'; due: number }
  | { kind: 'closed'; quick: boolean }
  | { kind: 'submitted'; due: number; submit: number }
  | { kind: 'signing'; due: number; submit: number; accept: number; approvals: [SigningParty, number][] }
  | { kind: 'returned'; due: number; submit: number; accept: number; approvals: [SigningParty, number][]; back: number };

interface Spec {
  scenario: Scenario;
  department: 'agri' | 'civil' | null;
  /** the office turned a 立行立改 finding into a 限期整改 item (the fix needs months) */
  kind?: ItemKind;
}

/**
 * Last year's village papers in order (two per village, templates in turn: demo-cases.ts), then the
 * town-level paper. `due` and the other numbers are days from today (negative: in the past).
 */
const VILLAGE_SPECS: Spec[] = [
  { scenario: { kind: 'closed', quick: false }, department: 'agri' }, // 四议两公开
  { scenario: { kind: 'signing', due: 50, submit: -17, accept: -15, approvals: [['office', -12], ['discipline', -10], ['organization', -8]] }, department: 'agri' }, // 鱼塘
  { scenario: { kind: 'closed', quick: true }, department: 'civil' }, // 低保, 立行立改
  { scenario: { kind: 'in_progress', due: -12 }, department: null }, // 三会一课: red
  { scenario: { kind: 'in_progress', due: 8 }, department: 'agri' }, // 接待费: yellow
  { scenario: { kind: 'drafting', measures: true }, department: null }, // 发展党员
  { scenario: { kind: 'returned', due: 40, submit: -19, accept: -16, approvals: [['office', -14], ['discipline', -13]], back: -11 }, department: 'agri' }, // 村道工程: sent back
  { scenario: { kind: 'closed', quick: true }, department: 'civil' }, // 村务公开, 立行立改
  { scenario: { kind: 'in_progress', due: 18 }, department: null }, // 意识形态: green
  { scenario: { kind: 'submitted', due: 35, submit: -2 }, department: null }, // 坐班值班
  { scenario: { kind: 'signing', due: 32, submit: -14, accept: -11, approvals: [['office', -6]] }, department: 'agri' }, // 四议两公开
  { scenario: { kind: 'in_progress', due: -25 }, department: 'agri' }, // 鱼塘: red
  { scenario: { kind: 'signing', due: 28, submit: -16, accept: -13, approvals: [['office', -9], ['discipline', -7], ['organization', -5]] }, department: 'civil', kind: 'limited' }, // 低保
  { scenario: { kind: 'in_progress', due: 6 }, department: null }, // 三会一课: yellow
  { scenario: { kind: 'signing', due: 45, submit: -6, accept: -3, approvals: [] }, department: 'agri' }, // 接待费
  { scenario: { kind: 'drafting', measures: false }, department: null }, // 发展党员
];
const TOWN_SPEC: Spec = { scenario: { kind: 'in_progress', due: 16 }, department: 'agri' }; // 镇党委三资监管: green

const MEASURES: Record<string, string> = {
  decision: '1. 召开村民代表会议，对厂房租赁事项补办民主决策程序并公开结果；2. 制定村级重大事项“四议两公开”操作流程，经镇党委审核后上墙公布；3. 镇纪委对村党组织书记进行提醒谈话。',
  fishpond: '1. 委托第三方评估集体鱼塘租金，按评估价与承包人协商补足差价；2. 合同到期后通过农村产权交易平台公开招标发包；3. 全面清理村集体资源发包合同，建立合同台账。',
  subsistence: '1. 对违规享受低保的 2 户停发低保并追回多领资金；2. 全面复核本村低保对象家庭经济状况；3. 建立低保对象动态管理和公示制度。',
  three_meetings: '1. 村党组织书记作出书面检查，组织委员具体负责“三会一课”记录；2. 制定年度“三会一课”计划，镇党委组织员每季度检查；3. 开展组织生活会，党员逐一对照检查。',
  hospitality: '1. 清理近三年公务接待报销凭证，无清单、无审批的费用由责任人退回；2. 停止在村干部亲属经营的饭店接待；3. 执行“村账镇代管”审核，接待费用须附清单和审批单。',
  membership: '1. 对 2 名预备党员的入党材料逐项核查，程序缺失的按规定补正或作出处理；2. 组织发展党员工作人员参加业务培训；3. 建立发展党员全程纪实档案。',
  project: '1. 委托审计机构对村道硬化工程重新结算，追回多付工程款；2. 对直接指定施工方的责任人作出处理；3. 村级工程项目一律通过镇招投标平台公开发包。',
  publicity: '1. 补充公开近两个季度财务收支和惠农补贴发放情况；2. 建立村务公开按月更新台账；3. 在“码上巡”平台同步公开，接受群众监督。',
  ideology: '1. 村党组织专题研究意识形态工作，明确书记第一责任人职责；2. 规范村文化活动阵地管理；3. 每半年向镇党委报告意识形态工作情况。',
  duty: '1. 制定村干部坐班值班和请销假制度并上墙公布；2. 镇党委通过电话抽查、实地暗访检查坐班情况；3. 坐班情况纳入村干部年度考核。',
  town: '1. 镇党委专题研究村级“三资”监管问题，形成整改方案；2. 镇农经站对全镇各村财务开展全面审计；3. “村账镇代管”审核实行审核人签字负责制，对只签字不把关的审核人员问责。',
};
const PROGRESS_FIRST = '已召开专题会议研究整改工作，制定整改措施并明确责任人，整改前情况已拍照留存。';
const PROGRESS_LATER = '整改措施已大部分落实，相关制度已制定并公布，正在收集整改佐证材料。';

const HANDLERS = ['陈晓燕', '吴志刚', '朱丽娟', '徐海波'];
/** the towns' Party secretaries (第一责任人), by town in code order */
const SECRETARIES = ['沈建华', '钱国平', '蒋卫东'];
const secretaryOf = (townCodes: string[], code: string) => SECRETARIES[Math.max(0, townCodes.indexOf(code)) % SECRETARIES.length]!;

/**
 * Works last year's round (in 整改) through rectification up to today. `at(date)` is the clock of a
 * past day, `now` today's context; `actorOf` makes a user's actor (demo-work.ts).
 */
export async function buildDemoRectification(
  at: At,
  now: AppContext,
  people: { accounts: DemoAccounts; county: string; actorOf: (userId: string) => Promise<Actor> },
  round: { id: string; findings: WrittenFinding[] },
  dates: { today: string; last: number },
): Promise<DemoRectificationSummary> {
  const { today, last } = dates;
  const actors = await actorsOf(now, people.accounts, people.county, people.actorOf);
  const { office, teamLeaders, departments } = actors;
  const R = (days: number) => addDays(today, days);

  // — the items, generated once the round is in 整改 —
  const generatedOn = `${last}-08-11`;
  await generateItems(at(generatedOn), office, round.id);
  const list = (await listItems(at(generatedOn), office, { roundId: round.id, page: 1, pageSize: 100 })).items;
  const byFinding = new Map(list.map((i) => [i.findingId, i]));
  const villagePapers = round.findings.filter((f) => f.villageCode !== null);
  const townPapers = round.findings.filter((f) => f.villageCode === null);
  const planned: { item: ItemOut; finding: WrittenFinding; spec: Spec }[] = [
    ...villagePapers.map((f, i) => ({ item: byFinding.get(f.id)!, finding: f, spec: VILLAGE_SPECS[i % VILLAGE_SPECS.length]! })),
    ...townPapers.map((f) => ({ item: byFinding.get(f.id)!, finding: f, spec: TOWN_SPEC })),
  ].filter((p) => p.item !== undefined);

  // — the towns' 整改方案, report and feedback to their villages —
  const townCodes = [...new Set(planned.map((p) => p.item.townCode))].sort();
  const plans: Record<string, number> = {};
  for (const [t, code] of townCodes.entries()) {
    const town = actors.towns.get(code);
    if (!town) continue;
    const name = planned.find((p) => p.item.townCode === code)!.item.townName;
    const content = `${name}党委关于落实市委巡察反馈意见的整改方案\n一、总体要求：坚持问题导向，建立问题、任务、责任“三张清单”，逐项整改、逐项销号。\n二、整改任务：对巡察反馈的问题逐条制定整改措施，明确责任领导、责任单位和整改时限。\n三、保障措施：镇党委书记履行第一责任人职责，每月听取整改进展汇报；镇纪委加强监督检查。`;
    const mine = planned.filter((p) => p.item.townCode === code);
    // by the report (September) only the 立行立改 items had been closed
    const quickDone = mine.filter((p) => p.spec.scenario.kind === 'closed' && p.item.kind === 'immediate').length;
    if (t === 0) {
      // accepted by all three reviewers, then the report within the two months
      await savePlan(at(`${last}-08-13`), town, round.id, code, { content });
      await addPlanAttachment(at(`${last}-08-13`), town, round.id, code, { buffer: textPdf([`${name}党委整改方案`, '一、总体要求', '二、整改任务（问题清单、任务清单、责任清单）', '三、保障措施']), fileName: `${name}整改方案.pdf` });
      await submitPlan(at(`${last}-08-13`), town, round.id, code);
      await reviewPlan(at(`${last}-08-15`), office, round.id, code, { decision: 'accepted', comment: '方案问题对应、措施具体，同意。' });
      await reviewPlan(at(`${last}-08-18`), actors.discipline, round.id, code, { decision: 'accepted', comment: '' });
      await reviewPlan(at(`${last}-08-19`), actors.organization, round.id, code, { decision: 'accepted', comment: '同意。' });
      await submitTownReport(at(`${last}-09-25`), town, round.id, code, {
        submittedOn: `${last}-09-25`,
        content: `${name}党委对市委巡察反馈的 ${mine.length} 个问题逐项制定整改措施，立行立改的 ${quickDone} 项已完成整改，其余 ${mine.length - quickDone} 项正在按期推进，整改情况见问题清单。`,
        leaderImplementation: '镇党委书记主持召开 3 次整改专题会议，逐村督导整改，对 2 名村党组织书记进行提醒谈话。',
        fileId: null,
      });
    } else {
      // sent back by the 纪委监委 with comments, revised and resubmitted: 纪委监委 and 组织部 still to review
      await savePlan(at(`${last}-08-14`), town, round.id, code, { content });
      await submitPlan(at(`${last}-08-14`), town, round.id, code);
      await reviewPlan(at(`${last}-08-18`), office, round.id, code, { decision: 'accepted', comment: '' });
      await reviewPlan(at(`${last}-08-19`), actors.discipline, round.id, code, { decision: 'returned', comment: '整改措施过于笼统：集体资源低价发包问题应明确追缴差价的金额和时限，并写明对相关责任人的处理意见。' });
      await savePlan(at(`${last}-08-22`), town, round.id, code, { content: `${content}\n四、补充：鱼塘承包差价按第三方评估结果于年底前追缴到位，对相关责任人的处理意见报镇纪委研究。` });
      await submitPlan(at(`${last}-08-22`), town, round.id, code);
      await reviewPlan(at(`${last}-08-25`), office, round.id, code, { decision: 'accepted', comment: '已按意见修改，同意。' });
    }
    const villages = [...new Set(planned.filter((p) => p.item.townCode === code && p.item.villageCode).map((p) => p.item.villageCode!))];
    for (const [i, v] of villages.slice(0, t === 0 ? villages.length : 2).entries()) {
      const day = addDays(`${last}-08-04`, i);
      await recordVillageFeedback(at(day), town, round.id, code, v, {
        feedbackOn: day,
        attendees: '镇党委副书记、镇纪委书记、村“两委”班子成员、村务监督委员会成员',
        content: '镇党委向村党组织反馈了市委巡察发现的问题，部署整改任务，要求建立整改台账，按期报告整改进展。',
      });
    }
    plans[t === 0 ? 'accepted' : 'submitted'] = (plans[t === 0 ? 'accepted' : 'submitted'] ?? 0) + 1;
  }

  // — the items' histories —
  const signerOf = (party: SigningParty, spec: Spec): Actor =>
    party === 'office' ? office : party === 'discipline' ? actors.discipline : party === 'organization' ? actors.organization : departments[spec.department ?? 'agri'].actor;
  const fileId = (d: { evidence: { id: string }[] }) => d.evidence.at(-1)!.id;
  for (const [n, { item, finding, spec }] of planned.entries()) {
    const town = actors.towns.get(item.townCode);
    if (!town) continue;
    const s = spec.scenario;
    const start = addDays(`${last}-08-12`, n);
    const kind = spec.kind ?? item.kind;
    const quick = s.kind === 'closed' && s.quick && kind === 'immediate';
    // the final deadline: in 立行立改 days, a fixed date for the items closed last year, else from today
    const target = quick ? addDays(start, 25) : s.kind === 'closed' ? `${last}-11-30` : 'due' in s ? R(s.due) : null;
    const extend = target !== null && kind === 'limited' && target > addMonths(start, 12);
    const first = extend ? addMonths(start, 10) : target;
    const edit = itemUpdateInput.parse({
      kind,
      responsibleUnitKind: 'town',
      leadUnit: { orgId: town.orgId, name: item.responsibleUnitName },
      cooperatingUnits: item.villageCode ? [{ name: `${item.villageName}党组织` }] : [{ name: `${item.townName}农经站` }],
      responsibleLeader: secretaryOf(townCodes, item.townCode),
      handler: HANDLERS[n % HANDLERS.length],
      measures: s.kind === 'drafting' && !s.measures ? '' : (MEASURES[finding.key] ?? MEASURES.town),
      deadline: s.kind === 'drafting' ? null : first,
      competentDepartmentOrgId: spec.department ? departments[spec.department].orgId : null,
    });
    if (s.kind === 'drafting') {
      if (s.measures) await updateItem(at(start), town, item.id, edit);
      continue;
    }
    await updateItem(at(start), town, item.id, edit);
    await startItem(at(start), town, item.id, {});
    const before = await addEvidence(at(addDays(start, 3)), town, item.id, { buffer: PHOTO_BEFORE, fileName: '整改前现场照片.jpg' });
    if (quick) {
      const after = await addEvidence(at(addDays(start, 12)), town, item.id, { buffer: PHOTO_AFTER, fileName: '整改后现场照片.jpg' });
      await reportProgress(at(addDays(start, 12)), town, item.id, { text: '已按立行立改通知书要求完成整改，整改前后照片见附件。', reportedOn: addDays(start, 12), evidenceFileIds: [fileId(before), fileId(after)] });
      await submitItem(at(addDays(start, 13)), town, item.id, { note: '已完成整改，申请销号。' });
      const accepted = await acceptItem(at(addDays(start, 15)), teamLeaders[finding.team] ?? office, item.id, { comment: '经实地核查，整改到位。' });
      for (const [i, party] of (['office', 'discipline', 'organization', 'department'] as const).entries())
        await approveItem(at(addDays(start, 17 + i)), signerOf(party, spec), item.id, { evidenceVersion: accepted.evidenceVersion, comment: '同意销号。' });
      continue;
    }
    await reportProgress(at(addDays(start, 21)), town, item.id, { text: PROGRESS_FIRST, reportedOn: addDays(start, 21), evidenceFileIds: [fileId(before)] });
    if (s.kind === 'closed') {
      const report = await addEvidence(at(addDays(start, 60)), town, item.id, { buffer: textPdf(['整改情况报告', item.problem, '整改措施已全部落实到位，相关制度已建立并执行。']), fileName: '整改情况报告.pdf' });
      await reportProgress(at(addDays(start, 60)), town, item.id, { text: '整改措施已全部落实，相关制度已建立，申请核查。', reportedOn: addDays(start, 60), evidenceFileIds: [fileId(report)] });
      await submitItem(at(addDays(start, 62)), town, item.id, { note: '整改已完成，申请销号。' });
      const accepted = await acceptItem(at(addDays(start, 65)), teamLeaders[finding.team] ?? office, item.id, { comment: '经核查，整改到位。' });
      for (const [i, party] of (['office', 'discipline', 'organization', 'department'] as const).entries())
        await approveItem(at(addDays(start, 68 + i)), signerOf(party, spec), item.id, { evidenceVersion: accepted.evidenceVersion, comment: '同意销号。' });
      continue;
    }
    if (extend) {
      const day = [addDays(first!, -7), R(-25)].sort()[0]!;
      await extendItem(at(day), office, item.id, { deadline: target!, reason: '整改涉及资金追缴和制度建设，镇党委申请延期，经市委巡察办研究同意。' });
    }
    if (s.kind === 'in_progress') {
      const ledger = await addEvidence(at(R(-18)), town, item.id, { buffer: ledgerPng(), fileName: '整改工作台账.png' });
      await reportProgress(at(R(-18)), town, item.id, { text: PROGRESS_LATER, reportedOn: R(-18), evidenceFileIds: [fileId(ledger)] });
      continue;
    }
    // submitted, signing or returned: the work finished in the last weeks
    const after = await addEvidence(at(R(-20)), town, item.id, { buffer: PHOTO_AFTER, fileName: '整改后现场照片.jpg' });
    const report = await addEvidence(at(R(-20)), town, item.id, { buffer: textPdf(['整改情况报告', item.problem, '整改措施已落实到位，请予核查。']), fileName: '整改情况报告.pdf' });
    await reportProgress(at(R(-20)), town, item.id, { text: '整改已完成，整改后照片和整改情况报告见附件。', reportedOn: R(-20), evidenceFileIds: [fileId(after), fileId(report)] });
    await submitItem(at(R(s.submit)), town, item.id, { note: '整改已完成，申请销号。' });
    if (s.kind === 'submitted') continue;
    const accepted = await acceptItem(at(R(s.accept)), teamLeaders[finding.team] ?? office, item.id, { comment: '经核查，整改基本到位，提交销号审核。' });
    for (const [party, day] of s.approvals) await approveItem(at(R(day)), signerOf(party, spec), item.id, { evidenceVersion: accepted.evidenceVersion, comment: '同意销号。' });
    if (s.kind === 'returned') {
      await returnItem(at(R(s.back)), departments[spec.department ?? 'agri'].actor, item.id, {
        reason: '经现场复核，工程多计的 86 米对应工程款尚未全部追回，缴款凭证不全，请追回后补充材料再申请销号。',
      });
    }
  }

  // — 三色预警: the daily job over the last three weeks, then today's run —
  for (let d = R(-21); d < today; d = addDays(d, 1)) await runAlerts(at(d), d);
  await runAlerts(now, today);

  // — 催办 and 约谈 on the overdue items —
  const red = planned.filter((p) => p.spec.scenario.kind === 'in_progress' && p.spec.scenario.due < 0);
  let interventions = 0;
  if (red.length > 0) {
    const firstRed = red[0]!;
    await createIntervention(
      at(R(-8)),
      office,
      interventionBody.parse({
        kind: 'reminder',
        ground: 'overdue',
        itemIds: red.map((p) => p.item.id),
        happenedOn: R(-8),
        persons: [...new Set(red.map((p) => `${p.item.townName}党委`))].join('、'),
        content: '以上整改事项已超过整改期限，请于 7 日内完成整改并报送整改佐证材料。',
      }),
    );
    await createIntervention(
      at(R(-3)),
      office,
      interventionBody.parse({
        kind: 'talk',
        ground: 'overdue',
        itemIds: [firstRed.item.id],
        happenedOn: R(-3),
        persons: `${firstRed.item.townName}党委书记${secretaryOf(townCodes, firstRed.item.townCode)}、${firstRed.item.villageName ?? ''}党组织书记`,
        content: '就整改逾期问题进行约谈，指出整改责任落实不力，要求制定倒排计划，10 日内完成整改并书面报告。',
      }),
    );
    interventions = 2;
  }

  // — 群众评议: the village of the first papers, its items closed or in 销号审核 —
  const village = planned[0]!.item;
  const origin = `http://localhost:${now.config.port || 3000}`;
  const session = await createSession(
    at(R(-5)),
    office,
    {
      roundId: round.id,
      villageCode: village.villageCode!,
      closesOn: R(10),
      representatives: [
        { name: '王德明', category: 'old_party_member', phone: null },
        { name: '李富强', category: 'wealth_leader', phone: null },
        { name: '张桂英', category: 'farmer', phone: null },
        { name: '赵小龙', category: 'returning_youth', phone: null },
        { name: '孙建国', category: 'entrepreneur', phone: null },
        { name: '周秀兰', category: 'farmer', phone: null },
      ],
    },
    origin,
  );
  const villageItems = planned.filter((p) => p.item.villageCode === village.villageCode).map((p) => p.item.id);
  const ANSWERS: ['satisfied' | 'basically_satisfied' | 'unsatisfied', string][][] = [
    [['satisfied', ''], ['satisfied', '']],
    [['satisfied', ''], ['basically_satisfied', '']],
    [['basically_satisfied', ''], ['unsatisfied', '鱼塘重新发包的结果还没有在公开栏公示，希望尽快公开。']],
    [['satisfied', ''], ['basically_satisfied', '']],
    [['basically_satisfied', '厂房租赁的决议可以再讲清楚一些。'], ['satisfied', '']],
  ];
  for (const [i, answers] of ANSWERS.entries()) {
    const token = session.links[i]!.link.slice(RATING_LINK_PREFIX.length);
    await submitRating(at(R(-4 + Math.floor(i / 2))), token, { answers: villageItems.map((itemId, k) => ({ itemId, answer: answers[k % answers.length]![0], comment: answers[k % answers.length]![1] })) });
  }
  const unused = session.links.at(-1)!;

  // — 回头看: the office puts the village of the item it talked about into a new round, in 准备 —
  let lookBack: DemoRectificationSummary['lookBack'] = null;
  if (red.length > 0) {
    const target = red[0]!.item;
    const startDate = R(14);
    const year = Number(startDate.slice(0, 4));
    const created = await createLookBack(now, office, {
      sourceRoundId: round.id,
      villageCodes: [target.villageCode!],
      round: { year, number: year === last + 1 ? 2 : 1, theme: '整改落实情况“回头看”', startDate, endDate: addDays(startDate, 30) },
    });
    lookBack = { roundLabel: created.roundLabel, village: `${target.townName}${target.villageName ?? ''}`, items: created.targets[0]?.items ?? 0 };
  }

  // — the summary, as the office sees it today —
  const final = await listItems(now, office, { roundId: round.id, page: 1, pageSize: 100 });
  const byStatus: Record<string, number> = {};
  const alerts = { green: 0, yellow: 0, red: 0 };
  for (const i of final.items) {
    byStatus[i.status] = (byStatus[i.status] ?? 0) + 1;
    if (i.alert === 'green' || i.alert === 'yellow' || i.alert === 'red') alerts[i.alert] += 1;
  }
  return {
    items: final.total,
    byStatus,
    alerts,
    plans,
    interventions,
    rating: { village: `${village.townName}${village.villageName ?? ''}`, representatives: session.links.length, rated: ANSWERS.length, link: unused.link, url: unused.url },
    lookBack,
  };
}
