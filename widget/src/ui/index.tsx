// The UI chunk, imported by the loader only when a survey is about to show.
import type { EventInput } from '@plaudit/shared';
import { h, options as renderer, render } from './dom';
import { askFatigue, heldBack } from '../fatigue';
import { presetScore } from '../hosted';
import { isRtl, loadTable, messagesFor, pickLocale } from '../i18n';
import { uuid } from '../ids';
import { parse } from '../json';
import { buildResponse, compact, customerOf, type Answer } from '../response';
import { safe } from '../safe';
import { markSeen } from '../storage';
import css from '../styles.css?inline';
import { transportFor, type Transport } from '../transport';
import type { Mounted, MountOptions } from '../types';
import { createHost, type Host } from './mount';
import { Survey } from './Survey';
import { themeRule } from './theme';

/**
 * Shows the survey once its language table has loaded (one small chunk) and, for an identified
 * customer, once the collector has said whether fatigue holds it back. The handle works at once:
 * closing before then means the survey never appears.
 */
export function mount(options: MountOptions, transport: Transport = transportFor(options.base)): Mounted {
  const { survey, visitor, container, data } = options;
  const key = data.key!;
  /** The collector's page for survey links: the survey is the page, and the link's score its first answer. */
  const hosted = data.hosted !== undefined;
  // The host page's language comes after the survey's: a survey written in French stays French.
  const locale = pickLocale(
    [data.locale, survey.locale, document.documentElement.lang, ...(navigator.languages ?? []), navigator.language],
    survey.texts,
  );
  const position = survey.display.position;
  const id = uuid();
  /** The identified customer's id, as the collector would take it. */
  const customer = () => customerOf(options.identity())?.id;
  /** The whole answer so far, sent under one id each time: each request stands alone if another is lost. */
  const answers: Answer = {};
  let host: Host | undefined;
  let previousFocus: Element | null = null;
  let open = true;

  const close = safe(() => {
    if (!open) return;
    open = false;
    if (host) {
      const focusInside = document.activeElement === host.element || document.activeElement === document.body;
      // Off the page first: a tree whose re-render failed might not unmount cleanly.
      host.element.remove();
      render(null, host.root);
      // A page element removed meanwhile ignores focus().
      if (focusInside) (previousFocus as HTMLElement | null)?.focus?.({ preventScroll: true });
    }
    options.closed();
  });

  const onAnswer = (patch: Answer) => {
    const first = !Object.keys(answers).length;
    const addition = patch.comment !== undefined || patch.answers !== undefined || patch.complete;
    Object.assign(answers, patch);
    void transport.send(
      buildResponse(
        { id, key, survey: survey.id, locale, visitor, href: location.href, link: data.link, attributes: parse(data.attributes ?? '') },
        answers,
        options.identity(),
      ),
    );
    // A score, or a comment in a survey without one, is the answer; a later comment, follow-up
    // answer or the end (`complete`) only adds to it.
    if (first || !addition) {
      markSeen(survey.id);
      options.emit('answered', compact({ survey: survey.id, nps: answers.nps, csat: answers.csat }));
    }
  };

  const onClose = (answered: boolean) => {
    if (!answered) {
      markSeen(survey.id);
      const who = customer();
      // Sent once, without retry. An identified customer's dismissal holds the survey back on every device.
      transport.event({ key, survey: survey.id, type: 'dismissed', visitor, customer: who ? { id: who } : undefined });
      options.emit('dismissed', { survey: survey.id });
    }
    close();
  };

  // Re-renders after a click or a timer run in a microtask of their own, outside every safe():
  // what that throws would reach the host page. Those re-renders run here, and an error closes the
  // survey. One survey shows at a time.
  renderer.debounceRendering = (rerender) => void Promise.resolve().then(rerender).catch(close);

  const event = (type: EventInput['type']) => transport.event({ key, survey: survey.id, type, visitor });

  const who = customer();
  Promise.all([
    loadTable(locale),
    !options.force && who && askFatigue(options.base, key, who),
    // Follow-up questions and the promoters' next step come in a chunk of their own, for the
    // surveys that have them. Without it (it failed to load) the survey still asks its score.
    (survey.followUps?.length || survey.cta) && import('./follow-ups').catch(() => undefined),
  ])
    .then(([table, fatigue, extra]) => {
      if (!open) return;
      if (heldBack(fatigue, survey.id, Date.now())) {
        options.emit('skipped', { survey: survey.id, reason: 'fatigue' });
        return close();
      }
      const messages = messagesFor(locale, survey.texts, table);
      host = createHost(css + (extra ? extra.css : '') + themeRule(survey.theme.colors), container, data.nonce);
      previousFocus = document.activeElement;
      render(
        <Survey
          questions={survey.questions}
          messages={messages}
          product={survey.productName ?? options.siteName}
          locale={locale}
          rtl={isRtl(locale)}
          layout={container ? 'inline' : position === 'inline' ? 'bottom-right' : position}
          autoFocus={options.focus}
          standalone={hosted}
          score={hosted ? presetScore(survey.questions[0], data.score) : undefined}
          followUps={extra ? extra.followUps({ survey, locale, visitor, response: id, messages, event }) : undefined}
          onAnswer={safe(onAnswer)}
          onClose={safe(onClose)}
        />,
        host.root,
      );
      event('shown');
      options.emit('shown', { survey: survey.id });
    })
    // A language chunk that failed to load, or a page where the survey cannot render: the loader
    // learns the survey is gone and may show another on request.
    .catch(close);
  return { close };
}
