// widget.js entry. document.currentScript is only set while this script first runs, so it is read
// at the top; the querySelector fallback covers loaders that inject the tag in odd ways.
import { start } from './loader';

try {
  const script = (document.currentScript ??
    document.querySelector('script[data-key][src*="widget.js"]')) as HTMLScriptElement | null;
  if (script) start(script, (url) => import(/* @vite-ignore */ url));
} catch {
  // Never throw into the host page.
}
