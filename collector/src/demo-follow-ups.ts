// The demo shop's questions after its NPS score, and its next step for promoters. `pnpm seed`
// answers them with the same ids, so their results tell a story (see scripts/seed/answers.ts).
import type { Cta, FollowUpQuestion } from '@plaudit/shared';

export const DEMO_FOLLOW_UPS: FollowUpQuestion[] = [
  {
    id: 'found_us',
    type: 'single',
    prompt: { en: 'How did you find us?', fr: 'Comment nous avez-vous connus\u202f?' },
    options: [
      { id: 'search', label: { en: 'A search engine', fr: 'Un moteur de recherche' }, retired: false },
      { id: 'instagram', label: { en: 'Instagram', fr: 'Instagram' }, retired: false },
      { id: 'friend', label: { en: 'A friend told me', fr: 'Un ami m’en a parlé' }, retired: false },
      { id: 'press', label: { en: 'An article or a magazine', fr: 'Un article ou un magazine' }, retired: false },
      { id: 'fair', label: { en: 'A craft fair', fr: 'Un salon d’artisans' }, retired: false },
    ],
    other: true,
    shuffle: true,
    retired: false,
  },
  {
    id: 'improve',
    type: 'multiple',
    prompt: { en: 'What could we improve?', fr: 'Que pourrions-nous améliorer\u202f?' },
    options: [
      { id: 'delivery', label: { en: 'Delivery time', fr: 'Le délai de livraison' }, retired: false },
      { id: 'price', label: { en: 'Prices', fr: 'Les prix' }, retired: false },
      { id: 'choice', label: { en: 'Choice of products', fr: 'Le choix de produits' }, retired: false },
      { id: 'website', label: { en: 'The website', fr: 'Le site' }, retired: false },
      { id: 'support', label: { en: 'Customer service', fr: 'Le service client' }, retired: false },
    ],
    other: true,
    shuffle: true,
    shownTo: { npsGroups: ['detractor', 'passive'] },
    retired: false,
  },
];

export const DEMO_CTA: Cta = {
  kind: 'review',
  url: 'https://example.com/reviews/atelier-lumen',
  label: { en: 'Leave a review', fr: 'Laisser un avis' },
  message: { en: 'Would you tell others about us?', fr: 'En parleriez-vous autour de vous\u202f?' },
};
