// The shell of every e-mail the collector sends: plain HTML with inline styles (what mail clients
// render), user text escaped, and a text part that says the same.
import { escapeHtml } from '../../lib/html';

export interface Message {
  to: string[];
  subject: string;
  text: string;
  html: string;
}

/** A block of an e-mail: a heading, lines of text, and an optional quote (a comment). */
export interface Block {
  heading?: string;
  lines: string[];
  quotes?: string[];
}

export function render(title: string, blocks: Block[], footer: string, link: { url: string; label: string } | null): { text: string; html: string } {
  const text = [
    title,
    '',
    ...blocks.flatMap((b) => [...(b.heading ? [b.heading.toUpperCase()] : []), ...b.lines, ...(b.quotes ?? []).map((q) => `  “${q}”`), '']),
    ...(link ? [`${link.label}: ${link.url}`, ''] : []),
    footer,
  ].join('\n');
  const p = (s: string) => `<p style="margin:0 0 6px;font:15px/1.45 -apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#1f2937">${escapeHtml(s)}</p>`;
  const html = `<!doctype html><html><body style="margin:0;padding:24px;background:#f6f7f9">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #e5e7eb;border-radius:8px;padding:24px">
<h1 style="margin:0 0 16px;font:600 20px/1.3 -apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#111827">${escapeHtml(title)}</h1>
${blocks
  .map(
    (b) =>
      `<div style="margin:0 0 18px">${b.heading ? `<h2 style="margin:0 0 8px;font:600 15px/1.3 -apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#374151">${escapeHtml(b.heading)}</h2>` : ''}${b.lines.map(p).join('')}${(b.quotes ?? [])
        .map((q) => `<blockquote style="margin:6px 0;padding:6px 12px;border-left:3px solid #d1d5db;color:#374151;font:italic 15px/1.45 Georgia,serif">${escapeHtml(q)}</blockquote>`)
        .join('')}</div>`,
  )
  .join('\n')}
${link ? `<p style="margin:18px 0 0"><a href="${escapeHtml(link.url)}" style="display:inline-block;background:#111827;color:#ffffff;text-decoration:none;padding:10px 16px;border-radius:6px;font:600 14px -apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif">${escapeHtml(link.label)}</a></p>` : ''}
<p style="margin:24px 0 0;font:12px/1.4 -apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif;color:#6b7280">${escapeHtml(footer)}</p>
</div></body></html>`;
  return { text, html };
}
