// Per-comment analysis: what one comment talks about, as theme keys. It runs once per comment (at
// ingest, or when a comment is edited) so that ranking themes over a site's whole history reads
// stored keys and never the text again (see themes.ts).
//
// A key is one of:
// - a stem: Snowball's stem of a word that is neither a stop word nor a filler, accents folded
//   so "délai" and "delai" meet, and derivations joined by the lexicon ("livré" → livraison);
// - a phrase: the stems of a multi-word name joined by spaces ("delai livraison",
//   "custom support"), from the lexicon's list, or a candidate pair of adjacent words that
//   themes.ts keeps only when the comments show it is a collocation;
// - a negation: "!" and the stem or phrase it negates ("pas rapide" → "!rapid"), never counted as
//   the word itself, so praise and complaint about the same word stay apart.
// Each key comes with the words as the comment wrote them, from which labels are made.
import { stemmer as stemEn } from '@orama/stemmers/english';
import { stemmer as stemFr } from '@orama/stemmers/french';
import { stemmer as stemDe } from '@orama/stemmers/german';
import { stemmer as stemEs } from '@orama/stemmers/spanish';
import { deu, eng, fra, spa } from 'stopword';
import { createRequire } from 'node:module';
import { LEXICONS, THEME_LANGUAGES, type Lexicon, type ThemeLanguage } from './lexicon';

export type { ThemeLanguage } from './lexicon';

// tinyld's language profiles take about 0.1 s to load. The themes worker, which starts cold for
// a dashboard's first question, needs them only for a comment stored without its keys (rare), so
// they load on the first guess; the collector loads them at start (warmLanguageDetection), before
// any request, so that no request pays for it on the event loop.
const requireCjs = createRequire(import.meta.url);
let detectAll: typeof import('tinyld').detectAll | undefined;
const detector = () => (detectAll ??= (requireCjs('tinyld') as typeof import('tinyld')).detectAll);

/** Loads the language detector now (the collector's start calls it). */
export function warmLanguageDetection(): void {
  detector();
}
export type DetectedLanguage = ThemeLanguage | 'und';

export interface CommentAnalysis {
  /** The language the comment was read in: its answer's locale, or detected; 'und' when nothing tells. */
  language: DetectedLanguage;
  /** Theme keys, each once, in order of first appearance. */
  terms: string[];
  /** The comment's own words for each key, lower-cased, `forms[i]` for `terms[i]`. */
  forms: string[];
}

/** Marks a negated key. */
export const NEGATION = '!';

/** Lower case, accents and ligatures folded: how words are compared. */
export function foldWord(word: string): string {
  return word.toLowerCase().normalize('NFD').replace(/\p{M}+/gu, '').replace(/œ/g, 'oe').replace(/æ/g, 'ae');
}

/** "loooong", "trèèès": three or more of a letter are one, so shouted words meet their plain form. */
const squeeze = (word: string) => word.replace(/(\p{L})\1{2,}/gu, '$1');

const STEMMERS: Record<ThemeLanguage, (word: string) => string> = { en: stemEn, fr: stemFr, de: stemDe, es: stemEs };
const STOP_WORDS: Record<ThemeLanguage, readonly string[]> = { en: eng, fr: fra, de: deu, es: spa };

interface Element {
  /** Stem for a content word, folded word for a connector. */
  value: string;
  /** Connectors ("de", "of") may be left out by the writer: "délai livraison". */
  optional: boolean;
}

interface Phrase {
  elements: Element[];
  key: string;
}

interface Pipeline {
  language: DetectedLanguage;
  stem: (folded: string, lower: string) => string;
  stop: ReadonlySet<string>;
  fillers: ReadonlySet<string>;
  negators: ReadonlySet<string>;
  preNegators: ReadonlySet<string>;
  bridges: ReadonlySet<string>;
  negatedFillers: ReadonlySet<string>;
  /** Phrases by the value of their first element, longest first. */
  phrases: ReadonlyMap<string, Phrase[]>;
}

const CONNECTORS = new Set(['de', 'du', 'des', 'd', 'la', 'le', 'l', 'of', 'for', 'the', 'a', 'to', 'del', 'el', 'der', 'die', 'das']);

