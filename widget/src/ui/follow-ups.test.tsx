// The follow-up steps and the promoters' next step, rendered by Survey with the follow-up chunk.
import { FollowUpQuestionSchema, type Cta, type FollowUpQuestion, type QuestionType } from '@plaudit/shared';
import { FOLLOW_UP_MESSAGES } from '@plaudit/shared/i18n/follow-ups';
import en from '@plaudit/shared/i18n/en';
import fr from '@plaudit/shared/i18n/fr';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Answer } from '../response';
import { act, h, render } from './dom';
import { followUps } from './follow-ups';
import { ADVANCE_MS, Survey, THANKS_MS, type Layout } from './Survey';

const question = (fields: Record<string, unknown>): FollowUpQuestion => FollowUpQuestionSchema.parse({ prompt: { en: 'Q?' }, ...fields });

const FOUND_US = question({
  id: 'found_us',
  type: 'single',
  prompt: { en: 'How did you find us?', fr: 'Comment nous avez-vous connus\u202f?' },
  options: [
    { id: 'search', label: { en: 'Search', fr: 'Recherche' } },
    { id: 'friend', label: { en: 'A friend', fr: 'Un ami' } },
    { id: 'press', label: { en: 'The press' } },
  ],
  other: true,
  shuffle: true,
  required: true,
});
const IMPROVE = question({
  id: 'improve',
  type: 'multiple',
  prompt: { en: 'What could we improve?' },
  options: [
    { id: 'delivery', label: { en: 'Delivery' } },
    { id: 'price', label: { en: 'Prices' } },
  ],
  other: true,
  shownTo: { npsGroups: ['detractor'] },
});
const EASE = question({ id: 'ease', type: 'rating', scale: 5, prompt: { en: 'How easy was it?' }, low: { en: 'Hard' }, high: { en: 'Easy' } });
const WHY = question({ id: 'why_us', type: 'text', prompt: { en: 'Why did you choose us?' } });
const REVIEW: Cta = { kind: 'review', url: 'https://shop.example/review', label: { en: 'Leave a review' }, message: { en: 'Would you tell others?' } };

let root: HTMLElement;
beforeEach(() => {
  vi.useFakeTimers();
  root = document.createElement('div');
  document.body.appendChild(root);
});
afterEach(() => {
  render(null, root);
  root.remove();
  vi.useRealTimers();
});

interface Options {
  questions?: QuestionType[];
  followUps?: FollowUpQuestion[];
  cta?: Cta | null;
  /** A tag of English or French. */
  locale?: string;
  texts?: Record<string, Record<string, string>>;
  layout?: Layout;
  rtl?: boolean;
}

function renderSurvey(options: Options = {}) {
  const onAnswer = vi.fn<(answer: Answer) => void>();
  const onClose = vi.fn<(answered: boolean) => void>();
  const event = vi.fn<(type: 'cta_shown' | 'cta_clicked') => void>();
  const locale = options.locale ?? 'en';
  const messages = locale.startsWith('fr') ? fr : en;
  act(() => {
    render(
      <Survey
        questions={options.questions ?? ['nps', 'comment']}
        messages={messages}
        product="Acme"
        locale={locale}
        rtl={options.rtl ?? false}
        layout={options.layout ?? 'bottom-right'}
        autoFocus={false}
        followUps={followUps({
          survey: { followUps: options.followUps ?? [FOUND_US, IMPROVE, EASE, WHY], cta: options.cta ?? null, texts: options.texts },
          locale,
          visitor: 'visitor-1',
          response: '0190-response',
          messages,
          event,
        })}
        onAnswer={onAnswer}
        onClose={onClose}
      />,
      root,
    );
  });
  return { onAnswer, onClose, event };
}

const $ = <T extends Element = HTMLElement>(selector: string) => root.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(selector: string) => Array.from(root.querySelectorAll<T>(selector));
const click = (el: Element | null | undefined) => act(() => (el as HTMLElement).click());
const check = (input: HTMLInputElement | undefined) =>
  act(() => {
    input!.click();
  });
