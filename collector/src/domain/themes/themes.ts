// Themes: the recurring topics of a set of comments, most distinctive of one NPS category first.
//
// The input is each comment's theme keys (analyze.ts, stored at ingest; analysed here when
// absent) and its score, so 100k comments cost a few passes over integer arrays.
//
// 1. Keys are counted once per comment. A rare stem one typing error away from a frequent one
//    ("remboursment", "servise") is folded into it (a deletion index, as in SymSpell).
// 2. Candidates need `minSupport` comments. A two-word key is kept when the lexicon names it, or
//    when the comments show it is a collocation: its words appear together far more than chance
//    (normalised PMI over comments).
// 3. Distinctiveness of the asked category (default detractors) against its contrast (the opposite
//    pole; both poles for passives): BERTopic's class-based TF-IDF on comment counts, times the
//    square root of the share of the category's rate the contrast does not also have. With only
//    two classes c-TF-IDF's idf barely penalises a key frequent on both sides ("livraison" is
//    praised and blamed); the factor makes such a key fall to zero, and its root lets it rank
//    rather than veto. Measured on the labelled corpus (corpus.test.ts): plain c-TF-IDF covers
//    more comments but leads with the topics everyone mentions; the factor to the power 1 splits
//    themes so finely that a third fewer comments are covered; the root keeps most of the
//    coverage with themes that tell detractors from promoters. Plain c-TF-IDF stays available
//    (`method: 'ctfidf'`).
// 4. Keys are grouped greedily in rank order: a key joins the first theme whose seed shares a
//    word with it ("livraison", "delai livraison"), and seeds do not chain, so "délai de
//    remboursement" cannot glue delivery to refunds. A negated key ("!rapid") only meets other
//    negations. A word used mostly inside another theme's phrase ("client" in "service client")
//    joins that theme. Each theme's figures are then taken over the union of its keys' comments.
import { npsCategory, npsFromCounts, npsInterval, percent1, type NpsCategory } from '@plaudit/shared';
import { NEGATION, analyzeComment, foldWord, isLexiconPhrase, localeLanguage } from './analyze';
import type { DetectedLanguage } from './analyze';

export interface ThemeComment {
  id: string;
  /**
   * Left out when the stored keys are given and the text was not read: the theme's examples are
   * then up to twelve candidates in rank order, with empty texts, for the caller to read and
   * thin out to three distinct ones (see exampleCandidates).
   */
  text?: string;
  locale?: string | null;
  nps: number | null;
  createdAt?: number;
  /** Stored keys from analyzeComment; computed from the text when absent. */
  terms?: string[];
  /** Stored surface forms, `forms[i]` for `terms[i]`; without them labels are made from keys. */
  forms?: string[];
  /** Stored language from analyzeComment, for the `language` filter. */
  language?: DetectedLanguage;
}

export type RankingMethod = 'contrast' | 'ctfidf';

export interface ExtractThemesInput {
  comments: ThemeComment[];
  /** Whose themes: most distinctive of this category. Default detractor. */
  category?: NpsCategory;
  /** Only comments in this language (their stored or detected one). */
  language?: DetectedLanguage;
  limit?: number;
  /** Comments a theme needs; default max(3, 0.2% of the comments). */
  minSupport?: number;
  method?: RankingMethod;
  /** Also list the ids of each theme's comments (to page through them, or to evaluate). */
  withCommentIds?: boolean;
}

export interface CategoryFigures {
  count: number;
  /** Percent of that category's comments, one decimal; null when it has none. */
  share: number | null;
}

export interface NpsFigures {
  score: number | null;
  low: number | null;
  high: number | null;
  responses: number;
}

export interface Theme {
  key: string;
  label: string;
  /** Every key grouped in the theme; a comment belongs to the theme when it has one of them. */
  keys: string[];
  stems: string[];
  forms: string[];
  count: number;
  /** Percent of all comments, one decimal. */
  share: number | null;
  /** Distinctiveness of the asked category: the ranking's score. */
  score: number;
  byCategory: Record<NpsCategory, CategoryFigures>;
  /** NPS of the answers that mention the theme against those that do not: what drives the score. */
  nps: { with: NpsFigures; without: NpsFigures };
  examples: { id: string; text: string }[];
  /** With `withCommentIds`: the comments that mention the theme. */
  commentIds?: string[];
}

