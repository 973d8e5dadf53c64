#!/usr/bin/env node
// `npx connections …` (SPEC §7): the CLI of lib/cli, compiled to dist/cli.mjs by scripts/bundle.mjs
// (at `npm install`, `npm run build`, or here on first use and whenever a source is newer).
import { pathToFileURL } from 'node:url';
import { ensureBundle } from '../scripts/bundle.mjs';

async function loadCli() {
  let file;
  try {
    file = await ensureBundle('cli');
  } catch (e) {
    // No esbuild (an install without dev dependencies): run the TypeScript sources through tsx.
    const { projectRoot, registerTypeScript } = await import('./register-ts-hooks.mjs');
    const { default: path } = await import('node:path');
    console.error(`connections: could not build dist/cli.mjs (${e instanceof Error ? e.message.split('\n')[0] : e}); running from the sources.`);
    registerTypeScript();
    return import(pathToFileURL(path.join(projectRoot, 'lib/cli/main.ts')).href);
  }
  return import(pathToFileURL(file).href);
}

const { runCli } = await loadCli();
process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
