import { Card } from '@/components/ui/card';
import type { MemberHome } from '@/lib/member-home/member-home';
import { HomeItemCard } from './home-item';

function Section({ title, description, empty, items, section }: { title: string; description: string; empty: string; items: MemberHome['connected']; section: 'action' | 'connected' | 'managed' }) {
  return (
    <Card title={`${title} (${items.length})`} description={description} id={`home-${section}`}>
      {items.length ? (
        <ul className="-my-4 divide-y divide-slate-100">{items.map((item) => <HomeItemCard key={`${item.appId}:${item.env}`} item={item} section={section} />)}</ul>
      ) : (
        <p className="text-sm text-slate-500">{empty}</p>
      )}
    </Card>
  );
}

/** The member's home: what they must do, what runs in their name, and what admins look after. */
export function MemberHomeView({ home, filtered }: { home: MemberHome; filtered: boolean }) {
  return (
    <div className="space-y-6">
      <Section title="Needs your action" section="action" items={home.needsAction} description="Connections you have to set up, renew or review before tools can act for you." empty={filtered ? 'Nothing matches these filters.' : 'Nothing to do: you are all set.'} />
      <Section title="Connected" section="connected" items={home.connected} description="Tools can act for you in these. Disconnect to stop them at once." empty={filtered ? 'Nothing matches these filters.' : 'You have not connected anything yet.'} />
      <Section title="Managed by admins" section="managed" items={home.managed} description="Shared connections you use without setting anything." empty={filtered ? 'Nothing matches these filters.' : 'None.'} />
    </div>
  );
}
