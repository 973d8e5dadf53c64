import { parse } from 'yaml';
import { catalogSchema, type CatalogEntry } from './catalog-schema';
import { LOGOS, PROVIDERS_YAML } from './providers.generated';

/**
 * The provider catalog, parsed and validated once when this module loads: a broken entry in
 * providers.yaml throws here, so it fails `next build` (the pages import this) and the unit tests.
 */
function load(): CatalogEntry[] {
  const result = catalogSchema.safeParse(parse(PROVIDERS_YAML));
  if (!result.success) {
    const first = result.error.issues[0];
    throw new Error(`lib/catalog/providers.yaml is invalid at ${first.path.join('.')}: ${first.message}`);
  }
  return result.data;
}

const CATALOG: readonly CatalogEntry[] = Object.freeze(load().sort((a, b) => a.display_name.localeCompare(b.display_name)));

export type CatalogLogo = { title: string; hex: string; path: string };

export function listCatalog(): readonly CatalogEntry[] {
  return CATALOG;
}

export function findTemplate(name: string): CatalogEntry | undefined {
  return CATALOG.find((entry) => entry.name === name);
}

export function logoFor(entry: CatalogEntry): CatalogLogo | undefined {
  return entry.logo ? LOGOS[entry.logo] : undefined;
}

/** Case-insensitive match on name, display name, description, categories and kinds; every word must match. */
export function searchCatalog(text: string | undefined): CatalogEntry[] {
  const words = (text ?? '').toLowerCase().split(/\s+/).filter(Boolean);
  if (!words.length) return [...CATALOG];
  return CATALOG.filter((entry) => {
    const haystack = [entry.name, entry.display_name, entry.description, ...entry.categories, ...entry.kinds].join(' ').toLowerCase();
    return words.every((w) => haystack.includes(w));
  });
}
