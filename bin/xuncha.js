#!/usr/bin/env node
// The `xuncha` command: runs the TypeScript CLI through tsx's loader (no build step).
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../server/cli.ts');
await run(process.argv.slice(2));