const CATEGORIES: readonly NpsCategory[] = ['detractor', 'passive', 'promoter'];
const CATEGORY_INDEX: Record<NpsCategory, number> = { detractor: 0, passive: 1, promoter: 2 };
/** Comments without a score are counted in totals and in no category. */
const NO_CATEGORY = 3;

/** Normalised PMI a two-word candidate needs to be a phrase; 0 is independence, 1 always together. */
const COLLOCATION_NPMI = 0.35;
/** A typo is folded only into a key at least this many times as frequent. */
const TYPO_RATIO = 5;
const TYPO_MIN_LENGTH = 5;
const EXAMPLES = 3;
const FORMS_SHOWN = 12;

const isPhrase = (key: string) => key.includes(' ');
const bare = (key: string) => (key.startsWith(NEGATION) ? key.slice(1) : key);
/** The words of a key, negation carried by each. */
function components(key: string): string[] {
  const negated = key.startsWith(NEGATION);
  return bare(key)
    .split(' ')
    .map((w) => (negated ? NEGATION + w : w));
}

interface Prepared {
  category: number;
  keys: string[];
  forms: string[];
}

function prepare(comments: ThemeComment[], language: DetectedLanguage | undefined): { items: Prepared[]; kept: ThemeComment[] } {
  const items: Prepared[] = [];
  const kept: ThemeComment[] = [];
  for (const c of comments) {
    let keys = c.terms;
    let forms = c.forms;
    let lang = c.language;
    if (!keys || (language && !lang)) {
      const a = analyzeComment(c.text ?? '', c.locale);
      keys ??= a.terms;
      forms ??= keys === a.terms ? a.forms : undefined;
      lang ??= a.language;
    }
    if (language && (lang ?? localeLanguage(c.locale)) !== language) continue;
    items.push({ category: c.nps === null ? NO_CATEGORY : CATEGORY_INDEX[npsCategory(c.nps)], keys, forms: forms ?? keys });
    kept.push(c);
  }
  return { items, kept };
}

/** Each string with one letter removed. */
function deletions(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i += 1) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/**
 * Rare stems one insertion, deletion or substitution away from a much more frequent stem with the
 * same first letter, mapped to it. Short stems are left alone: "prix" and "pris" are two words.
 */
function typoMap(totals: Map<string, number>): Map<string, string> {
  const byDeletion = new Map<string, string>();
  const frequent = [...totals].filter(([k]) => !isPhrase(k) && !k.startsWith(NEGATION) && k.length >= TYPO_MIN_LENGTH - 1);
  frequent.sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  for (const [k] of frequent) for (const d of [k, ...deletions(k)]) if (!byDeletion.has(d)) byDeletion.set(d, k);
  const map = new Map<string, string>();
  for (const [k, n] of totals) {
    if (isPhrase(k) || k.startsWith(NEGATION) || k.length < TYPO_MIN_LENGTH) continue;
    let best: string | undefined;
    let bestN = n * TYPO_RATIO - 1;
    const consider = (f: string | undefined) => {
      if (f === undefined || f === k || f[0] !== k[0]) return;
      const fn = totals.get(f) ?? 0;
      if (fn > bestN) {
        best = f;
        bestN = fn;
      }
    };
    consider(byDeletion.get(k));
    for (const d of deletions(k)) {
      consider(totals.has(d) ? d : undefined);
      consider(byDeletion.get(d));
    }
    if (best) map.set(k, best);
  }
  return map;
}

function canonical(key: string, typos: Map<string, string>): string {
  if (typos.size === 0) return key;
  const negated = key.startsWith(NEGATION);
  const words = bare(key).split(' ');
  const fixed = words.map((w) => typos.get(w) ?? w).join(' ');
  return negated ? NEGATION + fixed : fixed;
}

interface KeyStats {
  key: string;
  /** Comments per category index (detractor, passive, promoter, none). */
  counts: [number, number, number, number];
  total: number;
  score: number;
}

