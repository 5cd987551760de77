/**
 * Ids for cells without an `id` attribute. The id is the language and a hash of the cell's own
 * source, so it survives reloads and any edit to other cells; editing the cell itself changes it
 * (give the cell an `id` attribute to pin it). Identical cells get -2, -3, ... in file order.
 */
export function derivedId(language: string, source: string): string {
  return `${language === 'markdown' ? 'md' : language}-${fnv1a(source.trim()).toString(36).padStart(7, '0')}`;
}

/** 32-bit FNV-1a over UTF-16 code units: tiny, dependency-free and stable across platforms. */
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** Makes derived ids unique: the second `sh-abc` becomes `sh-abc-2`. Explicit ids are left alone. */
export class IdAllocator {
  private readonly used = new Map<string, number>();

  constructor(explicit: Iterable<string>) {
    for (const id of explicit) this.used.set(id, 1);
  }

  allocate(base: string): string {
    const n = this.used.get(base);
    if (n === undefined) {
      this.used.set(base, 1);
      return base;
    }
    let next = n + 1;
    while (this.used.has(`${base}-${next}`)) next++;
    this.used.set(base, next);
    this.used.set(`${base}-${next}`, 1);
    return `${base}-${next}`;
  }
}
