import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The web and the public page import the pure files directly; none of them may pull in node:crypto.
const here = dirname(fileURLToPath(import.meta.url));
const SERVER_ONLY = new Set(['secrets.ts', 'sealing.ts', 'index.ts']);

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^\s*(?:import|export)\s[^'"]*?from\s+'([^']+)'/gm)].map((m) => m[1]!);
}

function reach(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const spec of importsOf(file)) {
    if (!spec.startsWith('.')) {
      seen.add(spec);
      continue;
    }
    reach(resolve(dirname(file), `${spec}.ts`), seen);
  }
  return seen;
}

describe('browser-safe files', () => {
  const pure = readdirSync(here).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !SERVER_ONLY.has(f));

  it.each(pure)('%s reaches no node built-in and no server-only file', (f) => {
    const reached = [...reach(join(here, f))];
    expect(reached.filter((r) => r.startsWith('node:') || SERVER_ONLY.has(r.split('/').pop()!))).toEqual([]);
  });

  it('covers the area', () => {
    expect(pure).toEqual(expect.arrayContaining(['codes.ts', 'report.ts', 'triage.ts', 'messages.ts', 'questionnaires.ts', 'attachments.ts', 'rate-limit.ts', 'identity.ts']));
  });
});
