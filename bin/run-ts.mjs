#!/usr/bin/env node
// `node bin/run-ts.mjs FILE.ts [args…]`: runs a TypeScript entry point with the project's lib code.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { registerTypeScript } from './register-ts-hooks.mjs';

const [file, ...rest] = process.argv.slice(2);
if (!file) {
  console.error('usage: node bin/run-ts.mjs FILE.ts [args…]');
  process.exit(2);
}
registerTypeScript();
process.argv = [process.argv[0], path.resolve(file), ...rest];
await import(pathToFileURL(path.resolve(file)).href);
