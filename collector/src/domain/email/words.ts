// The e-mails' words in English and French. French typography: a narrow no-break space before
// « : ; ? ! » and inside guillemets.
export type MailLocale = 'en' | 'fr';

const NNBSP = '\u202f';

export const WORDS = {
  en: {
    alertSubject: (score: string, site: string) => `Detractor: ${score} on ${site}`,
    alertTitle: 'A customer is unhappy',
    alertAnswered: (when: string, survey: string) => `Answered ${when} to “${survey}”.`,
    noComment: 'No comment.',
    customer: (who: string) => `Customer: ${who}`,
    page: (url: string) => `Page: ${url}`,
    open: 'Open in Plaudit',
    alertFooter: 'You get this e-mail for each detractor of this site. Answer them fast: a detractor called back often becomes a promoter.',
    digestSubject: (site: string, from: string, to: string) => `${site}: your week (${from} – ${to})`,
    digestTitle: (from: string, to: string) => `Your week, ${from} – ${to}`,
    answers: (n: number) => `${n} answer${n === 1 ? '' : 's'} this week.`,
    nps: 'Net Promoter Score',
    csat: 'Customer satisfaction',
    none: 'No answer this week.',
    npsLine: (score: string, low: string, high: string) => `NPS ${score} (95% interval ${low} to ${high}).`,
    csatLine: (share: string, mean: string) => `${share}% satisfied (4–5 of 5), mean ${mean}.`,
    change: (diff: number, unit: string, real: boolean, p: string) =>
      diff === 0 ? `No change from the week before (p = ${p}).` : `${diff > 0 ? 'Up' : 'Down'} ${Math.abs(diff)} ${unit} from the week before; ${real ? 'likely real' : 'could be chance'} (p = ${p}).`,
    lowSample: 'Fewer than 30 answers on a side: read the change with care.',
    points: 'points',
    themes: 'What customers talk about',
    detractorThemes: (list: string) => `Detractors: ${list}.`,
    promoterThemes: (list: string) => `Promoters: ${list}.`,
    noThemes: 'Not enough comments this week for themes.',
    quotes: 'Quotes to approve',
    quotesWaiting: (n: number) => `${n} quote${n === 1 ? '' : 's'} waiting for your approval.`,
    uncontacted: 'Detractors not yet contacted',
    uncontactedCount: (n: string) => `${n} detractor${n === '1' ? '' : 's'} of the last 30 days still open.`,
    allContacted: 'Every detractor of the last 30 days has been contacted.',
    digestFooter: 'The weekly digest of Plaudit, sent every Monday.',
    openDashboard: 'Open the dashboard',
  },
  fr: {
    alertSubject: (score: string, site: string) => `Détracteur${NNBSP}: ${score} sur ${site}`,
    alertTitle: 'Un client est mécontent',
    alertAnswered: (when: string, survey: string) => `Réponse du ${when} à «${NNBSP}${survey}${NNBSP}».`,
    noComment: 'Pas de commentaire.',
    customer: (who: string) => `Client${NNBSP}: ${who}`,
    page: (url: string) => `Page${NNBSP}: ${url}`,
    open: 'Ouvrir dans Plaudit',
    alertFooter: 'Vous recevez cet e-mail pour chaque détracteur de ce site. Répondez vite${NNBSP}: un détracteur rappelé devient souvent un promoteur.'.replace('${NNBSP}', NNBSP),
    digestSubject: (site: string, from: string, to: string) => `${site}${NNBSP}: votre semaine (${from} – ${to})`,
    digestTitle: (from: string, to: string) => `Votre semaine, du ${from} au ${to}`,
    answers: (n: number) => `${n} réponse${n > 1 ? 's' : ''} cette semaine.`,
    nps: 'Net Promoter Score',
    csat: 'Satisfaction client',
    none: 'Aucune réponse cette semaine.',
    npsLine: (score: string, low: string, high: string) => `NPS ${score} (intervalle à 95${NNBSP}% de ${low} à ${high}).`,
    csatLine: (share: string, mean: string) => `${share}${NNBSP}% de satisfaits (4–5 sur 5), moyenne ${mean}.`,
    change: (diff: number, unit: string, real: boolean, p: string) =>
      diff === 0
        ? `Pas de changement par rapport à la semaine précédente (p = ${p}).`
        : `${diff > 0 ? 'En hausse' : 'En baisse'} de ${String(Math.abs(diff)).replace('.', ',')} ${unit} par rapport à la semaine précédente${NNBSP}; ${real ? 'sans doute réel' : 'peut-être le hasard'} (p = ${p}).`,
    lowSample: 'Moins de 30 réponses d’un côté${NNBSP}: prudence avec ce changement.'.replace('${NNBSP}', NNBSP),
    points: 'points',
    themes: 'Ce dont parlent les clients',
    detractorThemes: (list: string) => `Détracteurs${NNBSP}: ${list}.`,
    promoterThemes: (list: string) => `Promoteurs${NNBSP}: ${list}.`,
    noThemes: 'Pas assez de commentaires cette semaine pour dégager des thèmes.',
    quotes: 'Citations à approuver',
    quotesWaiting: (n: number) => `${n} citation${n > 1 ? 's' : ''} en attente de votre accord.`,
    uncontacted: 'Détracteurs pas encore contactés',
    uncontactedCount: (n: string) => `${n} détracteur${n === '1' ? '' : 's'} des 30 derniers jours encore ouvert${n === '1' ? '' : 's'}.`,
    allContacted: 'Tous les détracteurs des 30 derniers jours ont été contactés.',
    digestFooter: 'Le résumé hebdomadaire de Plaudit, envoyé chaque lundi.',
    openDashboard: 'Ouvrir le tableau de bord',
  },
} as const;

/** A number as the language writes it: one decimal at most, a comma in French. */
export const num = (n: number, locale: MailLocale) => {
  const s = String(Math.round(n * 10) / 10);
  return locale === 'fr' ? s.replace('.', ',').replace('-', '−') : s.replace('-', '−');
};

/** A day as the language writes it. */
export const dayText = (day: string, locale: MailLocale) =>
  new Date(`${day}T12:00:00Z`).toLocaleDateString(locale === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });
