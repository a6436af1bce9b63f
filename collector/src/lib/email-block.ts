// The e-mail block of a link survey: the question and one button per score, each a link to the
// hosted page with `&score=N`. E-mail clients strip scripts and style sheets and many ignore
// flexbox, so this is what they all render: nested tables, inline styles, no script, no image.
import { themeColors } from '@plaudit/shared';
import { BUILT_IN_MESSAGES, type Messages } from '@plaudit/shared/i18n';
import { escapeHtml } from './html';

export interface EmailBlockInput {
  /** The hosted page's URL without `score` (it may carry `t` and `locale`). */
  pageUrl: string;
  question: 'nps' | 'csat';
  locale: string;
  /** The survey's text overrides, per language. */
  texts: Record<string, Record<string, string>>;
  productName: string;
  brandColor?: string | undefined;
}

/** The built-in table of the locale's language under the survey's overrides, as the widget does. */
export function emailMessages(locale: string, texts: Record<string, Record<string, string>>): Messages {
  const language = locale.split('-')[0]!.toLowerCase();
  const table = BUILT_IN_MESSAGES[language] ?? BUILT_IN_MESSAGES.en!;
  const pick = (tag: string) =>
    Object.fromEntries(
      Object.entries(Object.entries(texts).find(([key]) => key.toLowerCase() === tag)?.[1] ?? {}).filter(([key, text]) => typeof text === 'string' && key in table),
    );
  return { ...table, ...pick(language), ...pick(locale.toLowerCase()) };
}

export function renderEmailBlock(input: EmailBlockInput): string {
  const m = emailMessages(input.locale, input.texts);
  const colors = themeColors(input.brandColor);
  const [question, low, high] = input.question === 'nps' ? [m.npsQuestion, m.npsLow, m.npsHigh] : [m.csatQuestion, m.csatLow, m.csatHigh];
  const scores = input.question === 'nps' ? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10] : [1, 2, 3, 4, 5];
  const href = (score: number) => {
    const url = new URL(input.pageUrl);
    url.searchParams.set('score', String(score));
    return escapeHtml(url.href);
  };
  const font = "font-family:-apple-system,'Segoe UI',Roboto,Helvetica,Arial,sans-serif";
  // The buttons share the row's width (percentages work in every mail client's tables), so eleven
  // fit the 270 px a small phone's mail app leaves for a message, and grow to 38 px on a desktop.
  const [rowWidth, cellWidth] = input.question === 'nps' ? [420, '9%'] : [300, '20%'];
  const buttons = scores
    .map(
      (score) =>
        `<td align="center" width="${cellWidth}" style="padding:1px"><a href="${href(score)}" target="_blank" style="display:block;line-height:36px;border:1px solid ${colors.accent};border-radius:6px;background:#ffffff;color:${colors.accent};${font};font-size:14px;font-weight:600;text-align:center;text-decoration:none">${score}</a></td>`,
    )
    .join('');
  const text = (value: string) => escapeHtml(value.split('{product}').join(input.productName));
  return `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="margin:0 auto;border-collapse:collapse">
  <tr><td style="padding:0 0 12px;${font};font-size:17px;line-height:1.4;color:#111827;text-align:center">${text(question)}</td></tr>
  <tr><td align="center"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:${rowWidth}px;border-collapse:collapse;table-layout:fixed"><tr>${buttons}</tr></table></td></tr>
  <tr><td align="center" style="padding:6px 0 0"><table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="max-width:${rowWidth}px;border-collapse:collapse"><tr>
    <td style="${font};font-size:12px;color:#4b5563;text-align:left">${text(low)}</td>
    <td style="${font};font-size:12px;color:#4b5563;text-align:right">${text(high)}</td>
  </tr></table></td></tr>
</table>
`;
}
