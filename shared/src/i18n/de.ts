import type { Messages } from './messages';

export default {
  npsQuestion: 'Wie wahrscheinlich ist es, dass Sie {product} einem Freund oder Kollegen weiterempfehlen?',
  npsLow: 'Sehr unwahrscheinlich',
  npsHigh: 'Sehr wahrscheinlich',
  csatQuestion: 'Wie zufrieden sind Sie mit {product}?',
  csatLow: 'Sehr unzufrieden',
  csatHigh: 'Sehr zufrieden',
  commentDetractor: 'Was sollten wir verbessern?',
  commentPassive: 'Was fehlt Ihnen für eine 10?',
  commentPromoter: 'Was gefällt Ihnen an {product} am besten?',
  commentCsatLow: 'Das tut uns leid. Was ist schiefgelaufen?',
  commentCsatHigh: 'Das freut uns! Was hat Ihnen am besten gefallen?',
  commentOnly: 'Möchten Sie uns etwas mitteilen?',
  commentPlaceholder: 'Erzählen Sie uns mehr…',
  consent: 'Sie dürfen mich zitieren',
  submit: 'Senden',
  skip: 'Überspringen',
  thanks: 'Vielen Dank für Ihr Feedback!',
  close: 'Schließen',
} satisfies Messages;
