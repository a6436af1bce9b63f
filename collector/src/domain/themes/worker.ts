// The themes worker thread: reads every comment of the range asked on a connection of its own and
// ranks their themes, so the event loop only ever sees the question and the (small) answer.
import fs from 'node:fs';
import os from 'node:os';
import { parentPort } from 'node:worker_threads';
import { openCommentReader, type CommentReader, type StoreLocation } from '../../store';
import type { CommentQuery, CommentRow } from '../../store/types';
import type { DetectedLanguage } from './analyze';
import { distinctExamples, themesByCategory, type Theme, type ThemeComment } from './themes';
import type { NpsCategory } from '@plaudit/shared';

export interface ThemesJob {
  id: number;
  location: StoreLocation;
  query: CommentQuery;
  /** Ranked each against the others over the same comments, read once. */
  categories: NpsCategory[];
  language?: DetectedLanguage;
  limit: number;
  /** Read at most this many comments, the newest. */
  maxComments: number;
}

export type ThemesReply = { id: number; themes: Partial<Record<NpsCategory, Theme[]>>; comments: number; truncated: boolean } | { id: number; error: string };

// Like the SQLite reader, this thread takes the CPU the requests leave (see store/sqlite/worker.mjs).
try {
  const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
  if (tid > 0) os.setPriority(tid, 10);
} catch {
  // Not Linux, or not allowed: the default priority.
}

const readers = new Map<string, Promise<CommentReader>>();
const readerFor = (location: StoreLocation) => {
  const key = JSON.stringify(location);
  let reader = readers.get(key);
  if (!reader) {
    reader = openCommentReader(location);
    readers.set(key, reader);
  }
  return reader;
};

/**
 * The comments of the range as the engine takes them: stored keys, no text. A comment stored
 * before keys were kept is read and analysed here.
 */
async function themeComments(reader: CommentReader, rows: CommentRow[]): Promise<ThemeComment[]> {
  const missing = rows.filter((r) => r.keys === null).map((r) => r.seq);
  const texts = missing.length ? await reader.texts(missing) : new Map();
  return rows.map((row) => {
    const comment: ThemeComment = { id: String(row.seq), nps: row.nps, createdAt: row.createdAt };
    if (row.keys === null) {
      const t = texts.get(row.seq);
      comment.text = t?.text ?? '';
      comment.locale = t?.locale ?? null;
    } else {
      const keys = JSON.parse(row.keys) as { language: DetectedLanguage; terms: string[]; forms: string[] };
      comment.terms = keys.terms;
      comment.forms = keys.forms;
      comment.language = keys.language;
    }
    return comment;
  });
}

/** Each theme's example candidates, read and thinned to three distinct texts, with response ids. */
async function withExamples(reader: CommentReader, themes: Theme[]): Promise<Theme[]> {
  const seqs = [...new Set(themes.flatMap((t) => t.examples.map((e) => Number(e.id))))];
  const texts = await reader.texts(seqs);
  return themes.map((t) => ({
    ...t,
    examples: distinctExamples(t.examples.flatMap((e) => {
      const found = texts.get(Number(e.id));
      return found ? [{ id: found.id, text: found.text }] : [];
    })),
  }));
}

// One question at a time: two ranges' comments held at once could pass the heap's limit, which
// the main thread's --max-old-space-size sets for this thread too (it overrides resourceLimits).
let queue: Promise<void> = Promise.resolve();
parentPort!.on('message', (message: ThemesJob | { close: true }) => {
  queue = queue.then(() => handle(message));
});

async function handle(message: ThemesJob | { close: true }): Promise<void> {
  if ('close' in message) {
    for (const reader of readers.values()) await (await reader).close().catch(() => {});
    parentPort!.close();
    return;
  }
  try {
    const reader = await readerFor(message.location);
    const rows = await reader.read({ ...message.query, limit: message.maxComments + 1 });
    const truncated = rows.length > message.maxComments;
    const comments = await themeComments(reader, rows.slice(0, message.maxComments));
    const ranked = themesByCategory({ comments, language: message.language, limit: message.limit }, message.categories);
    const themes: Partial<Record<NpsCategory, Theme[]>> = {};
    for (const category of message.categories) themes[category] = await withExamples(reader, ranked[category] ?? []);
    parentPort!.postMessage({ id: message.id, themes, comments: comments.length, truncated } satisfies ThemesReply);
  } catch (error) {
    parentPort!.postMessage({ id: message.id, error: error instanceof Error ? error.message : String(error) } satisfies ThemesReply);
  }
}
