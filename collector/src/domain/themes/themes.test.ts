import { describe, expect, it } from 'vitest';
import { analyzeComment } from './analyze';
import { extractThemes, type ThemeComment } from './themes';

let next = 0;
/** A comment with stored keys, as the route will pass them. */
const c = (nps: number | null, terms: string[], forms?: string[], text = terms.join(' ')): ThemeComment => ({
  id: `c${(next += 1)}`,
  text,
  nps,
  terms,
  ...(forms ? { forms } : {}),
});
const times = (n: number, make: () => ThemeComment) => Array.from({ length: n }, make);

describe('extractThemes: ranking', () => {
  // 22 detractors and 22 promoters. "prix" is the most frequent key (32 comments) but both sides
  // say it as often; "rembours" (4) only detractors; "colis" a little more detractors than not.
  const comments = [
    ...times(16, () => c(2, ['prix'])),
    ...times(4, () => c(3, ['rembours'])),
    ...times(2, () => c(4, ['colis'])),
    ...times(16, () => c(10, ['prix'])),
    ...times(1, () => c(9, ['colis'])),
    ...times(5, () => c(9, ['autre'])),
  ];

  it('ranks by distinctiveness of the category, not by frequency', () => {
    const keys = extractThemes({ comments }).map((t) => t.key);
    expect(keys[0]).toBe('rembours');
    expect(keys).not.toContain('prix');
    expect(keys.indexOf('rembours')).toBeLessThan(keys.indexOf('colis'));
  });

  it('ranks for promoters against detractors when asked', () => {
    expect(extractThemes({ comments, category: 'promoter' }).map((t) => t.key)).toEqual(['autre']);
  });

  it('keeps c-TF-IDF as BERTopic writes it on request, where the frequent shared key leads', () => {
    expect(extractThemes({ comments, method: 'ctfidf' })[0]!.key).toBe('prix');
  });

  it('needs minimum support', () => {
    expect(extractThemes({ comments, minSupport: 5 }).map((t) => t.key)).toEqual([]);
    expect(extractThemes({ comments, minSupport: 4 }).map((t) => t.key)).toEqual(['rembours']);
  });

  it('returns nothing for no comments', () => {
    expect(extractThemes({ comments: [] })).toEqual([]);
  });
});

describe('extractThemes: figures', () => {
  // With "retard": promoters 9, 10, 9; passive 8; detractors 0, 3, 6, 5.
  // Without: promoters 9, 10; passives 7, 8; no detractor; one comment without a score.
  const comments = [
    ...[9, 10, 9, 8, 0, 3, 6, 5].map((nps, i) => c(nps, ['retard'], undefined, `retard ${i}`)),
    ...[9, 10, 7, 8].map((nps) => c(nps, ['autre'])),
    c(null, ['retard']),
  ];
  const [theme] = extractThemes({ comments, minSupport: 3 });

  it('counts per category', () => {
    expect(theme!.count).toBe(9);
    expect(theme!.share).toBe(69.2); // 9 of 13
    expect(theme!.byCategory).toEqual({
      detractor: { count: 4, share: 100 },
      passive: { count: 1, share: 33.3 },
      promoter: { count: 3, share: 60 },
    });
  });

  // By hand, adjusted Wald: with, n = 8 + 3, p = 3.75/11, d = 4.75/11, NPS −12.5, interval
  // −9.1 ± 1.96 × √((p + d − (p − d)²)/11) = −60.8…42.6. Without, n = 4 + 3, p = 2.75/7,
  // d = 0.75/7, NPS 50, interval −19.3…76.5. The comment without a score is in neither.
  it('gives the NPS of the answers with and without the theme, with adjusted-Wald intervals', () => {
    expect(theme!.nps).toEqual({
      with: { score: -12.5, low: -60.8, high: 42.6, responses: 8 },
      without: { score: 50, low: -19.3, high: 76.5, responses: 4 },
    });
  });

  it('shows three examples, the asked category first', () => {
    expect(theme!.examples).toHaveLength(3);
    const ids = theme!.examples.map((e) => e.id);
    const detractorIds = comments.filter((x) => x.nps !== null && x.nps <= 6).map((x) => x.id);
    for (const id of ids) expect(detractorIds).toContain(id);
  });
});

