import type { TextKey } from '@plaudit/shared';

/** What each survey text is for, in French (TEXT_KEY_DESCRIPTIONS of @plaudit/shared says it in English). */
export const TEXT_KEY_FR: Record<TextKey, string> = {
  npsQuestion: 'La question de 0 à 10 ; {product} y désigne le nom du produit (ou du site).',
  npsLow: 'Libellé sous 0.',
  npsHigh: 'Libellé sous 10.',
  csatQuestion: 'La question de 1 à 5 ; {product} comme ci-dessus.',
  csatLow: 'Libellé sous 1.',
  csatHigh: 'Libellé sous 5.',
  commentDetractor: '« Pourquoi ? » après une note de 0 à 6.',
  commentPassive: '« Pourquoi ? » après 7 ou 8.',
  commentPromoter: '« Pourquoi ? » après 9 ou 10.',
  commentCsatLow: '« Pourquoi ? » après une satisfaction de 1 à 3.',
  commentCsatHigh: '« Pourquoi ? » après 4 ou 5.',
  commentOnly: 'La question d’une enquête qui ne demande qu’un commentaire.',
  commentPlaceholder: 'Texte indicatif de la zone de commentaire.',
  consent: 'Libellé de la case « vous pouvez me citer ».',
  submit: 'Le bouton d’envoi.',
  skip: 'Le bouton qui passe le commentaire.',
  thanks: 'Le message de fin.',
  close: 'Nom accessible du bouton de fermeture.',
  next: 'Le bouton qui passe à la question suivante.',
  other: 'Le choix « Autre » d’une question complémentaire.',
  otherPlease: 'Le libellé de la zone de texte « Autre ».',
  newTab: 'Lu après le lien proposé aux promoteurs : il s’ouvre dans un nouvel onglet.',
};
