// preview.html: a page that stands for the owner's site, where the real widget UI shows the draft
// survey. Nothing leaves it: the transport drops answers and events.
import type { PublicSurvey } from '@plaudit/shared';
import { themeColors } from '@plaudit/shared/theme';
import { mount } from '@plaudit/widget/src/ui/index';
import type { Transport } from '@plaudit/widget/src/transport';
import type { Mounted } from '@plaudit/widget/src/types';
import type { PreviewMessage } from './preview';
import './frame.css';

const silent: Transport = {
  send: async () => undefined,
  flush: async () => undefined,
  beacon: () => undefined,
  online: () => undefined,
  event: () => undefined,
};

function page(): { inline: HTMLElement } {
  document.body.textContent = '';
  const main = document.createElement('main');
  main.className = 'fake-page';
  for (let i = 0; i < 3; i++) {
    const p = document.createElement('div');
    p.className = 'fake-text';
    main.appendChild(p);
  }
  const inline = document.createElement('div');
  inline.className = 'fake-inline';
  main.appendChild(inline);
  document.body.appendChild(main);
  return { inline };
}

let current: Mounted | undefined;

/** A text per language without the languages left blank in the editor. */
const clean = (text: Record<string, string> | undefined) => (text ? Object.fromEntries(Object.entries(text).filter(([, v]) => v.trim())) : undefined);

function show(message: PreviewMessage) {
  current?.close();
  const { draft } = message;
  const { inline } = page();
  const survey: PublicSurvey = {
    id: 'sv_preview',
    name: draft.name,
    questions: draft.questions,
    productName: draft.productName.trim() || null,
    locale: draft.locale || null,
    display: { ...draft.display, trigger: 'manual' },
    texts: Object.fromEntries(Object.entries(draft.texts).map(([l, table]) => [l, Object.fromEntries(Object.entries(table).filter(([, v]) => v && v.trim()))])) as PublicSurvey['texts'],
    followUps: draft.followUps.map((q) => ({
      ...q,
      prompt: clean(q.prompt)!,
      ...(q.options && { options: q.options.map((o) => ({ ...o, label: clean(o.label)! })) }),
      ...(q.low && { low: clean(q.low) }),
      ...(q.high && { high: clean(q.high) }),
    })),
    cta: draft.cta && { ...draft.cta, label: clean(draft.cta.label)!, ...(draft.cta.message && { message: clean(draft.cta.message) }) },
    theme: { brandColor: draft.brandColor, colors: themeColors(draft.brandColor) },
  };
  current = mount(
    {
      base: `${location.origin}/`,
      visitor: 'preview',
      siteName: message.siteName,
      survey,
      data: { key: 'pk_preview', locale: message.locale },
      container: draft.display.position === 'inline' ? inline : undefined,
      focus: false,
      force: true,
      identity: () => undefined,
      emit: () => undefined,
      closed: () => {
        current = undefined;
      },
    },
    silent,
  );
}

addEventListener('message', (e: MessageEvent) => {
  if (e.origin !== location.origin || e.source !== parent) return;
  const data = e.data as PreviewMessage;
  if (data?.type === 'plaudit-preview') show(data);
});
parent.postMessage({ type: 'plaudit-preview-ready' }, location.origin);
