import { Alert } from '@/components/ui/alert';

export type Issue = { document: number; line: number | null; path: string; message: string };

/** Every problem of a refused file, with its document, line and field, so each can be fixed at once. */
export function ImportIssues({ message, issues }: { message: string; issues: Issue[] }) {
  return (
    <Alert tone="error" title={message}>
      <ul className="mt-1 space-y-1" aria-label="Problems">
        {issues.map((issue, i) => (
          <li key={i} data-testid="import-issue">
            {issue.document >= 0 && <span className="font-medium">Document {issue.document + 1}</span>}
            {issue.line !== null && <span className="font-medium">, line {issue.line}</span>}
            {issue.path && <code className="mx-1 rounded bg-white/70 px-1 text-xs">{issue.path}</code>}
            <span>: {issue.message}</span>
          </li>
        ))}
      </ul>
    </Alert>
  );
}
