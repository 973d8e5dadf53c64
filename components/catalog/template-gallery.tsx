'use client';

import Link from 'next/link';
import { useMemo, useState } from 'react';
import { EmptyState } from '@/components/ui/empty-state';
import { Input, Select } from '@/components/ui/field';
import type { CatalogLogo } from '@/lib/catalog/catalog';
import { ProviderLogo } from './provider-logo';

export type GalleryItem = { name: string; displayName: string; description: string; categories: string[]; kinds: string[]; logo: CatalogLogo | null };

const categoryLabel = (c: string) => c.replace(/_/g, ' ').replace(/^./, (s) => s.toUpperCase()).replace(/^Ai$/, 'AI').replace(/^Crm$/, 'CRM').replace(/^Hr$/, 'HR').replace(/^Mcp$/, 'MCP');

/** The searchable gallery "New connection" starts from; "Custom" is always last. */
export function TemplateGallery({ items }: { items: GalleryItem[] }) {
  const [search, setSearch] = useState('');
  const [category, setCategory] = useState('');
  const categories = useMemo(() => [...new Set(items.flatMap((i) => i.categories))].sort(), [items]);
  const words = search.toLowerCase().split(/\s+/).filter(Boolean);
  const shown = items.filter((item) => {
    if (category && !item.categories.includes(category)) return false;
    const haystack = [item.name, item.displayName, item.description, ...item.categories, ...item.kinds].join(' ').toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
  return (
    <div className="space-y-4">
      <div className="flex flex-wrap gap-3">
        <label className="min-w-64 flex-1">
          <span className="sr-only">Search providers</span>
          <Input type="search" placeholder="Search providers, e.g. GitHub, CRM, api_key" value={search} onChange={(e) => setSearch(e.target.value)} aria-controls="template-gallery" />
        </label>
        <label>
          <span className="sr-only">Category</span>
          <Select value={category} onChange={(e) => setCategory(e.target.value)} aria-controls="template-gallery">
            <option value="">All categories</option>
            {categories.map((c) => <option key={c} value={c}>{categoryLabel(c)}</option>)}
          </Select>
        </label>
      </div>
      <p className="text-sm text-slate-600" aria-live="polite">{shown.length} of {items.length} providers</p>
      {shown.length === 0 && <EmptyState title="No provider matches">Try another word, or start from a custom connection below.</EmptyState>}
      <ul id="template-gallery" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3" aria-label="Providers">
        {shown.map((item) => (
          <li key={item.name}>
            <Link href={`/connections/new?template=${item.name}`} className="flex h-full gap-3 rounded-lg border border-slate-200 bg-white p-4 shadow-xs hover:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30">
              <ProviderLogo name={item.displayName} logo={item.logo} />
              <span className="min-w-0">
                <span className="block font-medium text-slate-900">{item.displayName}</span>
                <span className="mt-0.5 block text-xs text-slate-600">{item.description}</span>
                <span className="mt-1 block text-xs text-slate-500">{item.categories.map(categoryLabel).join(' · ')}</span>
              </span>
            </Link>
          </li>
        ))}
        <li>
          <Link href="/connections/new?template=custom" className="flex h-full gap-3 rounded-lg border border-dashed border-slate-300 bg-white p-4 hover:border-brand-600 focus:outline-none focus:ring-2 focus:ring-brand-600/30">
            <ProviderLogo name="Custom" />
            <span>
              <span className="block font-medium text-slate-900">Custom</span>
              <span className="mt-0.5 block text-xs text-slate-600">Any other application: choose the kind and type every field yourself.</span>
            </span>
          </Link>
        </li>
      </ul>
    </div>
  );
}