const type = (field: HTMLInputElement | HTMLTextAreaElement | null, text: string) =>
  act(() => {
    field!.value = text;
    field!.dispatchEvent(new Event('input', { bubbles: true }));
  });
const press = (el: Element, key: string) =>
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
const button = (name: string) => $$<HTMLButtonElement>('button').find((b) => b.textContent === name);
const heading = () => $('.question')!;
const labels = () => $$('label').map((l) => l.textContent);
const input = (name: string) => $$('label').find((l) => l.textContent === name)?.querySelector('input') ?? undefined;

/** Answers the score, then skips the comment. */
function score(nps: number) {
  click($$('[role="radio"]')[nps]);
  act(() => vi.advanceTimersByTime(ADVANCE_MS));
  click(button(en.skip) ?? button(fr.skip));
}

describe('the steps after the comment', () => {
  it('asks a detractor every question for them, in order, and sends each answer as it is given, with those before', () => {
    const { onAnswer } = renderSurvey();
    score(3);
    expect(heading().textContent).toBe('How did you find us?');
    check(input('A friend'));
    click(button('Next'));
    expect(onAnswer).toHaveBeenLastCalledWith({ answers: { found_us: { choice: 'friend' } } });

    expect(heading().textContent).toBe('What could we improve?');
    check(input('Delivery'));
    check(input('Other'));
    type($<HTMLInputElement>('input.other'), 'Packaging');
    click(button('Next'));
    expect(onAnswer).toHaveBeenLastCalledWith({ answers: { found_us: { choice: 'friend' }, improve: { choices: ['delivery'], other: 'Packaging' } } });

    expect(heading().textContent).toBe('How easy was it?');
    check(input('4'));
    click(button('Next'));
    expect(onAnswer.mock.lastCall![0].answers).toMatchObject({ ease: { rating: 4 } });

    expect(heading().textContent).toBe('Why did you choose us?');
    type($<HTMLTextAreaElement>('textarea'), 'Handmade');
    click(button('Next'));
    expect(onAnswer.mock.calls.at(-2)![0].answers).toEqual({
      found_us: { choice: 'friend' },
      improve: { choices: ['delivery'], other: 'Packaging' },
      ease: { rating: 4 },
      why_us: { text: 'Handmade' },
    });
    // The score, one message per question, then the end as the thanks show.
    expect(onAnswer).toHaveBeenCalledTimes(6);
    expect(onAnswer).toHaveBeenLastCalledWith({ complete: true });
    expect($('[role="status"]')!.textContent).toBe(en.thanks);
  });

  it('never asks a promoter the detractors’ question', () => {
    renderSurvey();
    score(10);
    const asked: string[] = [];
    for (let i = 0; i < 5 && !$('[role="status"]'); i++) {
      asked.push(heading().textContent!);
      // The required question is answered, the others skipped.
      if (!button('Skip')) check($$<HTMLInputElement>('input[type="radio"]')[0]);
      click(button('Skip') ?? button('Next'));
    }
    expect(asked).toEqual(['How did you find us?', 'How easy was it?', 'Why did you choose us?']);
  });

  it('goes straight to the thanks when no question is for this visitor', () => {
    renderSurvey({ followUps: [IMPROVE] });
    score(9);
    expect($('[role="status"]')).not.toBeNull();
  });

  it('follows the score when the survey has no comment', () => {
    renderSurvey({ questions: ['nps'] });
    click($$('[role="radio"]')[2]);
    act(() => vi.advanceTimersByTime(ADVANCE_MS));
    expect(heading().textContent).toBe('How did you find us?');
  });

  it('keeps a required question until it is answered: no Skip, Next disabled', () => {
    renderSurvey();
    score(3);
    expect(button('Skip')).toBeUndefined();
    expect(button('Next')!.disabled).toBe(true);
    check(input('Other'));
    // "Other" says nothing yet.
    expect(button('Next')!.disabled).toBe(true);
    type($<HTMLInputElement>('input.other'), '  ');
    expect(button('Next')!.disabled).toBe(true);
    type($<HTMLInputElement>('input.other'), 'A podcast');
    expect(button('Next')!.disabled).toBe(false);
  });

  it('lets an optional question be skipped without sending an answer, the last step ending the response all the same', () => {
    const { onAnswer } = renderSurvey({ followUps: [WHY] });
    score(5);
    expect(onAnswer).toHaveBeenCalledTimes(1);
    click(button('Skip'));
    expect(onAnswer.mock.calls.slice(1)).toEqual([[{ complete: true }]]);
    expect($('[role="status"]')).not.toBeNull();
  });

  it('starts each step afresh', () => {
    renderSurvey({ followUps: [EASE, question({ id: 'again', type: 'rating', scale: 5, prompt: { en: 'Again?' } })] });
    score(5);
    check(input('1'));
    click(button('Next'));
    expect($$<HTMLInputElement>('input[type="radio"]').some((r) => r.checked)).toBe(false);
    expect(button('Next')!.disabled).toBe(true);
  });
});

