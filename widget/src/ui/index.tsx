// The UI chunk, imported by the loader only when a survey is about to show.
import { render } from 'preact';
import { isRtl, messagesFor, pickLocale } from '../i18n';
import { uuid } from '../ids';
import { buildResponse, type Answer } from '../response';
import { safe } from '../safe';
import css from '../styles.css?inline';
import { transportFor, type Transport } from '../transport';
import type { Mounted, MountOptions } from '../types';
import { createHost } from './mount';
import { Survey, type Layout } from './Survey';
import { themeFor, themeRule } from './theme';

export function mount(options: MountOptions, transport: Transport = transportFor(options.base)): Mounted {
  const { survey, key, visitor } = options;
  const languages = navigator.languages?.length ? navigator.languages : [navigator.language];
  const locale = pickLocale([options.locale, survey.locale, ...languages], survey.texts);
  const layout: Layout = options.container
    ? 'inline'
    : survey.display.position === 'inline'
      ? 'bottom-right'
      : survey.display.position;
  const host = createHost(css + themeRule(themeFor(survey.theme.brandColor)), options.container, options.nonce);
  const previousFocus = document.activeElement;
  const context = { id: uuid(), key, survey: survey.id, locale, visitor };
  const answers: Answer = {};
  let open = true;

  const close = () => {
    if (!open) return;
    open = false;
    const focusInside = document.activeElement === host.element || document.activeElement === document.body;
    render(null, host.root);
    host.element.remove();
    if (focusInside && previousFocus instanceof HTMLElement && previousFocus.isConnected) {
      previousFocus.focus({ preventScroll: true });
    }
    options.closed();
  };

  const onAnswer = (patch: Answer) => {
    const first = answers.nps === undefined && answers.csat === undefined && !answers.comment;
    Object.assign(answers, patch);
    // The whole answer so far, under the same id: each request stands alone if another is lost.
    void transport.send(buildResponse({ ...context, href: location.href }, answers, options.identity()));
    if (first || patch.nps !== undefined || patch.csat !== undefined) {
      options.done();
      options.emit('answered', { survey: survey.id, ...pick(answers) });
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
      messages={messagesFor(locale, survey.texts)}
      product={survey.productName ?? options.siteName}
      locale={locale}
      rtl={isRtl(locale)}
      layout={layout}
      autoFocus={options.focus || layout === 'center'}
      onAnswer={safe(onAnswer)}
      onClose={safe(onClose)}
    />,
    host.root,
  );
  transport.event({ key, survey: survey.id, type: 'shown', visitor });
  options.emit('shown', { survey: survey.id });
  return { close: safe(close) };
}

function pick({ nps, csat }: Answer): { nps?: number; csat?: number } {
  return { ...(nps !== undefined && { nps }), ...(csat !== undefined && { csat }) };
}