/**
 * c-TF-IDF as BERTopic writes it, on comment counts: the key's share of the target class's
 * mentions times log(1 + A / f), A the average mentions per class and f the key's count over the
 * classes. With 'contrast', times √(1 − rate in the contrast / rate in the target), rates smoothed
 * by half a comment: 0 for a key as common on both sides, 1 for one the contrast never uses.
 */
function scoreKeys(stats: KeyStats[], target: number[], contrast: number[], size: number[], method: RankingMethod): void {
  const sum = (arr: readonly number[], idx: number[]) => idx.reduce((s, i) => s + arr[i]!, 0);
  const nT = sum(size, target);
  const nC = sum(size, contrast);
  let totalT = 0;
  let totalC = 0;
  for (const s of stats) {
    totalT += sum(s.counts, target);
    totalC += sum(s.counts, contrast);
  }
  const average = (totalT + totalC) / 2;
  for (const s of stats) {
    const a = sum(s.counts, target);
    const b = sum(s.counts, contrast);
    s.score = a === 0 || totalT === 0 ? 0 : (a / totalT) * Math.log(1 + average / (a + b));
    if (method === 'contrast') {
      const rateT = (a + 0.5) / (nT + 1);
      const rateC = (b + 0.5) / (nC + 1);
      s.score *= Math.sqrt(Math.max(0, 1 - rateC / rateT));
    }
  }
}

function contrastOf(category: NpsCategory): { target: number[]; contrast: number[] } {
  if (category === 'detractor') return { target: [0], contrast: [2] };
  if (category === 'promoter') return { target: [2], contrast: [0] };
  return { target: [1], contrast: [0, 2] };
}

function npsFigures(counts: [number, number, number]): NpsFigures {
  const [d, n, p] = counts;
  const summary = npsFromCounts(p, n, d);
  const interval = npsInterval(p, n, d);
  return { score: summary.score, low: interval?.low ?? null, high: interval?.high ?? null, responses: summary.responses };
}

