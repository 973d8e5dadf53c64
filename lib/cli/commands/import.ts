import fs from 'node:fs';
import { CLI_ACTOR } from '@/lib/auth/actor';
import { importConnections } from '@/lib/import-export/import-connections';
import { describeIssue, type ImportIssue } from '@/lib/import-export/parse-connection-file';
import { planImport, type ImportPlan } from '@/lib/import-export/plan-import';
import { YAML_LIMITS } from '@/lib/import-export/yaml-limits';
import { AppError, isAppError } from '@/lib/errors';
import { printWarnings, required, UsageError, type Command } from '../cli-types';

function readFile(file: string): string {
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    throw new UsageError(`Cannot read ${file}: no such file.`);
  }
  if (stat.size > YAML_LIMITS.maxBytes) throw new UsageError(`${file} is larger than ${YAML_LIMITS.maxBytes / 1024 / 1024} MiB.`);
  return fs.readFileSync(file, 'utf8');
}

function summary(plan: ImportPlan, verb: string): string {
  const removed = plan.credentials_removed ? `, removing the credentials of ${plan.credentials_removed} owner(s)` : '';
  return `${verb} ${plan.steps.length} connection(s): ${plan.created} created, ${plan.updated} updated${removed}.\n`;
}

export const importCommand: Command = {
  name: 'import',
  summary: 'Import connection files (YAML or JSON, one or many documents): all or nothing.',
  usage: 'connections import -f FILE [--dry-run] [-y]',
  help: ['-f, --file FILE    the YAML or JSON file', '--dry-run          show what would be created or updated, write nothing', '-y, --yes          confirm removing credentials made meaningless by a kind/type/sso change'],
  options: { file: { type: 'string', short: 'f' }, 'dry-run': { type: 'boolean' }, yes: { type: 'boolean', short: 'y' } },
  async run(values, io) {
    const text = readFile(required(values, 'file', '-f/--file'));
    try {
      if (values['dry-run']) {
        const plan = await planImport(text);
        for (const step of plan.steps) io.out(`${step.action.padEnd(6)} ${step.app_id}\n`);
        io.out(summary(plan, 'Would import'));
        printWarnings(io, 'import', plan.warnings);
        return;
      }
      const plan = await importConnections(CLI_ACTOR, text, { confirmCredentialRemoval: values.yes === true });
      io.out(summary(plan, 'Imported'));
      printWarnings(io, 'import', plan.warnings);
    } catch (e) {
      const issues = isAppError(e) ? (e.extra?.issues as ImportIssue[] | undefined) : undefined;
      // One line on stderr: the count, then the first problems with their document, line and field.
      if (issues) throw new AppError('bad_input', `${e instanceof Error ? e.message : ''} ${listIssues(issues)}`);
      throw e;
    }
  },
};

/** A thousand copies of one mistake would bury the line: the first few, then how many more. */
const SHOWN_ISSUES = 10;
function listIssues(issues: ImportIssue[]): string {
  const shown = issues.slice(0, SHOWN_ISSUES).map(describeIssue);
  if (issues.length > SHOWN_ISSUES) shown.push(`… and ${issues.length - SHOWN_ISSUES} more`);
  return shown.join(' | ');
}
