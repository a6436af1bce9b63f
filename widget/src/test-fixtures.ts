// Shared test data (imported by *.test.ts files only, never by the widget itself).
import { DEFAULT_DISPLAY, themeColors, type Display, type PublicSurvey } from '@plaudit/shared';

/** A survey as the config endpoint returns it: NPS then comment, default display rules. */
export function surveyFixture(id: string, display: Partial<Display> = {}, fields: Partial<PublicSurvey> = {}): PublicSurvey {
  return {
    id,
    name: id,
    questions: ['nps', 'comment'],
    productName: null,
    locale: null,
    display: { ...DEFAULT_DISPLAY, ...display },
    texts: {},
    followUps: [],
    cta: null,
    theme: { colors: themeColors(undefined) },
    ...fields,
  };
}