/** The most frequent way of writing a key, accented spelling preferred among spellings that fold alike. */
function bestForm(forms: Map<string, number>): string | undefined {
  const groups = new Map<string, { n: number; variants: [string, number][] }>();
  for (const [form, n] of forms) {
    const g = groups.get(foldWord(form)) ?? { n: 0, variants: [] };
    g.n += n;
    g.variants.push([form, n]);
    groups.set(foldWord(form), g);
  }
  let best: { n: number; variants: [string, number][] } | undefined;
  for (const g of groups.values()) if (!best || g.n > best.n) best = g;
  if (!best) return undefined;
  const marks = (s: string) => s.length - foldWord(s).length + (s.normalize('NFD').length - s.length);
  best.variants.sort((a, b) => marks(b[0]) - marks(a[0]) || b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return best.variants[0]![0];
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The themes of a set of comments, most distinctive of `category` first. */
export function extractThemes(input: ExtractThemesInput): Theme[] {
  return themesByCategory(input, [input.category ?? 'detractor'])[input.category ?? 'detractor'] ?? [];
}

/**
 * The themes of each of `categories` over the same comments: what depends on the comments alone
 * (their keys, folded and counted per category; the candidate keys) is worked out once, the
 * ranking once per category. A dashboard shows detractors' and promoters' themes side by side.
 */
export function themesByCategory(input: Omit<ExtractThemesInput, 'category'>, categories: readonly NpsCategory[]): Partial<Record<NpsCategory, Theme[]>> {
  const index = indexComments(input);
  const out: Partial<Record<NpsCategory, Theme[]>> = {};
  for (const category of categories) out[category] = index ? rankThemes(index, category, input) : [];
  return out;
}

/** The comments' keys, folded and counted per category, and the keys frequent enough to rank. */
function indexComments(input: Omit<ExtractThemesInput, 'category'>) {
  const { items, kept } = prepare(input.comments, input.language);
  const all = items.length;
  if (all === 0) return undefined;
  const minSupport = input.minSupport ?? Math.max(3, Math.ceil(all * 0.002));

  // Pass 1: raw keys as integers, and how many comments hold each (for the typo folding).
  const rawIds = new Map<string, number>();
  const rawKeys: string[] = [];
  const rawTotals: number[] = [];
  const rawComment: Int32Array[] = [];
  for (const it of items) {
    const ids = new Int32Array(it.keys.length);
    it.keys.forEach((k, i) => {
      let id = rawIds.get(k);
      if (id === undefined) {
        id = rawKeys.length;
        rawIds.set(k, id);
        rawKeys.push(k);
        rawTotals.push(0);
      }
      rawTotals[id]! += 1;
      ids[i] = id;
    });
    rawComment.push(ids);
  }
  const typos = typoMap(new Map(rawKeys.map((k, id) => [k, rawTotals[id]!])));

  // Each raw key's folded key, computed once per distinct key.
  const ids = new Map<string, number>();
  const stats: KeyStats[] = [];
  const canonicalId = new Int32Array(rawKeys.length);
  rawKeys.forEach((raw, rid) => {
    const key = canonical(raw, typos);
    let id = ids.get(key);
    if (id === undefined) {
      id = stats.length;
      ids.set(key, id);
      stats.push({ key, counts: [0, 0, 0, 0], total: 0, score: 0 });
    }
    canonicalId[rid] = id;
  });

  // Pass 2, over integers only: each folded key once per comment, counted per category.
  const lastSeen = new Int32Array(stats.length).fill(-1);
  const commentKeys: Int32Array[] = [];
  const size = [0, 0, 0, 0];
  items.forEach((it, ci) => {
    size[it.category]! += 1;
    const raw = rawComment[ci]!;
    const keys = new Int32Array(raw.length);
    let n = 0;
    for (let i = 0; i < raw.length; i += 1) {
      const id = canonicalId[raw[i]!]!;
      if (lastSeen[id] === ci) continue;
      lastSeen[id] = ci;
      keys[n++] = id;
      const s = stats[id]!;
      s.counts[it.category]! += 1;
      s.total += 1;
    }
    commentKeys.push(n === keys.length ? keys : keys.slice(0, n));
  });

  const totalOf = (key: string) => {
    const id = ids.get(key);
    return id === undefined ? 0 : stats[id]!.total;
  };
  const collocation = (s: KeyStats) => {
    if (isLexiconPhrase(s.key)) return true;
    const words = bare(s.key).split(' ');
    if (words.length !== 2) return false;
    const pab = s.total / all;
    if (pab >= 1) return true;
    const pmi = Math.log(pab / ((totalOf(words[0]!) / all) * (totalOf(words[1]!) / all)));
    return pmi / -Math.log(pab) >= COLLOCATION_NPMI;
  };
  const candidates = stats.filter((s) => s.total >= minSupport && (!isPhrase(s.key) || collocation(s)));
  return { items, kept, all, ids, stats, rawComment, canonicalId, commentKeys, size, candidates };
}

type CommentIndex = NonNullable<ReturnType<typeof indexComments>>;

/** One category's themes from the index; scores are rewritten on each call. */
function rankThemes(index: CommentIndex, category: NpsCategory, input: Pick<ExtractThemesInput, 'method' | 'limit' | 'withCommentIds'>): Theme[] {
  const { items, kept, all, ids, stats, rawComment, canonicalId, commentKeys, size, candidates } = index;
  const method = input.method ?? 'contrast';
  const limit = input.limit ?? 10;
  const { target, contrast } = contrastOf(category);
  scoreKeys(candidates, target, contrast, size, method);
  const ranked = candidates.filter((s) => s.score > 0).sort((a, b) => b.score - a.score || b.total - a.total || (a.key < b.key ? -1 : 1));

  // Greedy grouping: the seed's words are the theme's anchors, and only they attract.
  const groups: { anchors: Set<string>; members: KeyStats[] }[] = [];
  for (const s of ranked) {
    const words = components(s.key);
    const home = groups.find((g) => words.some((w) => g.anchors.has(w)));
    if (home) home.members.push(s);
    else groups.push({ anchors: new Set(words), members: [s] });
  }

  // A word used mostly inside a phrase of another theme ("client" in "service client") is that
  // theme, whichever of the two ranked first.
  for (let bi = groups.length - 1; bi >= 0; bi -= 1) {
    const seed = groups[bi]!.members[0]!;
    if (isPhrase(seed.key)) continue;
    const home = groups.find(
      (g, gi) => gi !== bi && g.members.some((m) => isPhrase(m.key) && components(m.key).includes(seed.key) && m.total * 2 >= seed.total),
    );
    if (home) {
      home.members.push(...groups[bi]!.members);
      groups.splice(bi, 1);
    }
  }

  // Each group's comments: the union of its keys' comments.
  const groupOfKey = new Map<number, number[]>();
  groups.forEach((g, gi) => {
    for (const m of g.members) {
      const id = ids.get(m.key)!;
      const list = groupOfKey.get(id) ?? [];
      list.push(gi);
      groupOfKey.set(id, list);
    }
  });
  const postings: number[][] = groups.map(() => []);
  const mark = new Int32Array(groups.length).fill(-1);
  commentKeys.forEach((keys, ci) => {
    for (const id of keys) {
      for (const gi of groupOfKey.get(id) ?? []) {
        if (mark[gi] === ci) continue;
        mark[gi] = ci;
        postings[gi]!.push(ci);
      }
    }
  });

  const themeStats: KeyStats[] = groups.map((g, gi) => {
    const counts: [number, number, number, number] = [0, 0, 0, 0];
    for (const ci of postings[gi]!) counts[items[ci]!.category]! += 1;
    return { key: g.members[0]!.key, counts, total: postings[gi]!.length, score: 0 };
  });
  scoreKeys(themeStats, target, contrast, size, method);
  const order = groups
    .map((_, gi) => gi)
    .filter((gi) => themeStats[gi]!.score > 0)
    .sort((a, b) => themeStats[b]!.score - themeStats[a]!.score || themeStats[b]!.total - themeStats[a]!.total)
    .slice(0, limit);

  const overall: [number, number, number] = [size[0]!, size[1]!, size[2]!];
  return order.map((gi) => {
    const g = groups[gi]!;
    const st = themeStats[gi]!;
    const memberKeys = new Set(g.members.map((m) => m.key));
    const memberIds = new Set(g.members.map((m) => ids.get(m.key)!));

    // Surface forms, read only for the theme's own comments.
    const formsByKey = new Map<string, Map<string, number>>();
    const allForms = new Map<string, number>();
    for (const ci of postings[gi]!) {
      const it = items[ci]!;
      const raw = rawComment[ci]!;
      it.keys.forEach((_, i) => {
        const key = stats[canonicalId[raw[i]!]!]!.key;
        if (!memberKeys.has(key)) return;
        const form = it.forms[i] ?? key;
        const m = formsByKey.get(key) ?? new Map<string, number>();
        m.set(form, (m.get(form) ?? 0) + 1);
        formsByKey.set(key, m);
        allForms.set(form, (allForms.get(form) ?? 0) + 1);
      });
    }

    // The label names the member most comments use, a phrase counting double: "Service client"
    // over "Service" when most mentions of service are of the customer service.
    let labelKey = g.members[0]!;
    const weight = (m: KeyStats) => m.total * (isPhrase(m.key) ? 2 : 1);
    for (const m of g.members) if (weight(m) > weight(labelKey)) labelKey = m;
    const label = capitalise(bestForm(formsByKey.get(labelKey.key) ?? new Map()) ?? bare(labelKey.key));

    const withCounts: [number, number, number] = [st.counts[0], st.counts[1], st.counts[2]];
    const withoutCounts: [number, number, number] = [overall[0] - withCounts[0], overall[1] - withCounts[1], overall[2] - withCounts[2]];

    const byCategory = Object.fromEntries(
      CATEGORIES.map((c) => {
        const i = CATEGORY_INDEX[c];
        return [c, { count: st.counts[i]!, share: percent1(st.counts[i]!, size[i]!) }];
      }),
    ) as Record<NpsCategory, CategoryFigures>;

    return {
      key: labelKey.key,
      label,
      keys: g.members.map((m) => m.key),
      stems: [...new Set(g.members.flatMap((m) => components(m.key)))],
      forms: [...allForms].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, FORMS_SHOWN).map(([f]) => f),
      count: st.total,
      share: percent1(st.total, all),
      score: Math.round(st.score * 1000) / 1000,
      byCategory,
      nps: { with: npsFigures(withCounts), without: npsFigures(withoutCounts) },
      examples: examples(postings[gi]!, memberIds, commentKeys, items, kept, target),
      ...(input.withCommentIds ? { commentIds: postings[gi]!.map((ci) => kept[ci]!.id) } : {}),
    };
  });
}

/**
 * Three comments that show the theme: of the asked category when it has them, those whose keys
 * are most about this theme (the share of their keys in it), then the more recent.
 */
function examples(posting: number[], members: Set<number>, commentKeys: Int32Array[], items: Prepared[], kept: ThemeComment[], target: number[]): { id: string; text: string }[] {
  type Ranked = { ci: number; own: number; focus: number };
  const before = (a: Ranked, b: Ranked) =>
    b.own - a.own ||
    b.focus - a.focus ||
    (kept[b.ci]!.createdAt ?? 0) - (kept[a.ci]!.createdAt ?? 0) ||
    (kept[a.ci]!.id < kept[b.ci]!.id ? -1 : 1);
  // The best few by one scan (a theme may hold half of 100k comments), with room for duplicates.
  const room = EXAMPLES * 4;
  const rank: Ranked[] = [];
  for (const ci of posting) {
    const keys = commentKeys[ci]!;
    let inTheme = 0;
    for (const id of keys) if (members.has(id)) inTheme += 1;
    const r = { ci, own: target.includes(items[ci]!.category) ? 1 : 0, focus: inTheme / Math.max(1, keys.length) };
    if (rank.length === room && before(r, rank[room - 1]!) >= 0) continue;
    let at = rank.length;
    while (at > 0 && before(r, rank[at - 1]!) < 0) at -= 1;
    rank.splice(at, 0, r);
    if (rank.length > room) rank.pop();
  }
  const candidates = rank.map((r) => kept[r.ci]!);
  // Texts not read: every candidate, for the caller to read and thin out (distinctExamples).
  if (candidates.some((c) => c.text === undefined)) return candidates.map((c) => ({ id: c.id, text: c.text ?? '' }));
  return distinctExamples(candidates.map((c) => ({ id: c.id, text: c.text! })));
}

/**
 * Three distinct examples from a theme's candidates (given without their texts) once the texts
 * are read: the same thinning extractThemes does when it has them.
 */
export function distinctExamples(candidates: readonly { id: string; text: string }[]): { id: string; text: string }[] {
  const out: { id: string; text: string }[] = [];
  const texts = new Set<string>();
  for (const c of candidates) {
    const t = foldWord(c.text.trim());
    if (texts.has(t)) continue;
    texts.add(t);
    out.push(c);
    if (out.length === EXAMPLES) break;
  }
  return out;
}

/** The method, in words, for the themes route's `definitions`. */
export const THEMES_DEFINITIONS = {
  keys: 'Each comment is read once when it arrives, in its answer’s language or the one detected: words are folded by a Snowball stemmer and accents removed, stop words and mere judgements (“great”, “déçu”) dropped, names of several words kept whole (a hand-kept list per language, and pairs of words the comments show go together: normalised PMI ≥ 0.35), and a negated word kept apart from the word (“pas rapide”).',
  ranking: 'Class-based TF-IDF (as in BERTopic) of the category asked against the others, counted per comment, times √(1 − contrast rate ÷ category rate): a topic every category mentions as often scores 0. Detractors are contrasted with promoters, promoters with detractors, passives with both.',
  grouping: 'A phrase and its words form one theme (“livraison” and “délai de livraison”); a misspelling one letter from a much more frequent word is folded into it.',
  nps: 'The NPS of the scored answers whose comment mentions the theme, against those whose comment does not.',
} as const;
