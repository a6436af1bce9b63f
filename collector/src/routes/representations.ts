// Maps stored records to the public JSON shapes of the v1 API.
import type { Site, Survey } from '@plaudit/shared';
import type { SiteRecord } from '../store/types';
import type { SurveyRecord } from '../store/types';

const iso = (ms: number) => new Date(ms).toISOString();

export function siteJson(site: SiteRecord): Site {
  return {
    id: site.id,
    name: site.name,
    origins: site.origins,
    timezone: site.timezone,
    cooldownDays: site.cooldownDays,
    publicKey: site.publicKey,
    createdAt: iso(site.createdAt),
    updatedAt: iso(site.updatedAt),
  };
}

export function surveyJson(survey: SurveyRecord): Survey {
  return {
    id: survey.id,
    siteId: survey.siteId,
    name: survey.name,
    questions: survey.questions,
    productName: survey.productName,
    locale: survey.locale,
    display: survey.display,
    texts: survey.texts,
    theme: survey.theme,
    status: survey.status,
    followUps: survey.followUps,
    cta: survey.cta,
    createdAt: iso(survey.createdAt),
    updatedAt: iso(survey.updatedAt),
  };
}

/**
 * Route-level serializer for hot or large answers whose shape the handler builds exactly: the
 * zod schema still documents the route, JSON.stringify does the writing.
 */
export const plainJson = () => (data: unknown) => JSON.stringify(data);
