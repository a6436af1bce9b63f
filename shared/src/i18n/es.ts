import type { Messages } from './messages';

export default {
  npsQuestion: '¿Qué probabilidad hay de que recomiendes {product} a un amigo o colega?',
  npsLow: 'Nada probable',
  npsHigh: 'Muy probable',
  csatQuestion: '¿Cuál es tu nivel de satisfacción con {product}?',
  csatLow: 'Muy insatisfecho',
  csatHigh: 'Muy satisfecho',
  commentDetractor: '¿Qué deberíamos mejorar?',
  commentPassive: '¿Qué haría falta para que nos dieras un 10?',
  commentPromoter: '¿Qué es lo que más te gusta de {product}?',
  commentCsatLow: 'Lamentamos oír eso. ¿Qué salió mal?',
  commentCsatHigh: '¡Nos alegra saberlo! ¿Qué es lo que más te gustó?',
  commentOnly: '¿Hay algo que quieras contarnos?',
  commentPlaceholder: 'Cuéntanos más…',
  consent: 'Acepto que se cite mi comentario',
  submit: 'Enviar',
  skip: 'Omitir',
  thanks: '¡Gracias por tu opinión!',
  close: 'Cerrar',
} satisfies Messages;
