// A small seeded PRNG (sfc32, seeded through cyrb128) so a seed reproduces the same data set
// on every machine; Math.random cannot be seeded.

/** Hashes a string into four 32-bit seeds (cyrb128). */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

export class Prng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;

  constructor(seed: string) {
    [this.a, this.b, this.c, this.d] = cyrb128(seed);
    for (let i = 0; i < 12; i++) this.uint32();
  }

  /** A uniform 32-bit unsigned integer (sfc32). */
  uint32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    return this.uint32() / 4294967296;
  }

  /** Uniform integer in [min, max], both inclusive. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)]!;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.next());
  }

  /** A random (version 4) UUID drawn from this stream. */
  uuid(): string {
    const w0 = this.uint32();
    const w1 = this.uint32();
    const w2 = (this.uint32() & 0x0fffffff) | 0x40000000;
    const w3 = ((this.uint32() & 0x3fffffff) | 0x80000000) >>> 0;
    // 8-4-4-4-12: the version nibble (4) leads the third group, the variant bits (10) the fourth.
    return (
      HEX[w0 >>> 24]! + HEX[(w0 >>> 16) & 255]! + HEX[(w0 >>> 8) & 255]! + HEX[w0 & 255]! + '-' +
      HEX[w1 >>> 24]! + HEX[(w1 >>> 16) & 255]! + '-' +
      HEX[w2 >>> 24]! + HEX[(w2 >>> 16) & 255]! + '-' +
      HEX[w3 >>> 24]! + HEX[(w3 >>> 16) & 255]! + '-' +
      HEX[(w1 >>> 8) & 255]! + HEX[w1 & 255]! + HEX[(w2 >>> 8) & 255]! + HEX[w2 & 255]! +
      HEX[(w3 >>> 8) & 255]! + HEX[w3 & 255]!
    );
  }
}

/** Picks among items by weight; the weights need not add up to 1. */
export class WeightedChoice<T> {
  private readonly cumulative: number[] = [];
  private readonly total: number;

  constructor(private readonly items: readonly (readonly [T, number])[]) {
    let sum = 0;
    for (const [, w] of items) this.cumulative.push((sum += w));
    this.total = sum;
    if (!(sum > 0)) throw new RangeError('weights must add up to more than 0');
  }

  pick(rng: Prng): T {
    const x = rng.next() * this.total;
    let i = 0;
    while (this.cumulative[i]! <= x) i++;
    return this.items[i]![0];
  }
}
