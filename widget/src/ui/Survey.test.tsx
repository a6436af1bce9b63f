import type { QuestionType } from '@plaudit/shared';
import { act, h, render } from './dom';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import en from '@plaudit/shared/i18n/en';
import fr from '@plaudit/shared/i18n/fr';
import type { Messages } from '../i18n';
import type { Answer } from '../response';
import { ADVANCE_MS, commentPrompt, Survey, THANKS_MS, type Layout } from './Survey';

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
  messages?: Messages;
  product?: string;
  rtl?: boolean;
  layout?: Layout;
  autoFocus?: boolean;
  standalone?: boolean;
}

function renderSurvey(options: Options = {}) {
  const onAnswer = vi.fn<(answer: Answer) => void>();
  const onClose = vi.fn<(answered: boolean) => void>();
  act(() => {
    render(
      <Survey
        questions={options.questions ?? ['nps', 'comment']}
        messages={options.messages ?? en}
        product={options.product ?? 'Acme'}
        locale="en"
        rtl={options.rtl ?? false}
        layout={options.layout ?? 'bottom-right'}
        autoFocus={options.autoFocus ?? false}
        standalone={options.standalone}
        onAnswer={onAnswer}
        onClose={onClose}
      />,
      root,
    );
  });
  return { onAnswer, onClose };
}

const $ = <T extends Element = HTMLElement>(selector: string) => root.querySelector<T>(selector);
const $$ = (selector: string) => Array.from(root.querySelectorAll<HTMLElement>(selector));
const radios = () => $$('[role="radio"]');
const accessibleName = (el: Element) => el.getAttribute('aria-label') ?? el.textContent ?? '';
const press = (el: Element, key: string) =>
  act(() => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true }));
  });
const click = (el: Element | null) =>
  act(() => {
    (el as HTMLElement).click();
  });
const advance = (ms: number) =>
  act(() => {
    vi.advanceTimersByTime(ms);
  });
const type = (text: string) =>
  act(() => {
    const field = $<HTMLTextAreaElement>('textarea')!;
    field.value = text;
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });

async function chooseNps(score: number) {
  click(radios()[score]!);
  advance(ADVANCE_MS);
}

describe('NPS scale', () => {
  it('is a radiogroup named by its question', () => {
    renderSurvey();
    const group = $('[role="radiogroup"]')!;
    const question = root.querySelector(`#${group.getAttribute('aria-labelledby')}`)!;
    expect(question.textContent).toBe('How likely are you to recommend Acme to a friend or colleague?');
  });

  it('offers 0 to 10 as radio buttons whose names start with their number', () => {
    renderSurvey();
    const options = radios();
    expect(options).toHaveLength(11);
    options.forEach((option, i) => {
      expect(option.tagName).toBe('BUTTON');
      expect(option.getAttribute('type')).toBe('button');
      expect(option.getAttribute('aria-checked')).toBe('false');
      expect(accessibleName(option).startsWith(String(i))).toBe(true);
    });
    expect(accessibleName(options[0]!)).toBe('0 – Not at all likely');
    expect(accessibleName(options[10]!)).toBe('10 – Extremely likely');
    expect(accessibleName(options[5]!)).toBe('5');
  });

  it('shows the end labels', () => {
    renderSurvey();
    expect($('.ends')!.textContent).toBe('Not at all likelyExtremely likely');
  });

  it('is a single tab stop (roving tabindex)', () => {
    renderSurvey();
    expect(radios().map((r) => r.tabIndex)).toEqual([0, -1, -1, -1, -1, -1, -1, -1, -1, -1, -1]);
  });

  it.each<[string, string[], boolean, number]>([
    ['right moves forward', ['ArrowRight', 'ArrowRight'], false, 2],
    ['down moves forward', ['ArrowDown'], false, 1],
    ['left from the first wraps to the last', ['ArrowLeft'], false, 10],
    ['up from the first wraps to the last', ['ArrowUp'], false, 10],
    ['right then left comes back', ['ArrowRight', 'ArrowLeft'], false, 0],
    ['in RTL, left moves forward', ['ArrowLeft', 'ArrowLeft'], true, 2],
    ['in RTL, right moves back', ['ArrowRight'], true, 10],
  ])('arrow keys: %s', (_, keys, rtl, expected) => {
    renderSurvey({ rtl });
    for (const key of keys) press(document.activeElement === document.body ? radios()[0]! : document.activeElement!, key);
    expect(radios().map((r) => r.tabIndex).indexOf(0)).toBe(expected);
    expect(document.activeElement).toBe(radios()[expected]);
  });

  it.each(['Enter', ' '])('%j chooses the focused score and sends it at once', (key) => {
    const { onAnswer } = renderSurvey();
    press(radios()[0]!, 'ArrowRight');
    press(radios()[1]!, 'ArrowRight');
    press(document.activeElement!, key);
    expect(onAnswer).toHaveBeenCalledTimes(1);
    expect(onAnswer).toHaveBeenCalledWith({ nps: 2 });
  });

  it('sends the score the moment it is clicked, before the next step shows', () => {
    const { onAnswer } = renderSurvey();
    click(radios()[7]!);
    expect(onAnswer).toHaveBeenCalledWith({ nps: 7 });
    expect(radios()[7]!.getAttribute('aria-checked')).toBe('true');
    expect($('textarea')).toBeNull();
    advance(ADVANCE_MS);
    expect($('textarea')).not.toBeNull();
  });

  it('ignores a second choice while moving on', () => {
    const { onAnswer } = renderSurvey();
    click(radios()[3]!);
    click(radios()[9]!);
    expect(onAnswer).toHaveBeenCalledTimes(1);
  });
});

