#!/usr/bin/env node
// `xuncha serve` for the browser journeys (started by e2e/run.mjs), with one difference: the web app is served from
// E2E_WEB_DIR, the run's own build, instead of the checkout's dist/web. dist/web is shared with whoever else builds
// or serves from this checkout, and the server lists the web app's files when it starts: a rebuild there during a
// run swaps the hashed assets under the running server, and every page loaded after that fails.
import { register } from 'tsx/esm/api';

register();
const webDistDir = process.env.E2E_WEB_DIR;
if (!webDistDir) {
  console.error('未设置 E2E_WEB_DIR（前端构建目录）');
  process.exit(1);
}
const { loadConfig } = await import('../server/config.ts');
const { serve } = await import('../server/main.ts');
try {
  await serve({ ...loadConfig(), webDistDir });
} catch (e) {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
}
