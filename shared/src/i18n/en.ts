import type { Messages } from './messages';

export default {
  npsQuestion: 'How likely are you to recommend {product} to a friend or colleague?',
  npsLow: 'Not at all likely',
  npsHigh: 'Extremely likely',
  csatQuestion: 'How satisfied are you with {product}?',
  csatLow: 'Very dissatisfied',
  csatHigh: 'Very satisfied',
  commentDetractor: 'What should we improve?',
  commentPassive: 'What would make it a 10 for you?',
  commentPromoter: 'What do you like most about {product}?',
  commentCsatLow: 'Sorry to hear that. What went wrong?',
  commentCsatHigh: 'Glad to hear it! What did you like most?',
  commentOnly: 'Is there anything you would like to tell us?',
  commentPlaceholder: 'Tell us more…',
  consent: 'You may quote me',
  submit: 'Send',
  skip: 'Skip',
  thanks: 'Thank you for your feedback!',
  close: 'Close',
} satisfies Messages;
