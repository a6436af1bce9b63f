// How long the themes engine takes on 100k comments: the per-comment analysis (done once, at
// ingest) and the ranking over stored keys (what the themes route pays). The hand-labelled corpus,
// replicated with a serial number appended so no two texts are equal. Prints the figures.
//   npx tsx collector/bench/themes-speed.ts [comments]
import { readFileSync } from 'node:fs';
import { analyzeComment } from '../src/domain/themes/analyze';
import { extractThemes, type ThemeComment } from '../src/domain/themes/themes';

const N = Number(process.argv[2] ?? 100_000);
const corpus = JSON.parse(readFileSync(new URL('../test/fixtures/themes-corpus.json', import.meta.url), 'utf8')) as { id: string; text: string; locale?: string; nps: number }[];
const raw = Array.from({ length: N }, (_, i) => {
  const e = corpus[i % corpus.length]!;
  return { id: `${e.id}-${i}`, text: `${e.text} #${i}`, locale: e.locale, nps: e.nps };
});

let t = performance.now();
const stored: ThemeComment[] = raw.map((e) => {
  const a = analyzeComment(e.text, e.locale);
  return { id: e.id, text: e.text, nps: e.nps, terms: a.terms, forms: a.forms, language: a.language };
});
const analysis = performance.now() - t;

const runs: [string, () => unknown][] = [
  ['detractors, all languages', () => extractThemes({ comments: stored })],
  ['promoters, all languages', () => extractThemes({ comments: stored, category: 'promoter' })],
  ['detractors, French only', () => extractThemes({ comments: stored, language: 'fr' })],
];
console.log(`${N} comments`);
console.log(`analysis (once per comment, at ingest): ${(analysis / 1000).toFixed(1)} s, ${((analysis * 1000) / N).toFixed(0)} µs per comment`);
for (const [name, run] of runs) {
  run(); // warm-up
  const times: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  console.log(`extractThemes over stored keys, ${name}: median ${times[2]!.toFixed(0)} ms (min ${times[0]!.toFixed(0)}, max ${times[4]!.toFixed(0)})`);
}
