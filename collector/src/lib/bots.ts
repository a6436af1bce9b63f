// Crawlers, monitors and headless browsers: their requests are answered 2xx (so they do not
// retry) but never counted. The list errs on the side of well-known automation signatures.
const BOT_UA =
  /bot\b|bot\/|crawl|spider|slurp|headless|phantomjs|puppeteer|playwright|selenium|lighthouse|pagespeed|pingdom|uptime|statuscake|gtmetrix|facebookexternalhit|embedly|preview|python-requests|go-http-client|java\/|okhttp|wget|scrapy/i;

export function isBot(userAgent: string | undefined): boolean {
  return userAgent !== undefined && BOT_UA.test(userAgent);
}