describe('CSAT scale', () => {
  it('offers 1 to 5 with end labels, named by its question', () => {
    renderSurvey({ questions: ['csat'] });
    expect(radios().map(accessibleName)).toEqual(['1 – Very dissatisfied', '2', '3', '4', '5 – Very satisfied']);
    const group = $('[role="radiogroup"]')!;
    expect(root.querySelector(`#${group.getAttribute('aria-labelledby')}`)!.textContent).toBe(
      'How satisfied are you with Acme?',
    );
  });

  it('sends the CSAT score', () => {
    const { onAnswer } = renderSurvey({ questions: ['csat', 'comment'] });
    click(radios()[3]!);
    expect(onAnswer).toHaveBeenCalledWith({ csat: 4 });
  });
});

describe('comment prompt', () => {
  it.each<[Answer, string]>([
    [{ nps: 0 }, 'commentDetractor'],
    [{ nps: 6 }, 'commentDetractor'],
    [{ nps: 7 }, 'commentPassive'],
    [{ nps: 8 }, 'commentPassive'],
    [{ nps: 9 }, 'commentPromoter'],
    [{ nps: 10 }, 'commentPromoter'],
    [{ csat: 1 }, 'commentCsatLow'],
    [{ csat: 3 }, 'commentCsatLow'],
    [{ csat: 4 }, 'commentCsatHigh'],
    [{ csat: 5 }, 'commentCsatHigh'],
    [{ nps: 10, csat: 1 }, 'commentPromoter'],
    [{}, 'commentOnly'],
  ])('%j → %s', (answers, key) => {
    expect(commentPrompt(answers)).toBe(key);
  });

  it.each<[number, string, boolean]>([
    [3, en.commentDetractor, false],
    [8, en.commentPassive, false],
    [9, 'What do you like most about Acme?', true],
  ])('after an NPS of %i asks %j, consent shown: %s', async (score, prompt, consent) => {
    renderSurvey();
    await chooseNps(score);
    const field = $<HTMLTextAreaElement>('textarea')!;
    const label = root.querySelector(`label[for="${field.id}"]`)!;
    expect(label.textContent).toBe(prompt);
    expect($('input[type="checkbox"]') !== null).toBe(consent);
  });

  it('asks the comment-only prompt in a comment-only survey', () => {
    renderSurvey({ questions: ['comment'] });
    expect(root.querySelector('label')!.textContent).toBe(en.commentOnly);
    expect($('input[type="checkbox"]')).toBeNull();
  });
});

