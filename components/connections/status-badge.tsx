import { Badge, type BadgeTone } from '@/components/ui/badge';
import type { DisplayStatus } from '@/lib/credentials/credential-status';

const tone: Record<DisplayStatus, BadgeTone> = {
  'not configured': 'neutral',
  'missing credentials': 'amber',
  connected: 'green',
  expired: 'amber',
  error: 'red',
};

export function StatusBadge({ status }: { status: DisplayStatus }) {
  return (
    <Badge tone={tone[status]}>
      <span className="mr-1.5 inline-block size-1.5 rounded-full bg-current" aria-hidden />
      {status}
    </Badge>
  );
}
