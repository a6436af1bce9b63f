// The engine against hand labels: 402 shop comments written and labelled by hand
// (test/fixtures/themes-corpus.json), half French, half English, a third without a locale.
//
// A theme is mapped to a label by its words: the first of its stems, in its keys' rank order, that
// the table below names. The table lists each label's vocabulary by meaning; a word with two
// senses in a shop ("rapide": delivery or support) goes to the one it has most often. A theme
// no row names predicts the label 'other', which no comment has: it costs precision, as a theme a
// reader could not file would.
//
// Per language, the themes are the top 8 of detractors and the top 8 of promoters. A comment is
// predicted the labels of the themes it mentions; precision and recall are over (comment, label)
// pairs, every hand label of every comment of the language counted in recall (comments whose
// language was misread included, as misses).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractThemes, themesByCategory, type RankingMethod, type Theme } from './themes';
import { NEGATION, detectLanguage } from './analyze';

interface Entry {
  id: string;
  text: string;
  locale?: string;
  nps: number;
  themes: string[];
}

const corpus = JSON.parse(readFileSync(new URL('../../../test/fixtures/themes-corpus.json', import.meta.url), 'utf8')) as Entry[];
const LABELS = ['delivery', 'refund', 'support', 'price', 'quality', 'website', 'packaging', 'stock'] as const;
type Label = (typeof LABELS)[number];

const VOCABULARY: Record<'en' | 'fr', Record<Label, string[]>> = {
  en: {
    delivery: ['deliv', 'ship', 'arriv', 'parcel', 'courier', 'driver', 'track', 'late', 'delay', 'receiv', 'fast', 'quick', 'slow', 'wait', 'dispatch', 'depot', 'warehous', 'collect', 'post', 'turn'],
    refund: ['refund', 'return', 'exchang', 'money', 'credit'],
    support: ['support', 'servic', 'custom', 'agent', 'repli', 'answer', 'respons', 'rude', 'help', 'phone', 'chat', 'email', 'call', 'advisor', 'care', 'staff', 'person', 'human'],
    price: ['price', 'expens', 'cheap', 'valu', 'cost', 'fee', 'sale', 'bargain', 'discount', 'afford', 'pricey', 'overpr', 'charg'],
    quality: ['qualiti', 'fabric', 'materi', 'broken', 'defect', 'faulti', 'seam', 'fit', 'size', 'describ', 'comfort', 'sturdi', 'leather', 'colour', 'stain', 'thread', 'last'],
    website: ['site', 'app', 'checkout', 'payment', 'page', 'load', 'bug', 'crash', 'account', 'password', 'log', 'basket', 'search', 'glitch', 'button', 'click', 'card'],
    packaging: ['packag', 'box', 'wrap', 'plastic', 'protect', 'pack', 'tape', 'recycl', 'paper'],
    stock: ['stock', 'choic', 'rang', 'select', 'avail', 'sold', 'restock', 'option'],
  },
  fr: {
    delivery: ['livraison', 'colis', 'livreur', 'transporteur', 'expedit', 'suivi', 'retard', 'delai', 'recu', 'arriv', 'rapid', 'lent', 'relais', 'attent', 'perdu', 'creneau'],
    refund: ['rembours', 'retour', 'echang', 'avoir'],
    support: ['servic', 'client', 'sav', 'conseil', 'repons', 'joindr', 'telephon', 'mail', 'chat', 'aimabl', 'reactif', 'personn', 'decroch'],
    price: ['prix', 'cher', 'frais', 'promo', 'sold', 'reduct', 'tarif'],
    quality: ['qualit', 'tissu', 'matier', 'defaut', 'conform', 'cass', 'taill', 'couleur', 'coutur', 'solid', 'photo', 'defectu'],
    website: ['site', 'pai', 'panier', 'bug', 'appli', 'compt', 'page', 'charg', 'plant', 'connect', 'recherch', 'carte', 'bancair'],
    packaging: ['emballag', 'carton', 'plastiqu', 'proteg', 'soign', 'scotch', 'papi'],
    stock: ['stock', 'ruptur', 'choix', 'disponibl'],
  },
};

function labelOf(theme: Theme, language: 'en' | 'fr'): Label | 'other' {
  for (const stem of theme.stems) {
    const word = stem.startsWith(NEGATION) ? stem.slice(1) : stem;
    for (const label of LABELS) if (VOCABULARY[language][label].includes(word)) return label;
  }
  return 'other';
}

interface Scores {
  precision: number;
  recall: number;
  themes: string[];
}

