// GET /s/:surveyId: the hosted survey page that link surveys and e-mail buttons open. The page is
// a shell: the widget itself renders the survey inline, in the site's colours, records the score
// of `?score=N` once its script runs (a mail scanner that fetches the page records nothing) and
// sends every answer with the link's signed token, which the collector checks again at ingest.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { LIMITS, LocaleSchema, AttributeKeySchema, type Attributes } from '@plaudit/shared';
import { preferredLanguage } from '../../lib/accept-language';
import { escapeHtml } from '../../lib/html';
import { verifyLink } from '../../lib/links';

/** Beside this module in the source tree, beside the bundle in dist/ (build.mjs copies it). */
export const HOSTED_CSS = fs.readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'hosted.css'), 'utf8');

/**
 * Our own page: scripts and styles from this origin only, nothing inline, no framing. The widget's
 * styles are a constructed stylesheet, which `style-src 'self'` allows.
 */
const CSP = "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

interface PageParts {
  lang: string;
  title: string;
  body: string;
  script?: Record<string, string>;
}

function page({ lang, title, body, script }: PageParts): string {
  const attrs = script ? Object.entries(script).map(([k, v]) => ` ${k}="${escapeHtml(v)}"`).join('') : '';
  return `<!doctype html>
<html lang="${escapeHtml(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(title)}</title>
<link rel="stylesheet" href="/s/hosted.css">
${script ? `<script async src="/widget.js"${attrs}></script>\n` : ''}</head>
<body>
<main class="hosted">
${body}
</main>
</body>
</html>
`;
}

/** Messages of the page itself, in the languages the widget speaks. */
const NOTICES = {
  en: { closed: 'This survey is closed.', invalid: 'This link is not valid.', expired: 'This link has expired.', script: 'This survey needs JavaScript to record your answer.', thanks: 'Thank you!' },
  fr: { closed: 'Ce questionnaire est clos.', invalid: 'Ce lien n’est pas valide.', expired: 'Ce lien a expiré.', script: 'Ce questionnaire a besoin de JavaScript pour enregistrer votre réponse.', thanks: 'Merci !' },
  es: { closed: 'Esta encuesta está cerrada.', invalid: 'Este enlace no es válido.', expired: 'Este enlace ha caducado.', script: 'Esta encuesta necesita JavaScript para registrar su respuesta.', thanks: '¡Gracias!' },
  de: { closed: 'Diese Umfrage ist geschlossen.', invalid: 'Dieser Link ist ungültig.', expired: 'Dieser Link ist abgelaufen.', script: 'Diese Umfrage braucht JavaScript, um Ihre Antwort zu speichern.', thanks: 'Danke!' },
} as const;
const noticesFor = (lang: string) => NOTICES[lang.split('-')[0]!.toLowerCase() as keyof typeof NOTICES] ?? NOTICES.en;

/** Plain attributes from `a.<name>=value` (a help desk's ticket id): unsigned, like a page's own. */
function plainAttributes(query: Record<string, unknown>): Attributes {
  const out: Attributes = {};
  for (const [name, value] of Object.entries(query)) {
    if (!name.startsWith('a.') || typeof value !== 'string') continue;
    const key = name.slice(2);
    if (AttributeKeySchema.safeParse(key).success && value.length <= LIMITS.attributeValueChars && Object.keys(out).length < LIMITS.attributes) out[key] = value;
  }
  return out;
}

export default async function hostedRoutes(app: FastifyInstance) {
  function send(reply: FastifyReply, status: number, html: string) {
    return reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('content-security-policy', CSP)
      .header('x-frame-options', 'DENY')
      .header('x-content-type-options', 'nosniff')
      .header('referrer-policy', 'no-referrer')
      .header('cache-control', 'no-store')
      .header('vary', 'Accept-Language')
      .send(html);
  }

  app.get('/s/hosted.css', { schema: { hide: true } }, async (_request, reply) =>
    reply.header('content-type', 'text/css; charset=utf-8').header('cache-control', 'public, max-age=300').header('x-content-type-options', 'nosniff').send(HOSTED_CSS),
  );

  app.get<{ Params: { surveyId: string }; Querystring: Record<string, unknown> }>('/s/:surveyId', { schema: { hide: true } }, async (request, reply) => {
    const q = request.query;
    const requested = typeof q.locale === 'string' && LocaleSchema.safeParse(q.locale).success ? q.locale : undefined;
    const siteId = /^[A-Za-z0-9_-]{1,64}$/.test(request.params.surveyId) ? await app.store.surveys.siteOf(request.params.surveyId) : undefined;
    const site = siteId ? await app.store.sites.get(siteId) : undefined;
    const survey = site ? await app.store.surveys.get(site.id, request.params.surveyId) : undefined;
    // The page and the widget speak the same language: the link's, the survey's, else the visitor's.
    const lang = requested ?? survey?.locale ?? preferredLanguage(request.headers['accept-language'], Object.keys(NOTICES)) ?? 'en';
    const notices = noticesFor(lang);
    const notice = (status: number, text: string) => send(reply, status, page({ lang, title: site?.name ?? 'Plaudit', body: `<p class="notice">${escapeHtml(text)}</p>` }));
    if (!site || !survey) return notice(404, notices.invalid);
    if (survey.status !== 'active') return notice(410, notices.closed);

    const token = typeof q.t === 'string' ? q.t : undefined;
    if (token !== undefined) {
      const check = verifyLink(token, site.linkKey, survey.id);
      if (!check.ok) return check.reason === 'expired' ? notice(410, notices.expired) : notice(403, notices.invalid);
    }
    const first = survey.questions[0];
    const score = typeof q.score === 'string' && /^\d{1,2}$/.test(q.score) ? Number(q.score) : undefined;
    const scoreFits = score !== undefined && ((first === 'nps' && score <= 10) || (first === 'csat' && score >= 1 && score <= 5));
    const attributes = plainAttributes(q);
    const script: Record<string, string> = { 'data-key': site.publicKey, 'data-survey': survey.id, 'data-hosted': '' };
    if (requested) script['data-locale'] = requested;
    if (scoreFits) script['data-score'] = String(score);
    if (token) script['data-link'] = token;
    if (Object.keys(attributes).length) script['data-attributes'] = JSON.stringify(attributes);
    const body = `<p class="site">${escapeHtml(site.name)}</p>
<div class="survey" data-plaudit-survey="${escapeHtml(survey.id)}"></div>
<noscript><p class="notice">${escapeHtml(notices.script)}</p></noscript>`;
    return send(reply, 200, page({ lang, title: site.name, body, script }));
  });
}
