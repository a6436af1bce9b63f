// The recurring topics of comments, most distinctive of one NPS category first.
import { z } from 'zod';
import { IdSchema } from './common';
import { IntervalSchema } from './metrics';

export const THEME_CATEGORIES = ['detractor', 'passive', 'promoter'] as const;
export const THEME_LANGUAGE_CODES = ['en', 'fr', 'de', 'es'] as const;

export const ThemesQuerySchema = z.strictObject({
  from: z.iso.date().optional().meta({ description: 'First day (YYYY-MM-DD) in the site’s time zone, inclusive.', examples: ['2026-09-01'] }),
  to: z.iso.date().optional().meta({ description: 'Last day, inclusive.', examples: ['2026-11-30'] }),
  survey: IdSchema.optional().meta({ description: 'Only this survey’s comments.', examples: ['sv_q3Zr8nL2xTbA'] }),
  category: z.enum(THEME_CATEGORIES).default('detractor').meta({ description: 'Whose themes: most distinctive of this category against the others.', examples: ['detractor'] }),
  locale: z.enum(THEME_LANGUAGE_CODES).optional().meta({ description: 'Only comments in this language (as answered, else detected).', examples: ['fr'] }),
  limit: z.coerce.number().int().min(1).max(50).default(10).meta({ description: 'Themes at most.', examples: [10] }),
});

const CategoryFiguresSchema = z
  .object({
    count: z.int().meta({ description: 'Comments of the category that mention the theme.', examples: [84] }),
    share: z.number().nullable().meta({ description: 'Percent of the category’s comments, one decimal; null when it has none.', examples: [21.4] }),
  })
  .meta({ id: 'ThemeCategoryFigures' });

const ThemeNpsSchema = z
  .object({
    score: z.number().nullable().meta({ description: 'NPS, one decimal; null without scored answers.', examples: [-41.2] }),
    interval: IntervalSchema.nullable().meta({ description: '95% adjusted-Wald interval.' }),
    responses: z.int().meta({ description: 'Scored answers counted.', examples: [212] }),
  })
  .meta({ id: 'ThemeNps' });

export const CommentThemeSchema = z
  .object({
    label: z.string().meta({ description: 'The theme as a person would name it, from the comments’ own words.', examples: ['Délai de livraison'] }),
    key: z.string().meta({ description: 'Its leading stem or phrase, stable across calls.', examples: ['delai livraison'] }),
    stems: z.array(z.string()).meta({ description: 'The stems it gathers.', examples: [['delai', 'livraison']] }),
    forms: z.array(z.string()).meta({ description: 'How comments wrote it (a dozen at most).', examples: [['délai de livraison', 'livraison']] }),
    count: z.int().meta({ description: 'Comments that mention it.', examples: [133] }),
    share: z.number().nullable().meta({ description: 'Percent of all comments read.', examples: [6.2] }),
    score: z.number().meta({ description: 'How distinctive it is of the category asked (see `definitions`); themes come in this order.', examples: [0.0123] }),
    byCategory: z.object({ detractor: CategoryFiguresSchema, passive: CategoryFiguresSchema, promoter: CategoryFiguresSchema }),
    nps: z
      .object({ with: ThemeNpsSchema, without: ThemeNpsSchema })
      .meta({ description: 'The NPS of the answers that mention it against those that do not: what drives the score.' }),
    examples: z.array(z.object({ id: z.string(), text: z.string() })).meta({ description: 'Three representative comments (text, never HTML).' }),
  })
  .meta({ id: 'CommentTheme', description: 'A recurring topic of the comments.' });

export const ThemesSchema = z
  .object({
    themes: z.array(CommentThemeSchema).meta({ description: 'Most distinctive of the category first.' }),
    category: z.enum(THEME_CATEGORIES).meta({ examples: ['detractor'] }),
    comments: z.int().meta({ description: 'Comments read.', examples: [21450] }),
    truncated: z.boolean().meta({ description: 'More comments matched than are read at once; the newest were read.', examples: [false] }),
    computedAt: z.string().meta({ description: 'When the themes were worked out: an answer is kept for a minute.', examples: ['2026-11-29T10:00:00.000Z'] }),
    definitions: z.record(z.string(), z.string()).meta({ description: 'The method, in words.' }),
  })
  .meta({ id: 'Themes', description: 'The recurring topics of the comments.' });
