// widget.js entry. document.currentScript is set only while this script first runs, so it is
// read here, at the top, before anything asynchronous.
import { ownScript, start } from './loader';

try {
  const script = ownScript(document.currentScript, document);
  if (script) start(script, (url) => import(/* @vite-ignore */ url));
} catch {
  // Never throw into the host page.
}
