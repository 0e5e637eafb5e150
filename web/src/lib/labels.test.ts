/**
 * The audit page shows every entity and action in Chinese: each one the server writes (found in its
 * source) has a label here, so a new module cannot put raw codes such as `analytics.hit` in front of users.
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, ENTITY_LABELS } from './labels';

const serverDir = path.resolve(import.meta.dirname, '../../../server');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.test.ts') && !p.includes(`${path.sep}test${path.sep}`) ? [p] : [];
  });
}

const code = sources(serverDir).map((f) => fs.readFileSync(f, 'utf8'));
const found = (re: RegExp) => new Set(code.flatMap((text) => [...text.matchAll(re)].map((m) => m[1]!)));

describe('audit labels', () => {
  it('name every entity the server audits', () => {
    const entities = new Set([
      ...found(/entity: '([a-z_.]+)'/g),
      ...found(/const [A-Z_]*ENTITY[A-Z_]* = '([a-z_.]+)'/g),
      ...found(/const [A-Z_]+ = '([a-z_]+\.[a-z_]+)'/g),
    ]);
    entities.delete('codes.pepper'); // a file name, not an entity
    expect(entities.size).toBeGreaterThan(40);
    expect([...entities].filter((e) => !(e in ENTITY_LABELS)).sort()).toEqual([]);
  });

  it('name every action the server audits', () => {
    const actions = found(/action: '([a-z_]+)'/g);
    expect(actions.size).toBeGreaterThan(40);
    expect([...actions].filter((a) => !(a in ACTION_LABELS)).sort()).toEqual([]);
  });
});
