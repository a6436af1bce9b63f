import { describe, expect, it } from 'vitest';
import { ReportCache } from './report-cache';

function clock() {
  let t = 1_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('ReportCache', () => {
  it('works a question out once while it is kept, then again after ttl', async () => {
    const c = clock();
    const cache = new ReportCache(60_000, 10, c.now);
    let runs = 0;
    const compute = async () => ++runs;
    expect(await cache.get('st_a', 'churn', compute)).toBe(1);
    c.advance(59_999);
    expect(await cache.get('st_a', 'churn', compute)).toBe(1);
    c.advance(1);
    expect(await cache.get('st_a', 'churn', compute)).toBe(2);
  });

  it('shares one run between questions asked while it runs', async () => {
    const cache = new ReportCache();
    let runs = 0;
    let finish!: (v: number) => void;
    const compute = () => (runs++, new Promise<number>((resolve) => (finish = resolve)));
    const both = Promise.all([cache.get('st_a', 'q', compute), cache.get('st_a', 'q', compute)]);
    finish(7);
    expect(await both).toEqual([7, 7]);
    expect(runs).toBe(1);
  });

  it('keeps sites and questions apart, and drops one site’s answers only', async () => {
    const cache = new ReportCache();
    let runs = 0;
    const compute = async () => ++runs;
    await cache.get('st_a', 'q1', compute);
    await cache.get('st_a', 'q2', compute);
    await cache.get('st_b', 'q1', compute);
    expect(runs).toBe(3);
    cache.drop('st_a');
    expect(await cache.get('st_b', 'q1', compute)).toBe(3);
    expect(await cache.get('st_a', 'q1', compute)).toBe(4);
  });

  it('does not keep a failure', async () => {
    const cache = new ReportCache();
    await expect(cache.get('st_a', 'q', () => Promise.reject(new Error('database down')))).rejects.toThrow('database down');
    expect(await cache.get('st_a', 'q', async () => 'ok')).toBe('ok');
  });

  it('holds at most `max` answers, the oldest leaving first', async () => {
    const cache = new ReportCache(60_000, 2);
    let runs = 0;
    const compute = async () => ++runs;
    await cache.get('st_a', 'q1', compute);
    await cache.get('st_a', 'q2', compute);
    await cache.get('st_a', 'q3', compute);
    expect(cache.size).toBe(2);
    expect(await cache.get('st_a', 'q3', compute)).toBe(3);
    expect(await cache.get('st_a', 'q1', compute)).toBe(4);
  });

  it('does not keep an answer whose reading began before a change', async () => {
    const cache = new ReportCache();
    let finish!: (v: string) => void;
    const slow = cache.get('st_a', 'q', () => new Promise<string>((resolve) => (finish = resolve)));
    cache.drop('st_a');
    finish('before the import');
    expect(await slow).toBe('before the import');
    expect(await cache.get('st_a', 'q', async () => 'after the import')).toBe('after the import');
  });
});
