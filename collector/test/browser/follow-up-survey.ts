// A survey's follow-up questions with one of each type, in English and French, and the widget's
// texts around them: for the follow-up browser tests and the screenshots.

export const FOLLOW_UPS = [
  {
    id: 'found_us',
    type: 'single',
    prompt: { en: 'How did you find us?', fr: 'Comment nous avez-vous connus\u202f?' },
    options: [
      { id: 'search', label: { en: 'A search engine', fr: 'Un moteur de recherche' } },
      { id: 'instagram', label: { en: 'Instagram', fr: 'Instagram' } },
      { id: 'friend', label: { en: 'A friend told me', fr: 'Un ami m’en a parlé' } },
      { id: 'press', label: { en: 'An article or a magazine', fr: 'Un article ou un magazine' } },
    ],
    other: true,
    shuffle: true,
    required: true,
  },
  {
    id: 'improve',
    type: 'multiple',
    prompt: { en: 'What could we improve?', fr: 'Que pourrions-nous améliorer\u202f?' },
    options: [
      { id: 'delivery', label: { en: 'Delivery time', fr: 'Le délai de livraison' } },
      { id: 'price', label: { en: 'Prices', fr: 'Les prix' } },
      { id: 'choice', label: { en: 'Choice of products', fr: 'Le choix de produits' } },
      { id: 'support', label: { en: 'Customer service', fr: 'Le service client' } },
    ],
    other: true,
    shownTo: { npsGroups: ['detractor'] },
  },
  {
    id: 'ease',
    type: 'rating',
    scale: 7,
    prompt: { en: 'How easy was it to place your order?', fr: 'Était-il facile de passer commande\u202f?' },
    low: { en: 'Very difficult', fr: 'Très difficile' },
    high: { en: 'Very easy', fr: 'Très facile' },
    required: true,
  },
  {
    id: 'why_us',
    type: 'text',
    prompt: { en: 'Why did you choose us over another shop?', fr: 'Pourquoi nous avoir choisis plutôt qu’une autre boutique\u202f?' },
  },
];

/** The widget's own texts on those steps. */
export const TEXTS = {
  en: { next: 'Next', skip: 'Skip', send: 'Send', other: 'Other', otherPlease: 'Other (please say)', thanks: 'Thank you for your feedback!' },
  fr: { next: 'Suivant', skip: 'Passer', send: 'Envoyer', other: 'Autre', otherPlease: 'Autre (précisez)', thanks: 'Merci pour votre retour\u202f!' },
};
