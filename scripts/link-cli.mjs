#!/usr/bin/env node
// `npm install` links a project's dependencies' bins into node_modules/.bin, but not its own. Without
// node_modules/.bin/connections, `npx connections` makes npm read the whole dependency tree to find
// the package's bin (about half a second per call); with the link npm runs it straight away.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const binDir = path.join(root, 'node_modules', '.bin');
const link = path.join(binDir, 'connections');
try {
  fs.mkdirSync(binDir, { recursive: true });
  fs.rmSync(link, { force: true });
  fs.symlinkSync(path.relative(binDir, path.join(root, 'bin', 'connections.mjs')), link);
} catch (e) {
  console.warn(`Could not link node_modules/.bin/connections (npx connections still works, slower): ${e instanceof Error ? e.message : e}`);
}
