import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { ConsoleStatus } from '@/lib/credentials/credential-status';

const tone: Record<ConsoleStatus, BadgeTone> = {
  'not configured': 'neutral',
  'missing credentials': 'amber',
  'set, not verified': 'neutral',
  'needs review': 'amber',
  connected: 'green',
  expired: 'amber',
  error: 'red',
};

export function StatusBadge({ status }: { status: ConsoleStatus }) {
  return (
    <Badge tone={tone[status]}>
      <span className="mr-1.5 inline-block size-1.5 rounded-full bg-current" aria-hidden />
      {status}
    </Badge>
  );
}