function buildPipeline(language: ThemeLanguage): Pipeline {
  const lexicon: Lexicon = LEXICONS[language];
  const snowball = STEMMERS[language];
  // Stemmed as written (Snowball's French rules read accents), then folded, then joined to its
  // family: "livrée" → livr → livraison.
  const stem = (folded: string, lower: string) => {
    const s = foldWord(snowball(lower));
    return lexicon.families[s] ?? s;
  };
  const stemWord = (word: string) => {
    const lower = squeeze(word.toLowerCase());
    return stem(foldWord(lower), lower);
  };
  const stop = new Set([...STOP_WORDS[language], ...lexicon.extraStopWords].map(foldWord));
  const negators = new Set(lexicon.negators.map(foldWord));
  const preNegators = new Set(lexicon.preNegators.map(foldWord));
  const bridges = new Set(lexicon.negationBridges.map(foldWord));
  // Fillers match by word and by stem, so every inflection of "recommander" goes.
  const fillers = new Set<string>();
  for (const w of lexicon.fillers) {
    fillers.add(foldWord(w));
    fillers.add(stemWord(w));
  }
  const negatedFillers = new Set<string>();
  for (const w of lexicon.negatedFillers) {
    negatedFillers.add(foldWord(w));
    negatedFillers.add(stemWord(w));
  }
  const phrases = new Map<string, Phrase[]>();
  for (const text of lexicon.phrases) {
    const words = tokenize(text).map((t) => t.word);
    const elements = words.map((w): Element => {
      const folded = foldWord(w);
      return CONNECTORS.has(folded) ? { value: folded, optional: true } : { value: stemWord(w), optional: false };
    });
    const key = elements.filter((e) => !e.optional).map((e) => e.value).join(' ');
    const first = elements[0]!.value;
    const list = phrases.get(first) ?? [];
    list.push({ elements, key });
    list.sort((a, b) => b.elements.length - a.elements.length);
    phrases.set(first, list);
  }
  return { language, stem, stop, fillers, negators, preNegators, bridges, negatedFillers, phrases };
}

/** Comments in no language we can tell: words folded, every language's stop words and fillers dropped, nothing stemmed. */
function buildNeutralPipeline(): Pipeline {
  const all = THEME_LANGUAGES.map((l) => PIPELINES[l]);
  const union = (pick: (p: Pipeline) => ReadonlySet<string>) => new Set(all.flatMap((p) => [...pick(p)]));
  return {
    language: 'und',
    stem: (folded) => folded,
    stop: union((p) => p.stop),
    fillers: union((p) => p.fillers),
    negators: union((p) => p.negators),
    preNegators: new Set(),
    bridges: union((p) => p.bridges),
    negatedFillers: union((p) => p.negatedFillers),
    phrases: new Map(),
  };
}

interface Token {
  word: string;
  start: number;
  end: number;
  /** Punctuation between this token and the one before: no phrase, pair or negation crosses it. */
  breakBefore: boolean;
  /** An English "n't" follows: the token negates what comes next ("didn't", "can't"). */
  negates: boolean;
}

const WORD = /[\p{L}\p{M}]+/gu;
const BREAK = /[.,;:!?()[\]{}\n\r…/|•+=]|\s-\s|\p{Extended_Pictographic}/u;
const APOSTROPHE = /^['’]$/;

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const start = m.index;
    const word = m[0];
    const gap = text.slice(last, start);
    // "didn't": the "t" after an apostrophe makes the word before it a negator.
    if (word.toLowerCase() === 't' && APOSTROPHE.test(gap) && tokens.length > 0) {
      tokens[tokens.length - 1]!.negates = true;
      last = start + word.length;
      continue;
    }
    tokens.push({ word, start, end: start + word.length, breakBefore: tokens.length === 0 || BREAK.test(gap), negates: false });
    last = start + word.length;
  }
  return tokens;
}

// Built once at load, after the tokenizer they use.
const PIPELINES = Object.fromEntries(THEME_LANGUAGES.map((l) => [l, buildPipeline(l)])) as Record<ThemeLanguage, Pipeline>;
const NEUTRAL = buildNeutralPipeline();

const LEXICON_PHRASES = new Set(THEME_LANGUAGES.flatMap((l) => [...PIPELINES[l].phrases.values()].flat().map((p) => p.key)));

/** Whether a phrase key (negated or not) names one of the lexicon's phrases: kept without a collocation test. */
export function isLexiconPhrase(key: string): boolean {
  return LEXICON_PHRASES.has(key.startsWith(NEGATION) ? key.slice(1) : key);
}

type Kind = 'stop' | 'filler' | 'content';

interface Word {
  token: Token;
  folded: string;
  stem: string;
  kind: Kind;
  negator: boolean;
}

