import { afterEach, describe, expect, it, vi } from 'vitest';
import { adoptStyles, createHost, HOST_TAG } from './mount';

afterEach(() => {
  document.body.innerHTML = '';
  vi.unstubAllGlobals();
});

describe('createHost', () => {
  it('appends one custom element to <body> with an open shadow root and a render root', () => {
    document.body.innerHTML = '<div id="app"></div>';
    const host = createHost(':host{color:red}');
    expect(host.element.tagName.toLowerCase()).toBe(HOST_TAG);
    expect(document.body.lastElementChild).toBe(host.element);
    expect(host.element.shadowRoot?.mode).toBe('open');
    expect(host.root.parentNode).toBe(host.element.shadowRoot);
    expect(host.element.hasAttribute('inline')).toBe(false);
  });

  it('goes inside the container in inline mode', () => {
    document.body.innerHTML = '<section><div data-plaudit-survey="s"></div></section>';
    const container = document.querySelector('[data-plaudit-survey]')!;
    const host = createHost('', container);
    expect(host.element.parentElement).toBe(container);
    expect(host.element.hasAttribute('inline')).toBe(true);
  });
});

describe('adoptStyles', () => {
  it('adopts a constructed stylesheet when the browser has them', () => {
    const shadow = document.createElement('div').attachShadow({ mode: 'open' });
    adoptStyles(shadow, '.card{color:red}', 'n0nce');
    expect(shadow.adoptedStyleSheets).toHaveLength(1);
    expect(shadow.querySelector('style')).toBeNull();
  });

  it('falls back to a <style> carrying the nonce without constructable stylesheets', () => {
    vi.stubGlobal(
      'CSSStyleSheet',
      class {
        constructor() {
          throw new TypeError('Illegal constructor');
        }
      },
    );
    const shadow = document.createElement('div').attachShadow({ mode: 'open' });
    adoptStyles(shadow, '.card{color:red}', 'n0nce');
    const style = shadow.querySelector('style')!;
    expect(style.textContent).toBe('.card{color:red}');
    expect(style.nonce || style.getAttribute('nonce')).toBe('n0nce');
  });
});