describe('choices', () => {
  it('is a fieldset of radios named by its legend, "Other" last with its text box once picked', () => {
    renderSurvey();
    score(3);
    const legend = $('fieldset > legend')!;
    expect(legend.textContent).toBe('How did you find us?');
    expect(labels().at(-1)).toBe('Other');
    expect(new Set(labels())).toEqual(new Set(['Search', 'A friend', 'The press', 'Other']));
    expect($$<HTMLInputElement>('fieldset input').every((i) => i.type === 'radio' && i.name === $$<HTMLInputElement>('fieldset input')[0]!.name)).toBe(true);
    expect($('input.other')).toBeNull();
    check(input('Other'));
    const other = $<HTMLInputElement>('input.other')!;
    expect(other.getAttribute('aria-label')).toBe('Other (please say)');
    expect(other.maxLength).toBe(500);
  });

  it('keeps one choice for a single choice: an option replaces "Other", and back', () => {
    const { onAnswer } = renderSurvey();
    score(3);
    check(input('Other'));
    type($<HTMLInputElement>('input.other'), 'A podcast');
    check(input('Search'));
    expect($('input.other')).toBeNull();
    expect(input('Other')!.checked).toBe(false);
    click(button('Next'));
    expect(onAnswer).toHaveBeenLastCalledWith({ answers: { found_us: { choice: 'search' } } });
  });

  it('offers a multiple choice as checkboxes, "Other" alone being an answer too', () => {
    const { onAnswer } = renderSurvey({ followUps: [IMPROVE] });
    score(3);
    expect($$<HTMLInputElement>('fieldset input').map((i) => i.type)).toEqual(['checkbox', 'checkbox', 'checkbox']);
    check(input('Prices'));
    check(input('Prices'));
    check(input('Other'));
    type($<HTMLInputElement>('input.other'), 'Packaging');
    click(button('Next'));
    expect(onAnswer).toHaveBeenNthCalledWith(2, { answers: { improve: { other: 'Packaging' } } });
  });

  it('marks the picked rows', () => {
    renderSurvey({ followUps: [IMPROVE] });
    score(3);
    check(input('Delivery'));
    expect($$('label.on').map((l) => l.textContent)).toEqual(['Delivery']);
  });
});

describe('rating', () => {
  it('is a group of radios 1 to the scale, its ends named like the score’s', () => {
    renderSurvey({ followUps: [question({ id: 'effort', type: 'rating', scale: 7, prompt: { en: 'Effort?' }, low: { en: 'Low' }, high: { en: 'High' } })] });
    score(3);
    const radios = $$<HTMLInputElement>('fieldset input[type="radio"]');
    expect(radios.map((r) => r.getAttribute('aria-label') ?? r.closest('label')!.textContent)).toEqual(['1 – Low', '2', '3', '4', '5', '6', '7 – High']);
    expect($('.ends')!.textContent).toBe('LowHigh');
  });

  it('has no end labels when the survey gives none', () => {
    renderSurvey({ followUps: [question({ id: 'effort', type: 'rating', scale: 5, prompt: { en: 'Effort?' } })] });
    score(3);
    expect($('.ends')).toBeNull();
    expect($$('input[aria-label]')).toEqual([]);
  });
});