function readWords(tokens: Token[], p: Pipeline): Word[] {
  return tokens.map((token) => {
    const lower = squeeze(token.word.toLowerCase());
    const folded = foldWord(lower);
    const negator = token.negates || p.negators.has(folded);
    let kind: Kind;
    let stem = folded;
    if (folded.length < 2 || p.stop.has(folded)) kind = 'stop';
    else {
      stem = p.stem(folded, lower);
      kind = p.fillers.has(folded) || p.fillers.has(stem) ? 'filler' : 'content';
    }
    return { token, folded, stem, kind, negator };
  });
}

/** The longest lexicon phrase starting at word i: its key and the index after its last word. */
function matchPhrase(words: Word[], i: number, p: Pipeline): { key: string; end: number } | undefined {
  const first = words[i]!;
  const candidates = p.phrases.get(first.kind === 'stop' ? first.folded : first.stem);
  if (!candidates) return undefined;
  for (const phrase of candidates) {
    let j = i + 1;
    let ok = true;
    for (const element of phrase.elements.slice(1)) {
      const w = words[j];
      const here = w !== undefined && !w.token.breakBefore;
      if (here && (element.optional ? w.folded === element.value : w.stem === element.value && w.kind !== 'stop')) {
        j += 1;
        continue;
      }
      if (element.optional) continue;
      // One stray connector the list did not foresee ("délai de la livraison").
      const next = words[j + 1];
      if (here && w.kind === 'stop' && next && !next.token.breakBefore && next.stem === element.value) {
        j += 2;
        continue;
      }
      ok = false;
      break;
    }
    if (ok) return { key: phrase.key, end: j };
  }
  return undefined;
}

function surface(text: string, from: Token, to: Token): string {
  return text.slice(from.start, to.end).toLowerCase().replace(/\s+/g, ' ');
}

/** A negation as written, or its two ends when the writer put more between ("never got my refund" → "never … refund" is no label; "never refund" reads as one). */
function negatedSurface(text: string, from: Token, to: Token): string {
  const span = surface(text, from, to);
  return span.split(' ').length <= 3 ? span : `${from.word.toLowerCase()} ${surface(text, to, to)}`;
}

function pipelineFor(language: DetectedLanguage): Pipeline {
  return language === 'und' ? NEUTRAL : PIPELINES[language];
}

/** The theme keys of one comment, with the language it was read in. */
export function analyzeComment(text: string, locale?: string | null): CommentAnalysis {
  const fromLocale = localeLanguage(locale);
  const language = fromLocale ?? detectLanguage(text);
  const p = pipelineFor(language);
  const words = readWords(tokenize(text), p);
  const found = new Map<string, string>();
  const add = (key: string, form: string) => {
    if (!found.has(key)) found.set(key, form);
  };

  let i = 0;
  while (i < words.length) {
    const w = words[i]!;
    if (p.preNegators.has(w.folded)) {
      // "ne répond pas": the verb between the halves is what is negated, and the second half is
      // spent on it. With nothing but stop words between ("n'est pas arrivé"), the second half
      // negates what follows it, as usual.
      let k = i + 1;
      while (k < words.length && k - i <= 3 && !words[k]!.token.breakBefore && !words[k]!.negator) k += 1;
      const closing = words[k];
      const verb = words.slice(i + 1, k).find((x) => x.kind === 'content');
      if (closing && closing.negator && k - i <= 3 && !closing.token.breakBefore && verb) {
        if (!p.negatedFillers.has(verb.folded) && !p.negatedFillers.has(verb.stem)) add(NEGATION + verb.stem, surface(text, w.token, closing.token));
        i = k + 1;
        continue;
      }
    }
    if (w.negator) {
      // The negated word is the first one that is not a bridge ("not very helpful"), within
      // three words and the same clause.
      let j = i + 1;
      while (j < words.length && j - i <= 3 && !words[j]!.token.breakBefore && !words[j]!.negator && (p.bridges.has(words[j]!.folded) || words[j]!.kind === 'stop')) j += 1;
      const target = words[j];
      if (target && j - i <= 3 && !target.token.breakBefore && !target.negator) {
        const phrase = matchPhrase(words, j, p);
        if (phrase) {
          add(NEGATION + phrase.key, surface(text, w.token, words[phrase.end - 1]!.token));
          i = phrase.end;
          continue;
        }
        if (target.kind === 'content' && !p.negatedFillers.has(target.folded) && !p.negatedFillers.has(target.stem)) {
          add(NEGATION + target.stem, negatedSurface(text, w.token, target.token));
        }
        // A negated filler ("pas mal", "no problem") or stop word says nothing about a topic;
        // either way the word is not counted as itself.
        i = j + 1;
        continue;
      }
      i += 1;
      continue;
    }
    const phrase = matchPhrase(words, i, p);
    if (phrase) add(phrase.key, surface(text, w.token, words[phrase.end - 1]!.token));
    if (w.kind === 'content') {
      add(w.stem, squeeze(w.token.word.toLowerCase()));
      // A candidate pair with the next content word of the clause, one connector allowed
      // between; themes.ts keeps it only if the comments show it is a collocation.
      let j = i + 1;
      if (words[j] && words[j]!.kind === 'stop' && CONNECTORS.has(words[j]!.folded) && !words[j]!.token.breakBefore) j += 1;
      const next = words[j];
      if (next && next.kind === 'content' && !next.negator && !next.token.breakBefore && next.stem !== w.stem) {
        add(`${w.stem} ${next.stem}`, surface(text, w.token, next.token));
      }
    }
    i += 1;
  }
  return { language, terms: [...found.keys()], forms: [...found.values()] };
}

