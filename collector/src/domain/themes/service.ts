// The main thread's side of the themes worker: one thread, started on first use, its answers kept
// for a minute. Themes are ranked over every comment of a range, which takes a few hundred
// milliseconds at a hundred thousand comments: too long for the event loop, fine for a report
// read by a person. Freshness: an answer is at most `ttlMs` old (a minute by default), and the
// same question asked while it is being worked out waits for that one run rather than starting
// another.
import type { Worker } from 'node:worker_threads';
import { THEME_CATEGORIES, type NpsCategory } from '@plaudit/shared';
import type { StoreLocation } from '../../store';
import type { CommentQuery } from '../../store/types';
import { startWorker } from '../../lib/worker-thread';
import type { DetectedLanguage } from './analyze';
import type { Theme } from './themes';
import type { ThemesJob, ThemesReply } from './worker';

export interface ThemesQuestion {
  query: CommentQuery;
  category: NpsCategory;
  language?: DetectedLanguage;
  limit: number;
}

export interface ThemesAnswer {
  themes: Theme[];
  /** Comments read. */
  comments: number;
  /** More comments matched than are read (the newest were). */
  truncated: boolean;
  /** When this answer was worked out (ms). */
  computedAt: number;
}

export interface ThemesServiceOptions {
  ttlMs?: number;
  timeoutMs?: number;
  /** The thread ends after this long without a question, giving its memory back. */
  idleMs?: number;
  /** Comments read per question at most, the newest. */
  maxComments?: number;
}

const CACHED = 200;

/** A range's themes for every category. */
interface RangeAnswer extends Omit<ThemesAnswer, 'themes'> {
  themes: Partial<Record<NpsCategory, Theme[]>>;
}

export class ThemesService {
  private worker: Worker | undefined;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (r: ThemesReply) => void; reject: (e: Error) => void }>();
  private readonly cache = new Map<string, { at: number; answer: Promise<RangeAnswer> }>();
  private readonly ttlMs: number;
  private readonly timeoutMs: number;
  private readonly idleMs: number;
  private idleTimer: NodeJS.Timeout | undefined;
  readonly maxComments: number;
  private closed = false;

  constructor(
    private readonly location: StoreLocation,
    options: ThemesServiceOptions = {},
  ) {
    this.ttlMs = options.ttlMs ?? 60_000;
    this.timeoutMs = options.timeoutMs ?? 60_000;
    // A range's keys take tens of megabytes while ranked; V8 keeps such a heap long after, so the
    // thread does not outlive its work by much (starting one again costs about 0.1 s).
    this.idleMs = options.idleMs ?? 30_000;
    // The newest 100,000: measured to fit the heap `pnpm start` gives each thread (256 MB, which
    // a worker's resourceLimits cannot raise) with room to spare; 250,000 did not.
    this.maxComments = options.maxComments ?? 100_000;
  }

  /**
   * One range's comments are read once for every category: a dashboard asks for detractors' and
   * promoters' themes side by side, and the second question waits on the first's run (the read and
   * the parsing of 100,000 comments' keys cost more than ranking them again).
   */
  async themes(question: ThemesQuestion): Promise<ThemesAnswer> {
    const { category, ...range } = question;
    const key = JSON.stringify(range);
    const now = Date.now();
    let hit = this.cache.get(key);
    if (!hit || now - hit.at >= this.ttlMs) {
      const answer = this.run(range).then((r) => ({ ...r, computedAt: Date.now() }));
      // A failure is not kept: the next request tries again.
      answer.catch(() => this.cache.delete(key));
      hit = { at: now, answer };
      this.cache.delete(key);
      this.cache.set(key, hit);
      if (this.cache.size > CACHED) this.cache.delete(this.cache.keys().next().value!);
    }
    const answer = await hit.answer;
    return { themes: answer.themes[category] ?? [], comments: answer.comments, truncated: answer.truncated, computedAt: answer.computedAt };
  }

  private async run(range: Omit<ThemesQuestion, 'category'>): Promise<Omit<RangeAnswer, 'computedAt'>> {
    if (this.closed) throw new Error('closing');
    const worker = this.start();
    const id = this.nextId++;
    const job: ThemesJob = { id, location: this.location, ...range, categories: [...THEME_CATEGORIES], maxComments: this.maxComments };
    const reply = await new Promise<ThemesReply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new Error(`themes took longer than ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      this.pending.set(id, {
        resolve: (r) => (clearTimeout(timer), resolve(r)),
        reject: (e) => (clearTimeout(timer), reject(e)),
      });
      worker.postMessage(job);
    });
    if (this.pending.size === 0) this.idleSoon();
    if ('error' in reply) throw new Error(reply.error);
    return { themes: reply.themes, comments: reply.comments, truncated: reply.truncated };
  }

  private idleSoon(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.pending.size > 0 || !this.worker) return;
      const worker = this.worker;
      this.worker = undefined;
      void worker.terminate();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  private start(): Worker {
    clearTimeout(this.idleTimer);
    if (this.worker) return this.worker;
    const worker = startWorker(new URL('./themes-worker.js', import.meta.url), new URL('./worker.ts', import.meta.url), {
      // Its own heap of up to 1 GB when the process sets no limit; `pnpm start`'s
      // --max-old-space-size=256 overrides this (Node's rule), hence maxComments.
      resourceLimits: { maxOldGenerationSizeMb: 1024 },
    });
    worker.on('message', (reply: ThemesReply) => {
      const p = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      p?.resolve(reply);
    });
    const fail = (error: Error) => {
      for (const p of this.pending.values()) p.reject(error);
      this.pending.clear();
      // The next question starts a new thread.
      this.worker = undefined;
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.worker === worker) fail(new Error(`themes worker exited with code ${code}`));
    });
    // Idle, it must not keep the process alive.
    worker.unref();
    this.worker = worker;
    return worker;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.idleTimer);
    const worker = this.worker;
    this.worker = undefined;
    for (const p of this.pending.values()) p.reject(new Error('closing'));
    this.pending.clear();
    if (worker) await worker.terminate();
  }
}
