// The visitor's preferred language among those we speak, from an Accept-Language header
// (RFC 9110 §12.5.4): tags in order of their q weight, a region falling back to its language.

export function preferredLanguage(header: string | undefined, supported: readonly string[]): string | undefined {
  if (!header) return undefined;
  const ranked = header
    .split(',')
    .slice(0, 30)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const weight = q === undefined ? 1 : Number(q.slice(2));
      return { tag: tag.trim().toLowerCase(), weight: Number.isFinite(weight) ? weight : 0, index };
    })
    .filter((t) => t.tag && t.tag !== '*' && t.weight > 0)
    .sort((a, b) => b.weight - a.weight || a.index - b.index);
  for (const { tag } of ranked) {
    const base = tag.split('-')[0]!;
    if (supported.includes(base)) return base;
  }
  return undefined;
}
