// Synthetic comments, French and English, by sentiment and theme. A comment is one theme
// sentence, sometimes a second one and a sign-off, with products and delays filled in, so a
// million rows do not repeat the same few strings and a word search finds plausible themes.
import type { Prng } from './prng';
import { WeightedChoice } from './prng';

export type Sentiment = 'detractor' | 'passive' | 'promoter';
export type Language = 'fr' | 'en';
export const THEMES = ['delivery', 'price', 'support', 'quality', 'website', 'returns', 'range'] as const;
export type Theme = (typeof THEMES)[number];

type Bank = Record<Language, Record<Sentiment, Record<Theme, readonly string[]>>>;

// {product}, {days} and {name} are filled in when a comment is drawn; products are all singular,
// and the French sentences avoid agreeing with their gender.
const SENTENCES: Bank = {
  fr: {
    detractor: {
      delivery: [
        'Livraison en retard de {days} jours, sans aucune nouvelle.',
        'Colis arrivé abîmé, la boîte était écrasée.',
        'Le suivi du colis ne fonctionne pas, impossible de savoir où en est ma commande.',
        'Livré chez un voisin alors que j’étais là toute la journée.',
        'Trois semaines pour recevoir {product}, c’est beaucoup trop long.',
      ],
      price: [
        'Trop cher par rapport à la concurrence.',
        'Les frais de port sont exorbitants.',
        'Le prix a augmenté de 20 % en quelques mois, je ne comprends pas.',
        'Promotion annoncée mais non appliquée au panier.',
      ],
      support: [
        'Le service client ne répond pas, j’ai envoyé {days} mails.',
        'Personne au téléphone, on attend 40 minutes pour rien.',
        'Réponse automatique à côté de la plaque, aucune aide réelle.',
        'On m’a promis un rappel qui n’est jamais venu.',
      ],
      quality: [
        '{product} : en panne au bout de deux semaines.',
        'Qualité très décevante, rien à voir avec les photos.',
        'Produit reçu avec un défaut, finitions bâclées.',
        'La taille ne correspond pas du tout au guide.',
      ],
      website: [
        'Le site plante au moment du paiement.',
        'Impossible de modifier ma commande une fois validée.',
        'Trop de pop-ups, on ne trouve rien.',
        'Le paiement a été refusé trois fois sans explication.',
      ],
      returns: [
        'Remboursement toujours pas reçu après {days} semaines.',
        'Le retour est payant, ce n’était pas indiqué.',
        'Procédure de retour beaucoup trop compliquée.',
      ],
      range: [
        'Toujours en rupture de stock sur ce que je cherche.',
        'Le choix a beaucoup diminué, dommage.',
        'Article annoncé disponible puis annulé après la commande.',
      ],
    },
    passive: {
      delivery: [
        'Livraison correcte mais un peu lente.',
        'Délai de livraison dans la moyenne, rien de plus.',
        'Bien reçu, mais le créneau de livraison n’a pas été respecté.',
      ],
      price: [
        'Prix corrects, sans plus.',
        'Un peu cher mais la qualité suit à peu près.',
        'J’aimerais plus de promotions pour les clients fidèles.',
      ],
      support: [
        'Service client poli mais lent à répondre.',
        'Problème résolu, mais il a fallu relancer deux fois.',
        'Réponse correcte, même si j’ai dû tout réexpliquer.',
      ],
      quality: [
        '{product} fait le travail, sans plus.',
        'Bonne qualité dans l’ensemble, quelques petits défauts.',
        'Conforme à la description, rien d’exceptionnel.',
      ],
      website: [
        'Site pratique, mais la recherche pourrait être meilleure.',
        'L’application est un peu lente sur mobile.',
        'Les filtres ne sont pas toujours pertinents.',
      ],
      returns: [
        'Retour accepté, mais le remboursement a pris du temps.',
        'Échange possible, même si la procédure est longue.',
      ],
      range: [
        'Bon choix, mais il manque des tailles.',
        'Il manque quelques marques que je trouve ailleurs.',
      ],
    },
    promoter: {
      delivery: [
        'Livraison ultra rapide, reçu en {days} jours !',
        'Colis bien emballé et livré à l’heure.',
        'Livraison en point relais très pratique.',
        'Commandé le soir, reçu le surlendemain, parfait.',
      ],
      price: [
        'Très bon rapport qualité-prix.',
        'Les meilleurs prix que j’ai trouvés pour {product}.',
        'Livraison gratuite appréciable.',
      ],
      support: [
        'Service client au top, merci à {name} !',
        'Réponse rapide et efficace du support.',
        'Conseiller très aimable qui a trouvé une solution tout de suite.',
        'Un vrai service client humain, ça fait plaisir.',
      ],
      quality: [
        '{product} est d’excellente qualité, je recommande.',
        'Produits solides et bien finis.',
        'Exactement comme sur les photos, très satisfait.',
        'J’utilise {product} tous les jours depuis des mois, impeccable.',
      ],
      website: [
        'Site clair et commande en deux minutes.',
        'L’application est simple et agréable.',
        'Paiement rapide et sans souci.',
      ],
      returns: [
        'Retour gratuit et remboursement en 48 h, bravo.',
        'Échange de taille sans aucune difficulté.',
      ],
      range: [
        'Large choix, je trouve toujours ce qu’il me faut.',
        'Beaucoup de nouveautés à chaque visite.',
      ],
    },
  },
  en: {
    detractor: {
      delivery: [
        'Delivery was {days} days late and nobody told me why.',
        'The parcel arrived damaged, the box was crushed.',
        'Tracking never updated, I had no idea where my order was.',
        'It took three weeks to get {product}, far too long.',
        'Left at the wrong address, had to chase the courier myself.',
      ],
      price: [
        'Too expensive compared to other shops.',
        'Shipping costs are ridiculous.',
        'Prices went up a lot this year.',
        'The discount code was not applied at checkout.',
      ],
      support: [
        'Customer service never answered my {days} emails.',
        'Waited 40 minutes on the phone and gave up.',
        'Canned answers that did not address my problem at all.',
        'Was promised a call back that never came.',
      ],
      quality: [
        '{product} broke after two weeks.',
        'Very poor quality, nothing like the pictures.',
        'Arrived with a defect, sloppy finish.',
        'Sizing is completely off.',
      ],
      website: [
        'The site crashed during payment.',
        'No way to change my order once placed.',
        'Too many pop-ups, I could not find anything.',
        'Card declined three times with no explanation.',
      ],
      returns: [
        'Still waiting for my refund after {days} weeks.',
        'Returns are not free and that was not clear.',
        'The returns process is a nightmare.',
      ],
      range: [
        'Always out of stock on what I need.',
        'The range has shrunk a lot, shame.',
        'Item shown as available, then cancelled after I ordered.',
      ],
    },
    passive: {
      delivery: [
        'Delivery was fine but a bit slow.',
        'Average delivery time, nothing special.',
        'Got it, but outside the delivery slot I chose.',
      ],
      price: [
        'Prices are OK, nothing more.',
        'A bit pricey, but the quality is mostly there.',
        'Would like more offers for regular customers.',
      ],
      support: [
        'Support was polite but slow.',
        'Issue solved, but I had to follow up twice.',
        'Decent answer, though I had to explain everything again.',
      ],
      quality: [
        '{product} does the job, nothing more.',
        'Good quality overall, a few small flaws.',
        'As described, nothing exceptional.',
      ],
      website: [
        'Handy site, but search could be better.',
        'The app is a little slow on my phone.',
        'Filters are not always relevant.',
      ],
      returns: [
        'Return accepted, but the refund took a while.',
        'Exchange was possible, though the process is long.',
      ],
      range: [
        'Good selection, but sizes are missing.',
        'A few brands I buy elsewhere are missing.',
      ],
    },
    promoter: {
      delivery: [
        'Super fast delivery, got it in {days} days!',
        'Well packed and on time.',
        'Pickup point delivery is really convenient.',
        'Ordered in the evening, arrived two days later. Perfect.',
      ],
      price: [
        'Great value for money.',
        'Best price I found for {product}.',
        'Free shipping is a big plus.',
      ],
      support: [
        'Amazing support, thanks {name}!',
        'Quick and helpful answer from support.',
        'Friendly agent who sorted it out right away.',
        'Real humans in customer service, love it.',
      ],
      quality: [
        '{product} is excellent quality, highly recommend.',
        'Sturdy, well-made products.',
        'Exactly like the pictures, very happy.',
        'Been using {product} daily for months, flawless.',
      ],
      website: [
        'Clear site, ordered in two minutes.',
        'The app is simple and pleasant to use.',
        'Checkout was quick and painless.',
      ],
      returns: [
        'Free returns and a refund within 48 hours, well done.',
        'Swapped sizes with no hassle at all.',
      ],
      range: [
        'Huge choice, I always find what I need.',
        'Lots of new items every time I visit.',
      ],
    },
  },
};

