#!/usr/bin/env node
// `npx connections …` (SPEC §7): the CLI in lib/cli, run on the project's TypeScript lib code.
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { projectRoot, registerTypeScript } from './register-ts-hooks.mjs';

registerTypeScript();
const { runCli } = await import(pathToFileURL(path.join(projectRoot, 'lib/cli/main.ts')).href);
process.exitCode = await runCli(process.argv.slice(2), {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
});