describe('text', () => {
  it('is a text area labelled by the question, up to 500 characters', () => {
    renderSurvey({ followUps: [WHY] });
    score(3);
    const field = $<HTMLTextAreaElement>('textarea')!;
    expect($(`label[for="${field.id}"]`)!.textContent).toBe('Why did you choose us?');
    expect(field.maxLength).toBe(500);
  });
});

describe('keyboard and focus', () => {
  it('moves focus to each new step’s heading, which names the dialog', () => {
    renderSurvey();
    score(3);
    expect(document.activeElement).toBe(heading());
    expect($('.card')!.getAttribute('aria-labelledby')).toBe(heading().id);
    check(input('Search'));
    click(button('Next'));
    expect(document.activeElement!.textContent).toBe('What could we improve?');
  });

  it('goes on with Enter from a choice or the "Other" box, once answered', () => {
    const { onAnswer } = renderSurvey();
    score(3);
    press(input('Search')!, 'Enter');
    // Nothing picked yet: Enter does nothing.
    expect(heading().textContent).toBe('How did you find us?');
    check(input('Other'));
    type($<HTMLInputElement>('input.other'), 'A podcast');
    press($('input.other')!, 'Enter');
    expect(onAnswer).toHaveBeenLastCalledWith({ answers: { found_us: { other: 'A podcast' } } });
    expect(heading().textContent).toBe('What could we improve?');
  });

  it('keeps Enter in a text area for a new line', () => {
    renderSurvey({ followUps: [WHY] });
    score(3);
    type($<HTMLTextAreaElement>('textarea'), 'Handmade');
    press($('textarea')!, 'Enter');
    expect(heading().textContent).toBe('Why did you choose us?');
  });

  it('wraps Shift+Tab in a modal from the checked radio of the first group, not only from the first radio', () => {
    renderSurvey({ layout: 'center', followUps: [EASE] });
    score(3);
    check(input('3'));
    const checked = input('3')!;
    checked.focus();
    press(checked, 'Tab');
    expect(document.activeElement).toBe(checked);
    act(() => {
      checked.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', shiftKey: true, bubbles: true, cancelable: true }));
    });
    expect(document.activeElement).toBe($('button.close'));
  });

  it('wraps Shift+Tab in a modal from the step’s heading, which took focus', () => {
    renderSurvey({ layout: 'center', followUps: [EASE] });
    score(3);
    expect(document.activeElement).toBe(heading());
    act(() => {
      heading().dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', shiftKey: true, bubbles: true, cancelable: true }));
    });
    expect(document.activeElement).toBe($('button.close'));
  });

  it('lays out right to left in the card’s direction', () => {
    renderSurvey({ rtl: true });
    score(3);
    expect($('fieldset')!.closest('[dir]')!.getAttribute('dir')).toBe('rtl');
  });
});

describe('French', () => {
  it('speaks French: the question, the choices, Other and Next', () => {
    renderSurvey({ locale: 'fr' });
    score(3);
    expect(heading().textContent).toBe('Comment nous avez-vous connus\u202f?');
    expect(labels()).toContain('Un ami');
    // No French label: the first the survey gave.
    expect(labels()).toContain('The press');
    expect(labels().at(-1)).toBe(FOLLOW_UP_MESSAGES.fr.other);
    expect(button(FOLLOW_UP_MESSAGES.fr.next)).toBeDefined();
  });
});

