// The period, survey and interval pickers the views share, kept in the URL so a view can be shared.
import { Fragment, h } from 'preact';
import { Field } from './ui';
import { useLocation } from 'preact-iso';
import type { z } from 'zod';
import type { SurveySchema } from '@plaudit/shared';
import { withQuery } from '../api';
import { useApp } from '../context';
import { addDays, today, useData } from '../hooks';

export type Survey = z.infer<typeof SurveySchema>;
export const PERIODS = ['7d', '30d', '90d', '12m', 'all', 'custom'] as const;
export type Period = (typeof PERIODS)[number];
export type IntervalName = 'day' | 'week' | 'month';

export interface Range {
  period: Period;
  from: string | undefined;
  to: string | undefined;
  interval: IntervalName;
}

const DAYS: Record<string, number> = { '7d': 7, '30d': 30, '90d': 90, '12m': 365 };
const DEFAULT_INTERVAL: Record<Period, IntervalName> = { '7d': 'day', '30d': 'day', '90d': 'week', '12m': 'month', all: 'month', custom: 'day' };

/** The range the URL asks for, in the site's time zone; 30 days by default. */
export function rangeOf(query: Record<string, string>, timezone: string, fallback: Period = '30d'): Range {
  const period = (PERIODS as readonly string[]).includes(query.period ?? '') ? (query.period as Period) : fallback;
  const interval = (['day', 'week', 'month'] as const).find((i) => i === query.interval) ?? DEFAULT_INTERVAL[period];
  if (period === 'custom') return { period, from: query.from || undefined, to: query.to || undefined, interval };
  if (period === 'all') return { period, from: undefined, to: undefined, interval };
  const to = today(timezone);
  return { period, from: addDays(to, -(DAYS[period]! - 1)), to, interval };
}

/** Changes some of the URL's query, keeping the rest. */
export function useQueryState() {
  const location = useLocation();
  const set = (changes: Record<string, string | undefined>, replace = true) => {
    const next: Record<string, string | undefined> = { ...location.query, ...changes };
    location.route(withQuery(location.path, next), replace);
  };
  return { query: location.query, set };
}

export function useSurveys() {
  const { siteId } = useApp();
  return useData<{ items: Survey[] }>(`/v1/sites/${encodeURIComponent(siteId)}/surveys`);
}

export function SurveyPicker({ surveys, value, onChange, allLabel }: { surveys: Survey[]; value: string | undefined; onChange(v: string | undefined): void; allLabel?: string }) {
  const { t } = useApp();
  return (
    <Field label={t('survey')}>
<select value={value ?? ''} onChange={(e) => onChange(e.currentTarget.value || undefined)}>
        <option value="">{allLabel ?? t('allSurveys')}</option>
        {surveys.map((s) => (
          <option key={s.id} value={s.id}>
            {s.name}
            {s.status !== 'active' ? ` (${t(`status_${s.status}`)})` : ''}
          </option>
        ))}
      </select>
</Field>
  );
}

export function PeriodPicker({ range, withInterval = true }: { range: Range; withInterval?: boolean }) {
  const { t } = useApp();
  const { set } = useQueryState();
  return (
    <>
      <Field label={t('period')}>
<select
          value={range.period}
          onChange={(e) => {
            const period = e.currentTarget.value as Period;
            set(period === 'custom' ? { period, from: range.from, to: range.to, interval: undefined } : { period, from: undefined, to: undefined, interval: undefined });
          }}
        >
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              {t(`period_${p}`)}
            </option>
          ))}
        </select>
</Field>
      {range.period === 'custom' && (
        <>
          <Field label={t('from')}>
<input type="date" value={range.from ?? ''} max={range.to} onChange={(e) => set({ from: e.currentTarget.value || undefined })} />
</Field>
          <Field label={t('to')}>
<input type="date" value={range.to ?? ''} min={range.from} onChange={(e) => set({ to: e.currentTarget.value || undefined })} />
</Field>
        </>
      )}
      {withInterval && (
        <Field label={t('interval')}>
<select value={range.interval} onChange={(e) => set({ interval: e.currentTarget.value })}>
            {(['day', 'week', 'month'] as const).map((i) => (
              <option key={i} value={i}>
                {t(`interval_${i}`)}
              </option>
            ))}
          </select>
</Field>
      )}
    </>
  );
}