/** The supported language of a locale such as "fr-CA", if any. */
export function localeLanguage(locale: string | null | undefined): ThemeLanguage | undefined {
  if (!locale) return undefined;
  const base = locale.toLowerCase().split(/[-_]/)[0];
  return THEME_LANGUAGES.find((l) => l === base);
}

// ---------- language ----------

// tinyld reads character n-grams and is good on sentences, but a web-shop comment is often two or
// three words ("colis abîmé", "Nice packaging"), where n-grams say little. Words that belong to
// one language only (its stop words, fillers, lexicon and a few markers, minus any word another
// language also has) settle those; tinyld's confidence breaks ties and carries longer comments.
const EXCLUSIVE = ((): Record<ThemeLanguage, ReadonlySet<string>> => {
  const own = new Map<ThemeLanguage, Set<string>>();
  for (const l of THEME_LANGUAGES) {
    const lx = LEXICONS[l];
    const words = [...STOP_WORDS[l], ...lx.extraStopWords, ...lx.fillers, ...lx.markers, ...lx.negators, ...lx.phrases.flatMap((t) => t.split(/[\s']+/))];
    own.set(l, new Set(words.map(foldWord).filter((w) => w.length > 1)));
  }
  const only = (l: ThemeLanguage) => new Set([...own.get(l)!].filter((w) => THEME_LANGUAGES.every((o) => o === l || !own.get(o)!.has(w))));
  return { en: only('en'), fr: only('fr'), de: only('de'), es: only('es') };
})();

const ACCENTS: Partial<Record<ThemeLanguage, RegExp>> = { fr: /[éèêëàâçùûîïôœ]/i, es: /[ñ¿¡áíóú]/i, de: /[äöüß]/i };

/** The comment's language among those the engine reads, or 'und' when nothing points anywhere. */
export function detectLanguage(text: string): DetectedLanguage {
  const score: Record<ThemeLanguage, number> = { en: 0, fr: 0, de: 0, es: 0 };
  for (const m of text.matchAll(WORD)) {
    const w = foldWord(squeeze(m[0]));
    for (const l of THEME_LANGUAGES) if (EXCLUSIVE[l].has(w)) score[l] += 1;
  }
  for (const l of THEME_LANGUAGES) if (ACCENTS[l]?.test(text)) score[l] += 0.5;
  // tinyld costs about five times the rest of the analysis: asked only when the words do not
  // already settle it by two or more.
  const [first = 0, second = 0] = Object.values(score).sort((a, b) => b - a);
  if (first - second < 2) {
    for (const { lang, accuracy } of detector()(text, { only: [...THEME_LANGUAGES] })) {
      if (lang in score) score[lang as ThemeLanguage] += 1.5 * accuracy;
    }
  }
  let best: DetectedLanguage = 'und';
  let top = 0;
  for (const l of THEME_LANGUAGES) {
    if (score[l] > top) {
      top = score[l];
      best = l;
    }
  }
  return best;
}

/** What is stored beside a comment (responses.comment_keys): its analysis as JSON. */
export function commentKeysJson(text: string, locale?: string | null): string {
  return JSON.stringify(analyzeComment(text, locale));
}