describe('the survey’s own words', () => {
  const OWN = {
    fr: { next: 'Continuer', other: 'Autre chose', otherPlease: 'Autre chose (dites-nous)', newTab: '(nouvel onglet)' },
    'fr-CA': { next: 'Poursuivre' },
    en: { next: 'Go on' },
  };

  it('replace Next, Other and "Other (please say)" for the language, then for the exact tag', () => {
    renderSurvey({ locale: 'fr-CA', texts: OWN });
    score(3);
    expect(button('Poursuivre')).toBeDefined();
    expect(button(FOLLOW_UP_MESSAGES.fr.next)).toBeUndefined();
    expect(labels().at(-1)).toBe('Autre chose');
    check(input('Autre chose'));
    expect($('input.other')!.getAttribute('aria-label')).toBe('Autre chose (dites-nous)');
    expect($('input.other')!.getAttribute('placeholder')).toBe('Autre chose (dites-nous)');
  });

  it('replace the link’s "(opens in a new tab)"', () => {
    renderSurvey({ locale: 'fr', followUps: [], cta: REVIEW, texts: OWN });
    score(10);
    expect($('.cta a .sr')!.textContent).toBe(' (nouvel onglet)');
  });

  it('leave the built-in words of another language, and of the texts not given', () => {
    renderSurvey({ locale: 'en', texts: OWN });
    score(3);
    expect(button('Go on')).toBeDefined();
    expect(labels().at(-1)).toBe(FOLLOW_UP_MESSAGES.en.other);
  });

  it.each<[string, unknown]>([
    ['a number', { en: { next: 5 } }],
    ['null', { en: { next: null } }],
    ['texts that are a string', 'Next'],
  ])('keep the built-in word in place of %s', (_, texts) => {
    renderSurvey({ texts: texts as never });
    score(3);
    expect(button(FOLLOW_UP_MESSAGES.en.next)).toBeDefined();
  });
});

describe('text is text', () => {
  it('renders overridden words as text, never HTML', () => {
    const attack = '<img src=x onerror="window.__pwned=1">';
    renderSurvey({ texts: { en: { other: attack, next: attack } } });
    score(3);
    expect($('img')).toBeNull();
    expect(labels().at(-1)).toBe(attack);
    expect(button(attack)).toBeDefined();
  });

  it('renders prompts and labels as text, never HTML', () => {
    const attack = '<img src=x onerror="window.__pwned=1">';
    renderSurvey({ followUps: [question({ id: 'x', type: 'single', prompt: { en: attack }, options: [{ id: 'a', label: { en: attack } }, { id: 'b', label: { en: 'B' } }] })] });
    score(3);
    expect($('img')).toBeNull();
    expect(heading().textContent).toBe(attack);
  });
});

describe('the promoters’ next step', () => {
  it('shows under the thanks of a promoter, links out in a new tab, counts its impression once and its click', () => {
    const { event, onClose } = renderSurvey({ followUps: [], cta: REVIEW });
    score(10);
    expect($('[role="status"]')).not.toBeNull();
    expect($('.cta p')!.textContent).toBe('Would you tell others?');
    const link = $<HTMLAnchorElement>('.cta a')!;
    expect(link.getAttribute('href')).toBe('https://shop.example/review');
    expect(link.target).toBe('_blank');
    expect(link.rel).toBe('noopener');
    expect(link.textContent).toBe('Leave a review (opens in a new tab)');
    expect(event.mock.calls).toEqual([['cta_shown']]);
    // The thanks stay while it shows.
    act(() => vi.advanceTimersByTime(THANKS_MS * 3));
    expect(onClose).not.toHaveBeenCalled();
    link.addEventListener('click', (e) => e.preventDefault());
    click(link);
    expect(event.mock.calls).toEqual([['cta_shown'], ['cta_clicked']]);
  });

  it('carries the response id in a referral link', () => {
    renderSurvey({ followUps: [], cta: { ...REVIEW, kind: 'referral', url: 'https://shop.example/refer?c=1' } });
    score(9);
    expect($('.cta a')!.getAttribute('href')).toBe('https://shop.example/refer?c=1&ref=0190-response');
  });

  it('is not for a passive: the thanks go by themselves, nothing counted', () => {
    const { event, onClose } = renderSurvey({ followUps: [], cta: REVIEW });
    score(8);
    expect($('.cta')).toBeNull();
    act(() => vi.advanceTimersByTime(THANKS_MS));
    expect(onClose).toHaveBeenCalledWith(true);
    expect(event).not.toHaveBeenCalled();
  });
});