describe('comment step', () => {
  it('sends the comment, with consent for promoters, then thanks', async () => {
    const { onAnswer } = renderSurvey();
    await chooseNps(10);
    type('Fast and friendly');
    click($('input[type="checkbox"]'));
    click($('.primary'));
    expect(onAnswer).toHaveBeenNthCalledWith(2, { comment: 'Fast and friendly', consent: true });
    expect($('[role="status"]')!.textContent).toBe(en.thanks);
  });

  it('sends no consent for detractors', async () => {
    const { onAnswer } = renderSurvey();
    await chooseNps(2);
    type('Too slow');
    click($('.primary'));
    expect(onAnswer).toHaveBeenNthCalledWith(2, { comment: 'Too slow' });
  });

  it('keeps Send disabled until something is written', async () => {
    renderSurvey();
    await chooseNps(5);
    expect($<HTMLButtonElement>('.primary')!.disabled).toBe(true);
    type('   ');
    expect($<HTMLButtonElement>('.primary')!.disabled).toBe(true);
    type('ok');
    expect($<HTMLButtonElement>('.primary')!.disabled).toBe(false);
  });

  it('skips to thanks with no comment sent once scored, only the end', async () => {
    const { onAnswer, onClose } = renderSurvey();
    await chooseNps(8);
    click($('.secondary'));
    expect(onAnswer.mock.calls).toEqual([[{ nps: 8 }], [{ complete: true }]]);
    expect($('[role="status"]')).not.toBeNull();
    expect(onClose).not.toHaveBeenCalled();
  });

  it('treats skipping a comment-only survey as a dismissal', () => {
    const { onAnswer, onClose } = renderSurvey({ questions: ['comment'] });
    click($('.secondary'));
    expect(onAnswer).not.toHaveBeenCalled();
    expect(onClose).toHaveBeenCalledWith(false);
  });
});

describe('the end of the answer (complete)', () => {
  const completes = (onAnswer: ReturnType<typeof renderSurvey>['onAnswer']) => onAnswer.mock.calls.filter(([a]) => a.complete).length;

  it.each<[string, QuestionType[], (() => void) | undefined]>([
    ['after the comment is sent', ['nps', 'comment'], () => (type('Fine'), click($('.primary')))],
    ['after the comment is skipped', ['nps', 'comment'], () => click($('.secondary'))],
    ['after the score of a survey without a comment', ['nps'], undefined],
  ])('is sent once, as the thanks show, %s', async (_, questions, finish) => {
    const { onAnswer } = renderSurvey({ questions });
    await chooseNps(7);
    finish?.();
    expect($('[role="status"]')).not.toBeNull();
    // Last, after everything the visitor gave.
    expect(onAnswer.mock.calls[0]).toEqual([{ nps: 7 }]);
    expect(onAnswer).toHaveBeenLastCalledWith({ complete: true });
    expect(completes(onAnswer)).toBe(1);
    // Nothing more as the thanks go by themselves.
    advance(THANKS_MS);
    expect(completes(onAnswer)).toBe(1);
  });

  it('is not sent for a hosted survey whose comment was skipped with nothing answered', () => {
    const { onAnswer } = renderSurvey({ questions: ['comment'], standalone: true });
    click($('.secondary'));
    expect($('[role="status"]')).not.toBeNull();
    expect(onAnswer).not.toHaveBeenCalled();
  });

  it.each<[string, () => void]>([
    ['with the close button', () => click($('button.close'))],
    ['with Escape', () => press($('textarea')!, 'Escape')],
  ])('is never sent for a survey closed before the end, %s', async (_, close) => {
    const { onAnswer, onClose } = renderSurvey();
    await chooseNps(9);
    close();
    expect(onClose).toHaveBeenCalledWith(true);
    expect(completes(onAnswer)).toBe(0);
  });
});

describe('thanks and closing', () => {
  it('closes itself a few seconds after thanking', async () => {
    const { onClose } = renderSurvey({ questions: ['nps'] });
    await chooseNps(9);
    expect($('[role="status"]')).not.toBeNull();
    advance(THANKS_MS - 1);
    expect(onClose).not.toHaveBeenCalled();
    advance(1);
    expect(onClose).toHaveBeenCalledWith(true);
  });

  it('has a labelled close button that dismisses before any answer', () => {
    const { onClose } = renderSurvey();
    const close = $('button.close')!;
    expect(close.getAttribute('aria-label')).toBe('Close');
    expect(close.getAttribute('type')).toBe('button');
    click(close);
    expect(onClose).toHaveBeenCalledWith(false);
  });

  it('closes as answered after a score', () => {
    const { onClose } = renderSurvey();
    click(radios()[6]!);
    click($('button.close'));
    expect(onClose).toHaveBeenCalledWith(true);
  });

  it('dismisses on Escape', () => {
    const { onClose } = renderSurvey();
    press(radios()[0]!, 'Escape');
    expect(onClose).toHaveBeenCalledWith(false);
  });

  it('dismisses a modal when its backdrop is clicked, not the card', () => {
    const { onClose } = renderSurvey({ layout: 'center' });
    click($('.card'));
    expect(onClose).not.toHaveBeenCalled();
    click($('.backdrop'));
    expect(onClose).toHaveBeenCalledWith(false);
  });
});