const SHORT: Record<Language, Record<Sentiment, readonly string[]>> = {
  fr: {
    detractor: ['Déçu.', 'Plus jamais.', 'Nul.', 'Très déçue…'],
    passive: ['Bof.', 'Correct.', 'Peut mieux faire.', 'RAS'],
    promoter: ['Top !', 'Parfait', 'Rien à dire, génial.', 'Merci !', 'Super 👍'],
  },
  en: {
    detractor: ['Disappointed.', 'Never again.', 'Terrible.', 'Not happy.'],
    passive: ['Meh.', 'OK.', 'Could be better.', 'Fine'],
    promoter: ['Great!', 'Perfect', 'Love it', 'Thanks!', 'Awesome 👍'],
  },
};

const SIGN_OFFS: Record<Language, Record<Sentiment, readonly string[]>> = {
  fr: {
    detractor: ['Je ne recommanderai pas.', 'Très déçu.', 'Dommage, j’étais client depuis longtemps.'],
    passive: ['À voir pour la prochaine fois.', 'Peut mieux faire.'],
    promoter: ['Merci !', 'Continuez comme ça.', 'Je recommande à 100 %.'],
  },
  en: {
    detractor: ['Would not recommend.', 'Very disappointed.', 'Shame, I was a loyal customer.'],
    passive: ['We will see next time.', 'Room for improvement.'],
    promoter: ['Thanks!', 'Keep it up.', 'Will definitely order again.'],
  },
};

