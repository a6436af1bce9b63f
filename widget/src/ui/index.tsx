// The UI chunk, imported by the loader only when a survey is about to show.
import { h, options as preact, render } from 'preact';
import { isRtl, loadTable, messagesFor, pickLocale } from '../i18n';
import { uuid } from '../ids';
import { buildResponse, compact, type Answer } from '../response';
import { safe } from '../safe';
import css from '../styles.css?inline';
import { transportFor, type Transport } from '../transport';
import type { Mounted, MountOptions } from '../types';
import { createHost, type Host } from './mount';
import { Survey } from './Survey';
import { themeRule } from './theme';

/**
 * Shows the survey once its language table has loaded (one small chunk). The handle works at
 * once: closing before then means the survey never appears.
 */
export function mount(options: MountOptions, transport: Transport = transportFor(options.base)): Mounted {
  const { survey, key, visitor, container } = options;
  const locale = pickLocale([options.locale, survey.locale, ...(navigator.languages ?? []), navigator.language], survey.texts);
  const position = survey.display.position;
  const id = uuid();
  /** The whole answer so far, sent under one id each time: each request stands alone if another is lost. */
  const answers: Answer = {};
  let host: Host | undefined;
  let previousFocus: Element | null = null;
  let open = true;

  /** Impressions go to the collector once, without retry, and to the page's listeners. */
  const impression = (type: 'shown' | 'dismissed') => {
    transport.event({ key, survey: survey.id, type, visitor });
    options.emit(type, { survey: survey.id });
  };

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
    Object.assign(answers, patch);
    void transport.send(
      buildResponse({ id, key, survey: survey.id, locale, visitor, href: location.href }, answers, options.identity()),
    );
    // A score, or a comment in a survey without one, is the answer; a later comment only adds to it.
    if (first || patch.comment === undefined) {
      options.done();
      options.emit('answered', compact({ survey: survey.id, nps: answers.nps, csat: answers.csat }));
    }
  };

  const onClose = (answered: boolean) => {
    if (!answered) {
      options.done();
      impression('dismissed');
    }
    close();
  };

  // Preact re-renders after a click or a timer in a microtask of its own, outside every safe():
  // what that throws would reach the host page. Those re-renders run here, and an error closes the
  // survey. The options are those of this chunk's own copy of Preact; one survey shows at a time.
  preact.debounceRendering = (rerender) => void Promise.resolve().then(rerender).catch(close);

  loadTable(locale)
    .then((table) => {
      if (!open) return;
      host = createHost(css + themeRule(survey.theme.colors), container, options.nonce);
      previousFocus = document.activeElement;
      render(
        <Survey
          questions={survey.questions}
          messages={messagesFor(locale, survey.texts, table)}
          product={survey.productName ?? options.siteName}
          locale={locale}
          rtl={isRtl(locale)}
          layout={container ? 'inline' : position === 'inline' ? 'bottom-right' : position}
          autoFocus={options.focus}
          onAnswer={safe(onAnswer)}
          onClose={safe(onClose)}
        />,
        host.root,
      );
      impression('shown');
    })
    // A language chunk that failed to load, or a page where the survey cannot render: the loader
    // learns the survey is gone and may show another on request.
    .catch(close);
  return { close };
}
