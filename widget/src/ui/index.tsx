// The UI chunk, imported by the loader only when a survey is about to show.
import { render } from 'preact';
import { isRtl, loadTable, messagesFor, pickLocale, type Messages } from '../i18n';
import { uuid } from '../ids';
import { buildResponse, compact, type Answer } from '../response';
import { safe } from '../safe';
import css from '../styles.css?inline';
import { transportFor, type Transport } from '../transport';
import type { Mounted, MountOptions } from '../types';
import { createHost } from './mount';
import { Survey, type Layout } from './Survey';
import { themeRule } from './theme';

/**
 * Shows the survey once its language table has loaded (one small chunk). The handle works at
 * once: closing before then means the survey never appears.
 */
export function mount(options: MountOptions, transport: Transport = transportFor(options.base)): Mounted {
  const { survey } = options;
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language];
  const locale = pickLocale([options.locale, survey.locale, ...languages], survey.texts);
  let close: (() => void) | undefined;
  let cancelled = false;
  loadTable(locale)
    .then((table) => {
      if (!cancelled) close = show(options, transport, locale, messagesFor(locale, survey.texts, table));
    })
    // A language chunk that failed to load, or a page where the survey cannot render: the loader
    // learns the survey is gone and may show another on request.
    .catch(() => options.closed());
  return {
    close: safe(() => {
      if (close) return close();
      cancelled = true;
      options.closed();
    }),
  };
}

/** Renders the survey; returns the function that takes it away again. */
function show(options: MountOptions, transport: Transport, locale: string, messages: Messages): () => void {
  const { survey, key, visitor } = options;
  const position = survey.display.position;
  const layout: Layout = options.container ? 'inline' : position === 'inline' ? 'bottom-right' : position;
  const host = createHost(css + themeRule(survey.theme.brandColor), options.container, options.nonce);
  const previousFocus = document.activeElement;
  const context = { id: uuid(), key, survey: survey.id, locale, visitor };
  const answers: Answer = {};
  let open = true;

  const close = safe(() => {
    if (!open) return;
    open = false;
    const focusInside = document.activeElement === host.element || document.activeElement === document.body;
    render(null, host.root);
    host.element.remove();
    if (focusInside && previousFocus instanceof HTMLElement && previousFocus.isConnected) {
      previousFocus.focus({ preventScroll: true });
    }
    options.closed();
  });

  const onAnswer = (patch: Answer) => {
    const first = answers.nps === undefined && answers.csat === undefined && !answers.comment;
    Object.assign(answers, patch);
    // The whole answer so far, under one id: each request stands alone if another is lost.
    void transport.send(buildResponse({ ...context, href: location.href }, answers, options.identity()));
    if (first || patch.nps !== undefined || patch.csat !== undefined) {
      options.done();
      options.emit('answered', compact({ survey: survey.id, nps: answers.nps, csat: answers.csat }));
    }
  };

  const onClose = (answered: boolean) => {
    if (!answered) {
      transport.event({ key, survey: survey.id, type: 'dismissed', visitor });
      options.done();
      options.emit('dismissed', { survey: survey.id });
    }
    close();
  };

  render(
    <Survey
      questions={survey.questions}
      messages={messages}
      product={survey.productName ?? options.siteName}
      locale={locale}
      rtl={isRtl(locale)}
      layout={layout}
      autoFocus={options.focus}
      onAnswer={safe(onAnswer)}
      onClose={safe(onClose)}
    />,
    host.root,
  );
  transport.event({ key, survey: survey.id, type: 'shown', visitor });
  options.emit('shown', { survey: survey.id });
  return close;
}