describe('dialog semantics and focus', () => {
  it.each<[Layout, string, string | null]>([
    ['bottom-right', 'dialog', null],
    ['bottom-left', 'dialog', null],
    ['center', 'dialog', 'true'],
    ['inline', 'region', null],
  ])('%s is a %s (aria-modal %s) named by the question', (layout, role, modal) => {
    renderSurvey({ layout });
    const card = $('.card')!;
    expect(card.getAttribute('role')).toBe(role);
    expect(card.getAttribute('aria-modal')).toBe(modal);
    expect(root.querySelector(`#${card.getAttribute('aria-labelledby')}`)!.textContent).toContain('How likely');
  });

  it('does not take focus when it opens by itself', () => {
    renderSurvey({ autoFocus: false });
    expect(root.contains(document.activeElement)).toBe(false);
  });

  it('focuses a modal that opened by itself on the dialog, not on an answer', () => {
    renderSurvey({ layout: 'center', autoFocus: false });
    expect(document.activeElement).toBe($('.card'));
  });

  it('wraps Shift+Tab from the modal dialog itself to its last control', () => {
    renderSurvey({ layout: 'center', autoFocus: false });
    act(() => {
      $('.card')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', shiftKey: true, bubbles: true }));
    });
    expect(document.activeElement).toBe($('button.close'));
  });

  it('moves focus to the scale when opened by the visitor', () => {
    renderSurvey({ autoFocus: true });
    expect(document.activeElement).toBe(radios()[0]);
  });

  it('follows the visitor into the comment field and the thank-you text', async () => {
    renderSurvey();
    await chooseNps(4);
    expect(document.activeElement).toBe($('textarea'));
    type('x');
    click($('.primary'));
    expect(document.activeElement).toBe($('[role="status"]'));
  });

  it('keeps Tab inside a modal', () => {
    renderSurvey({ layout: 'center', autoFocus: true });
    const close = $('button.close')!;
    close.focus();
    press(close, 'Tab');
    expect(document.activeElement).toBe(radios()[0]);
  });

  it('sets dir and lang for right-to-left languages', () => {
    renderSurvey({ rtl: true });
    expect($('.card')!.getAttribute('dir')).toBe('rtl');
  });
});

describe('text is text', () => {
  const attack = '<img src=x onerror="window.__pwned=1">';

  it('renders overrides and product names as text, never HTML', async () => {
    renderSurvey({
      messages: { ...en, npsQuestion: `${attack} {product}`, commentDetractor: attack, npsLow: attack },
      product: '<b>Acme</b>',
    });
    expect($('img')).toBeNull();
    expect($('b')).toBeNull();
    expect(root.querySelector('.question')!.textContent).toBe(`${attack} <b>Acme</b>`);
    expect(radios()[0]!.getAttribute('aria-label')).toBe(`0 – ${attack}`);
    await chooseNps(1);
    expect(root.querySelector('label')!.textContent).toBe(attack);
    expect($('img')).toBeNull();
  });

  it('keeps a typed comment as plain text', async () => {
    const { onAnswer } = renderSurvey();
    await chooseNps(1);
    type(attack);
    expect($('img')).toBeNull();
    click($('.primary'));
    expect(onAnswer).toHaveBeenNthCalledWith(2, { comment: attack });
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });
});

describe('French', () => {
  it('renders the French texts', () => {
    renderSurvey({ messages: fr, product: 'Acme' });
    expect(root.querySelector('.question')!.textContent).toBe(
      'Quelle est la probabilité que vous recommandiez Acme à un ami ou à un collègue\u202f?',
    );
    expect(radios()[10]!.getAttribute('aria-label')).toBe('10 – Très probable');
  });
});
