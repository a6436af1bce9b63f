// Request and response bodies of the v1 API, one file per resource. The collector validates,
// serializes and documents with these; the widget imports their types only, so zod never reaches
// a visitor's browser.
export * from './common';
export * from './sites';
export * from './follow-ups';
export * from './results';
export * from './themes';
export * from './outreach';
export * from './testimonials';
export * from './webhooks';
export * from './notifications';
export * from './accounts';
export * from './surveys';
export * from './config';
export * from './responses';
export * from './events';
export * from './metrics';
export * from './health';
export * from './links';
export * from './imports';
export * from './customers';
export * from './tickets';
