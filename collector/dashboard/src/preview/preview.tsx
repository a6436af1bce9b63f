// The survey as visitors will see it: the real widget UI (widget/src/ui) runs in a frame of the
// dashboard's own origin (preview.html), whose width is a phone's or a desktop's, so the widget's
// own media queries apply. The frame's transport sends nothing; the draft goes in by postMessage.
import { h } from 'preact';
import { Field } from '../components/ui';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../context';
import type { Draft } from '../views/survey-editor';

const WIDTHS = { phone: { width: 390, height: 700 }, desktop: { width: 1280, height: 760 } } as const;
type Device = keyof typeof WIDTHS;

export interface PreviewMessage {
  type: 'plaudit-preview';
  draft: Draft;
  locale: string;
  siteName: string;
}

/** A language tag by its name in the reader's language ("Français", "Portugais (Brésil)"), else the tag. */
function languageName(tag: string, lang: string): string {
  try {
    const name = new Intl.DisplayNames([lang], { type: 'language' }).of(tag);
    return name ? name.charAt(0).toLocaleUpperCase(lang) + name.slice(1) : tag;
  } catch {
    return tag;
  }
}

export function Preview({ draft, siteName }: { draft: Draft; siteName: string }) {
  const { t, lang } = useApp();
  const [device, setDevice] = useState<Device>('phone');
  // The survey's own language, else the reader's: a French reader sees the French survey first.
  const [locale, setLocale] = useState(draft.locale || lang);
  const [ready, setReady] = useState(false);
  const [run, setRun] = useState(0);
  const frame = useRef<HTMLIFrameElement>(null);
  const box = useRef<HTMLDivElement>(null);
  const size = WIDTHS[device];

  useEffect(() => {
    const listen = (e: MessageEvent) => {
      if (e.origin === location.origin && e.source === frame.current?.contentWindow && (e.data as { type?: string })?.type === 'plaudit-preview-ready') setReady(true);
    };
    addEventListener('message', listen);
    return () => removeEventListener('message', listen);
  }, []);
  // Each change of the draft shows the survey again, from its first step, after a short pause.
  useEffect(() => {
    if (!ready) return;
    const timer = setTimeout(() => {
      const message: PreviewMessage = { type: 'plaudit-preview', draft, locale, siteName };
      frame.current?.contentWindow?.postMessage(JSON.parse(JSON.stringify(message)), location.origin);
    }, 250);
    return () => clearTimeout(timer);
  }, [ready, draft, locale, siteName, run, device]);
  // The frame keeps its real width and is scaled down to fit the column.
  useEffect(() => {
    const el = box.current;
    const f = frame.current;
    if (!el || !f) return;
    const fit = () => {
      const scale = Math.min(1, el.clientWidth / size.width);
      f.style.width = `${size.width}px`;
      f.style.height = `${size.height}px`;
      f.style.transform = `scale(${scale})`;
      el.style.height = `${Math.ceil(size.height * scale)}px`;
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(el);
    return () => observer.disconnect();
  }, [device]);

  return (
    <div class="preview">
      <div class="card-head">
        <h2>{t('previewTitle')}</h2>
      </div>
      <div class="preview-controls">
        <div class="tabs" role="group" aria-label={t('previewWidth')}>
          {(Object.keys(WIDTHS) as Device[]).map((d) => (
            <button key={d} type="button" aria-pressed={device === d} onClick={() => setDevice(d)}>
              {t(d === 'phone' ? 'previewPhone' : 'previewDesktop')}
            </button>
          ))}
        </div>
        <Field label={t('previewLanguage')} class="compact">
<select value={locale} onChange={(e) => setLocale(e.currentTarget.value)}>
            {[...new Set(['en', 'fr', 'es', 'de', ...Object.keys(draft.texts)])].map((l) => (
              <option key={l} value={l}>
                {languageName(l, lang)}
              </option>
            ))}
          </select>
</Field>
        <button type="button" onClick={() => setRun((n) => n + 1)}>
          {t('previewAgain')}
        </button>
      </div>
      <div class="preview-box" ref={box} data-device={device}>
        <iframe ref={frame} src="/dashboard/preview.html" title={t('previewFrameTitle', { device: t(device === 'phone' ? 'previewPhone' : 'previewDesktop') })} tabIndex={0} />
      </div>
      <p class="hint">{t('previewHint')}</p>
    </div>
  );
}
