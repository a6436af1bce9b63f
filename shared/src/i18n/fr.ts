import type { Messages } from './messages';

// Before « ? » and « ! » French sets a narrow no-break space (U+202F), so they never wrap alone.
export default {
  npsQuestion: 'Quelle est la probabilité que vous recommandiez {product} à un ami ou à un collègue\u202f?',
  npsLow: 'Pas du tout probable',
  npsHigh: 'Très probable',
  csatQuestion: 'Quel est votre niveau de satisfaction concernant {product}\u202f?',
  csatLow: 'Très insatisfait',
  csatHigh: 'Très satisfait',
  commentDetractor: 'Que devrions-nous améliorer\u202f?',
  commentPassive: 'Que pourrions-nous faire pour mériter un 10\u202f?',
  commentPromoter: 'Qu’appréciez-vous le plus\u202f?',
  commentCsatLow: 'Nous en sommes désolés. Que s’est-il passé\u202f?',
  commentCsatHigh: 'Ravis de l’apprendre\u202f! Qu’avez-vous le plus apprécié\u202f?',
  commentOnly: 'Souhaitez-vous nous faire part d’une remarque ou d’une suggestion\u202f?',
  commentPlaceholder: 'Dites-nous-en plus…',
  consent: 'Vous pouvez citer mon commentaire',
  submit: 'Envoyer',
  skip: 'Passer',
  thanks: 'Merci pour votre retour\u202f!',
  close: 'Fermer',
} satisfies Messages;
