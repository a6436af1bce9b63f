// Text into HTML: every page the collector writes itself (examples, hosted surveys, e-mail
// blocks) escapes what it did not write, so user text and request data never become markup.
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
