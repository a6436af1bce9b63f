// The shadow host: one custom element, one stylesheet. The host page's selectors cannot reach
// inside; `:host { all: initial !important }` in styles.css stops what it could still inherit.

export const HOST_TAG = 'plaudit-survey';

export interface Host {
  element: HTMLElement;
  /** Where Preact renders: a child of the shadow root, so a fallback <style> is never diffed away. */
  root: HTMLElement;
}

/** Inline mode renders into `container`; otherwise the host goes to the end of <body>. */
export function createHost(css: string, container?: Element, nonce?: string): Host {
  const element = document.createElement(HOST_TAG);
  if (container) element.setAttribute('inline', '');
  (container ?? document.body ?? document.documentElement).appendChild(element);
  const shadow = element.attachShadow({ mode: 'open' });
  adoptStyles(shadow, css, nonce);
  const root = shadow.appendChild(document.createElement('div'));
  return { element, root };
}

/**
 * A constructed stylesheet needs no `style-src` allowance under CSP. Older browsers get a
 * `<style>` element carrying the page's nonce (`data-nonce`) instead.
 */
export function adoptStyles(shadow: ShadowRoot, css: string, nonce?: string): void {
  if ('adoptedStyleSheets' in shadow) {
    try {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      shadow.adoptedStyleSheets = [sheet];
      return;
    } catch {
      // No constructor or no replaceSync: fall back below.
    }
  }
  const style = document.createElement('style');
  if (nonce) style.nonce = nonce;
  style.textContent = css;
  shadow.appendChild(style);
}