describe('extractThemes: grouping and labels', () => {
  const fr = (nps: number, text: string): ThemeComment => ({ id: `f${(next += 1)}`, text, locale: 'fr', nps });

  it('keeps a phrase and its words as one theme, labelled by what people write', () => {
    const comments = [
      fr(2, 'Délai de livraison trop long'),
      fr(3, 'delai de livraison pas respecté'),
      fr(1, 'delai de livraison énorme'),
      fr(2, 'Livraison en retard'),
      fr(4, 'livraison catastrophique'),
      fr(10, 'Emballage soigné'),
      fr(9, 'Emballage soigné'),
      fr(10, 'Emballage soigné'),
    ];
    const themes = extractThemes({ comments });
    const delivery = themes.filter((t) => t.keys.includes('livraison') || t.keys.includes('delai livraison'));
    expect(delivery).toHaveLength(1);
    expect(delivery[0]!.keys).toEqual(expect.arrayContaining(['livraison', 'delai livraison']));
    expect(delivery[0]!.count).toBe(5);
    // Three "délai de livraison" (one with its accent) outweigh five "livraison" as a phrase; the
    // accented spelling is the one shown.
    expect(delivery[0]!.label).toBe('Délai de livraison');
    expect(delivery[0]!.forms).toEqual(expect.arrayContaining(['délai de livraison', 'delai de livraison', 'livraison']));
  });

  it('joins a word used mostly inside a phrase to that phrase’s theme', () => {
    const comments = [
      ...['Service client injoignable', 'service client nul', 'Le service client ne répond pas', 'client mécontent'].map((t) => fr(1, t)),
      ...['Super produit', 'Très bien', 'Parfait'].map((t) => fr(10, t)),
    ];
    const labels = extractThemes({ comments }).map((t) => t.label);
    expect(labels).toContain('Service client');
    expect(labels).not.toContain('Client');
  });

  it('keeps a negated word apart from the word', () => {
    const comments = [
      ...times(3, () => c(2, ['!rapid'], ['pas rapide'])),
      ...times(3, () => c(3, ['rapid'], ['rapide'])),
      ...times(3, () => c(10, ['autre'])),
    ];
    const themes = extractThemes({ comments });
    expect(themes.find((t) => t.keys.includes('!rapid'))!.keys).toEqual(['!rapid']);
    expect(themes.find((t) => t.keys.includes('!rapid'))!.label).toBe('Pas rapide');
  });

  it('folds a rare misspelt stem into the frequent one it is one letter from', () => {
    const comments = [...times(5, () => c(2, ['servic'], ['service'])), c(1, ['servis'], ['servise']), ...times(3, () => c(10, ['autre']))];
    const theme = extractThemes({ comments }).find((t) => t.key === 'servic')!;
    expect(theme.count).toBe(6);
    expect(theme.label).toBe('Service');
  });

  it('leaves short stems alone: "prix" is not "pris"', () => {
    const comments = [...times(5, () => c(2, ['prix'])), ...times(3, () => c(2, ['pris'])), ...times(3, () => c(10, ['autre']))];
    expect(extractThemes({ comments, minSupport: 3 }).find((t) => t.key === 'prix')!.count).toBe(5);
  });

  it('keeps a detected pair only when its words go together more than by chance', () => {
    const together = times(4, () => c(2, ['carte', 'cadeau', 'carte cadeau'], ['carte', 'cadeau', 'carte cadeau']));
    const apart = [c(2, ['carte', 'bleu']), c(2, ['cadeau', 'joli']), c(2, ['carte']), c(2, ['cadeau'])];
    const chance = times(3, () => c(2, ['colis', 'perdu', 'colis perdu']));
    const noise = times(30, () => c(2, ['colis']));
    const keys = extractThemes({ comments: [...together, ...apart, ...chance, ...noise, ...times(5, () => c(10, ['autre']))], limit: 20 }).flatMap((t) => t.keys);
    expect(keys).toContain('carte cadeau');
    expect(keys).not.toContain('colis perdu');
  });

  it('reads only the asked language, stored or detected', () => {
    const comments = [
      ...times(3, () => ({ id: `e${(next += 1)}`, text: 'the parcel was late', nps: 2 })),
      ...times(3, () => ({ id: `e${(next += 1)}`, text: 'colis en retard', nps: 2 })),
      ...times(3, () => ({ id: `e${(next += 1)}`, text: 'super', nps: 10 })),
    ];
    const keys = extractThemes({ comments, language: 'fr' }).flatMap((t) => t.keys);
    expect(keys).toContain('colis');
    expect(keys).not.toContain('parcel');
  });

  it('reads stored keys as they were analysed', () => {
    const text = 'Le service client ne répond pas';
    const a = analyzeComment(text, 'fr');
    const stored = times(3, () => ({ id: `s${(next += 1)}`, text, nps: 1, terms: a.terms, forms: a.forms, language: a.language }));
    const fresh = times(3, () => ({ id: `s${(next += 1)}`, text, nps: 1, locale: 'fr' }));
    const promoters = times(3, () => c(10, ['autre']));
    const strip = (ts: ReturnType<typeof extractThemes>) => ts.map(({ examples, ...rest }) => rest);
    expect(strip(extractThemes({ comments: [...stored, ...promoters] }))).toEqual(strip(extractThemes({ comments: [...fresh, ...promoters] })));
  });
});
