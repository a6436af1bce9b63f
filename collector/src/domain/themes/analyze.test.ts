import { describe, expect, it } from 'vitest';
import { analyzeComment, detectLanguage, isLexiconPhrase } from './analyze';

const terms = (text: string, locale?: string) => analyzeComment(text, locale).terms;

describe('analyzeComment: one key per word family', () => {
  it.each([
    ['fr', ['livraison', 'livraisons', 'livré', 'livrée', 'livrer'], 'livraison'],
    ['fr', ['remboursement', 'rembourser', 'remboursé', 'remboursements'], 'rembours'],
    ['fr', ['délai', 'délais', 'delai', 'DÉLAI'], 'delai'],
    ['fr', ['emballage', 'emballé', 'emballages'], 'emballag'],
    ['en', ['delivery', 'delivered', 'deliveries', 'deliver'], 'deliv'],
    ['en', ['refund', 'refunded', 'refunds', 'refunding'], 'refund'],
    ['en', ['website', 'site', 'sites'], 'site'],
  ])('%s folds %j to %s', (locale, words, key) => {
    for (const w of words) expect(terms(w, locale)).toEqual([key]);
  });
});

describe('analyzeComment: stop words and fillers go, topics stay', () => {
  it.each([
    ['fr', 'Le colis est là', ['colis']],
    ['fr', 'Super, merci, top !', []],
    ['fr', 'Parfait, rien à dire.', []],
    ['en', 'Great, thanks, would recommend!', []],
    ['en', 'It was the box', ['box']],
    ['fr', 'LIVRAISON RAPIDE', ['livraison', 'livraison rapid', 'rapid']],
    ['fr', 'Site trèèès lent', ['site', 'lent']],
  ])('%s %j → %j', (locale, text, expected) => {
    expect(terms(text, locale)).toEqual(expected);
  });
});

describe('analyzeComment: phrases kept whole', () => {
  it.each([
    ['fr', 'Le service client est injoignable', 'servic client'],
    ['fr', 'Délai de livraison trop long', 'delai livraison'],
    ['fr', 'delais livraison pas respectés', 'delai livraison'],
    ['fr', 'Le délai de la livraison', 'delai livraison'],
    ['fr', 'Les frais de port sont élevés', 'frais port'],
    ['en', 'Customer support was slow', 'custom support'],
    ['en', 'Out of stock again', 'out stock'],
    ['en', 'Great value for money', 'valu money'],
  ])('%s %j has %s', (locale, text, key) => {
    expect(terms(text, locale)).toContain(key);
    expect(isLexiconPhrase(key)).toBe(true);
  });

  it('gives each key the words the comment used for it', () => {
    const a = analyzeComment('Délai de livraison trop long', 'fr');
    expect(a.forms).toHaveLength(a.terms.length);
    expect(a.forms[a.terms.indexOf('delai livraison')]).toBe('délai de livraison');
  });

  it('does not join words across punctuation', () => {
    expect(terms('Service, client fidèle', 'fr')).not.toContain('servic client');
  });
});

describe('analyzeComment: negation', () => {
  it.each([
    ['fr', 'Livraison pas rapide du tout', '!rapid', 'rapid'],
    ['fr', 'pas très rapide', '!rapid', 'rapid'],
    ['fr', 'Le service client ne répond pas', '!repons', 'repons'],
    ['fr', "Le colis n'est pas arrivé", '!arriv', 'arriv'],
    ['fr', 'Pas cher du tout', '!cher', 'cher'],
    ['fr', 'Aucune réponse à mes mails', '!repons', 'repons'],
    ['en', 'Support was not helpful at all', '!help', 'help'],
    ['en', "Parcel didn't arrive", '!arriv', 'arriv'],
    ['en', 'it never arrived', '!arriv', 'arriv'],
    ['en', 'parcel hasnt arrived', '!arriv', 'arriv'],
    ['en', 'No tracking number given', '!track number', 'track number'],
  ])('%s %j has %s and not %s', (locale, text, negated, plain) => {
    const t = terms(text, locale);
    expect(t).toContain(negated);
    expect(t).not.toContain(plain);
  });

  it.each([
    ['fr', 'Aucun problème, rien à redire'],
    ['fr', 'pas de souci'],
    ['en', 'No problem at all'],
    ['en', 'no complaints'],
  ])('%s %j: a negated complaint is satisfaction, no topic', (locale, text) => {
    expect(terms(text, locale)).toEqual([]);
  });

  it('negates only within the clause', () => {
    expect(terms('Pas de souci. Rapide.', 'fr')).toEqual(['rapid']);
  });
});

describe('analyzeComment: language', () => {
  it.each([
    ['Livraison rapide, merci', 'fr'],
    ['colis abîmé', 'fr'],
    ['le site rame', 'fr'],
    ['tres decu, commande jamais recu', 'fr'],
    ['Emballage soigné', 'fr'],
    ['Prix correct', 'fr'],
    ['Great', 'en'],
    ['parcel arrived damaged', 'en'],
    ['refund took ages', 'en'],
    ['support not helpful', 'en'],
    ['Nice packaging', 'en'],
    ['checkout kept crashing', 'en'],
    ['Die Lieferung war sehr schnell, danke', 'de'],
    ['El pedido llegó muy rápido, gracias', 'es'],
    ['👍', 'und'],
    ['', 'und'],
  ])('%j is %s', (text, language) => {
    expect(detectLanguage(text)).toBe(language);
    expect(analyzeComment(text).language).toBe(language);
  });

  it('takes the answer’s locale when the engine reads it, detects otherwise', () => {
    expect(analyzeComment('fast', 'fr-CA').language).toBe('fr');
    expect(analyzeComment('Livraison rapide', 'it').language).toBe('fr');
    expect(analyzeComment('Livraison rapide', null).language).toBe('fr');
  });
});