function evaluate(language: 'en' | 'fr', method: RankingMethod): Scores {
  const comments = corpus.map((e) => ({ id: e.id, text: e.text, ...(e.locale ? { locale: e.locale } : {}), nps: e.nps }));
  const top = [
    ...extractThemes({ comments, language, category: 'detractor', limit: 8, method, withCommentIds: true }),
    ...extractThemes({ comments, language, category: 'promoter', limit: 8, method, withCommentIds: true }),
  ];
  const predicted = new Map<string, Set<string>>();
  for (const theme of top) {
    const label = labelOf(theme, language);
    for (const id of theme.commentIds ?? []) predicted.set(id, (predicted.get(id) ?? new Set()).add(label));
  }
  let hits = 0;
  let guesses = 0;
  let gold = 0;
  for (const e of corpus.filter((c) => c.id.startsWith(language))) {
    const p = predicted.get(e.id) ?? new Set();
    guesses += p.size;
    gold += e.themes.length;
    for (const label of p) if (e.themes.includes(label)) hits += 1;
  }
  // Comments of the other language read as this one: every label they get is a miss.
  for (const e of corpus.filter((c) => !c.id.startsWith(language))) guesses += predicted.get(e.id)?.size ?? 0;
  return { precision: hits / guesses, recall: hits / gold, themes: top.map((t) => `${t.label}→${labelOf(t, language)}`) };
}

// Floors, set about five points under what the default ranking measured when they were set
// (fr: precision 82.6%, recall 50.0%; en: 81.1%, 50.9%), so that a change that makes the themes
// worse fails while small lexicon edits do not. Precision is what a reader feels: three themes in
// four must file their comments where a person would. Recall is bounded by design: 16 themes
// chosen for telling detractors from promoters leave out what both sides say alike (plain
// c-TF-IDF, printed beside, covers more for that reason: about 64% and 58%).
const FLOOR = { precision: 0.75, recall: 0.45 };

describe('themes against the hand-labelled corpus', () => {
  it('has the size and shape the brief asks for', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(300);
    const fr = corpus.filter((e) => e.id.startsWith('fr')).length;
    expect(Math.abs(fr - (corpus.length - fr))).toBeLessThan(corpus.length * 0.1);
    expect(corpus.filter((e) => !e.locale).length).toBeGreaterThanOrEqual(corpus.length / 4);
    for (const e of corpus) for (const t of e.themes) expect(LABELS).toContain(t);
    expect(new Set(corpus.map((e) => e.id)).size).toBe(corpus.length);
  });

  it('reads the language of the comments that carry no locale', () => {
    const unlabelled = corpus.filter((e) => !e.locale);
    const right = unlabelled.filter((e) => detectLanguage(e.text) === e.id.slice(0, 2)).length;
    console.log(`language detection: ${right}/${unlabelled.length} comments without a locale`);
    expect(right / unlabelled.length).toBeGreaterThanOrEqual(0.97);
  });

  it.each(['fr', 'en'] as const)('finds the hand-labelled topics in %s above the floor', (language) => {
    const ours = evaluate(language, 'contrast');
    const ctfidf = evaluate(language, 'ctfidf');
    const pct = (x: number) => (100 * x).toFixed(1);
    console.log(
      `${language}: contrast (default) precision ${pct(ours.precision)}% recall ${pct(ours.recall)}%; c-TF-IDF precision ${pct(ctfidf.precision)}% recall ${pct(ctfidf.recall)}%\n  themes: ${ours.themes.join(', ')}`,
    );
    expect(ours.precision).toBeGreaterThanOrEqual(FLOOR.precision);
    expect(ours.recall).toBeGreaterThanOrEqual(FLOOR.recall);
  });
});

describe('themesByCategory', () => {
  it('ranks each category over the shared index exactly as asking for it alone does', () => {
    const comments = corpus.map((e) => ({ id: e.id, text: e.text, ...(e.locale ? { locale: e.locale } : {}), nps: e.nps }));
    for (const language of ['en', 'fr'] as const) {
      const together = themesByCategory({ comments, language, limit: 8, withCommentIds: true }, ['detractor', 'passive', 'promoter']);
      for (const category of ['detractor', 'passive', 'promoter'] as const) {
        const alone = extractThemes({ comments, language, category, limit: 8, withCommentIds: true });
        expect(alone.length, `${language} ${category}`).toBeGreaterThan(0);
        expect(together[category], `${language} ${category}`).toEqual(alone);
      }
    }
  });
});
