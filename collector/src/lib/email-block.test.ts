import { describe, expect, it } from 'vitest';
import { emailMessages, renderEmailBlock } from './email-block';

const base = { pageUrl: 'https://c.example/s/sv_1?t=abc', locale: 'en', texts: {}, productName: 'Atelier' };

describe('renderEmailBlock', () => {
  it.each([
    ['nps', 11, 0, 10],
    ['csat', 5, 1, 5],
  ] as const)('gives a %s survey %i buttons linking to the hosted page with their score', (question, count, first, last) => {
    const html = renderEmailBlock({ ...base, question });
    const links = [...html.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
    expect(links).toHaveLength(count);
    expect(links[0]).toBe(`https://c.example/s/sv_1?t=abc&score=${first}`);
    expect(links.at(-1)).toBe(`https://c.example/s/sv_1?t=abc&score=${last}`);
    // What every mail client renders: tables and inline styles, nothing that runs.
    expect(html).not.toMatch(/<script|<style|<img|class=/i);
  });

  it('asks in the survey’s words and language, with the product named and escaped', () => {
    const html = renderEmailBlock({ ...base, question: 'csat', locale: 'fr', productName: 'Café <Lumen>', texts: { fr: { csatQuestion: 'Comment s’est passé votre paiement chez {product} ?' } } });
    expect(html).toContain('Comment s’est passé votre paiement chez Café &lt;Lumen&gt; ?');
    expect(html).toContain('Très satisfait');
    expect(html).not.toContain('<Lumen>');
  });

  it('falls back to English for a language without a table, keeping the overrides of that language', () => {
    expect(emailMessages('pt-BR', { pt: { npsQuestion: 'Recomendaria?' } }).npsQuestion).toBe('Recomendaria?');
    expect(emailMessages('pt-BR', {}).npsLow).toBe('Not at all likely');
  });
});