const PRODUCTS: Record<Language, readonly string[]> = {
  fr: ['la machine à café', 'le casque', 'mon vélo', 'la veste', 'le robot cuiseur', 'la bouilloire', 'la lampe', 'le sac à dos'],
  en: ['the coffee machine', 'the headset', 'my bike', 'the jacket', 'the food processor', 'the kettle', 'the lamp', 'the backpack'],
};
const AGENTS = ['Camille', 'Julien', 'Sarah', 'Mehdi', 'Emma', 'Tom', 'Léa', 'Hugo'];

/** How often each theme comes up, by sentiment: delays anger people, price makes them hesitate. */
const THEME_WEIGHTS: Record<Sentiment, WeightedChoice<Theme>> = {
  detractor: new WeightedChoice([['delivery', 30], ['support', 22], ['quality', 18], ['price', 12], ['returns', 9], ['website', 6], ['range', 3]]),
  passive: new WeightedChoice([['price', 26], ['delivery', 22], ['quality', 18], ['website', 14], ['support', 10], ['range', 6], ['returns', 4]]),
  promoter: new WeightedChoice([['quality', 28], ['delivery', 26], ['support', 18], ['price', 14], ['range', 7], ['website', 5], ['returns', 2]]),
};

function fill(template: string, language: Language, rng: Prng): string {
  if (!template.includes('{')) return template;
  return template
    .replace('{product}', () => rng.pick(PRODUCTS[language]))
    .replace('{days}', () => String(rng.int(2, 9)))
    .replace('{name}', () => rng.pick(AGENTS));
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A comment in `language` for an answer of this sentiment; `themeHint` biases the topic. */
export function drawComment(rng: Prng, language: Language, sentiment: Sentiment, themeHint?: Theme): string {
  if (rng.chance(0.08)) return rng.pick(SHORT[language][sentiment]);
  const bank = SENTENCES[language][sentiment];
  const theme = themeHint && rng.chance(0.6) ? themeHint : THEME_WEIGHTS[sentiment].pick(rng);
  const parts = [capitalize(fill(rng.pick(bank[theme]), language, rng))];
  if (rng.chance(0.22)) {
    // A mixed review: a passive or a detractor often has something good to say too.
    const other = sentiment === 'promoter' || rng.chance(0.5) ? sentiment : 'promoter';
    const second = THEME_WEIGHTS[other].pick(rng);
    if (second !== theme) {
      const joiner = other === sentiment ? '' : language === 'fr' ? 'Par contre, ' : 'On the plus side, ';
      const sentence = fill(rng.pick(SENTENCES[language][other][second]), language, rng);
      parts.push(joiner ? joiner + sentence.charAt(0).toLowerCase() + sentence.slice(1) : capitalize(sentence));
    }
  }
  if (rng.chance(0.15)) parts.push(rng.pick(SIGN_OFFS[language][sentiment]));
  return parts.join(' ');
}
