// The site's surveys: what each asks, whether it shows, and a way to make a new one.
import { h } from 'preact';
import { useSurveys } from '../components/filters';
import { Empty, ErrorNote, Loading } from '../components/ui';
import { useApp } from '../context';

export default function Surveys() {
  const { t, f, can, href } = useApp();
  const surveys = useSurveys();
  const items = surveys.data?.items ?? [];
  return (
    <section class="view" aria-labelledby="surveys-title">
      <div class="view-head">
        <h1 id="surveys-title">{t('surveysTitle')}</h1>
        {can('editor') && (
          <a class="button primary" href={href('/dashboard/surveys/new')}>
            {t('surveyNew')}
          </a>
        )}
      </div>
      <ErrorNote error={surveys.error} />
      {!surveys.data && !surveys.error && <Loading />}
      {surveys.data && items.length === 0 && <Empty>{t('surveysNone')}</Empty>}
      <ul class="survey-list">
        {items.map((s) => (
          <li key={s.id} class={`survey-item ${s.status}`}>
            <a href={href(`/dashboard/surveys/${s.id}`)}>
              <span class="survey-name">{s.name}</span>
            </a>
            <span class={`status ${s.status}`}>{t(`status_${s.status}`)}</span>
            <span class="hint">
              {s.questions.map((q) => t(`q_${q}`)).join(' + ')}
              {s.followUps.filter((q) => !q.retired).length > 0 && ` · ${t('followUpCount', { n: s.followUps.filter((q) => !q.retired).length })}`}
              {' · '}
              {t(`trigger_${s.display.trigger}`)} · {t('askedPercent', { pct: f.pct(s.display.samplePercent, 0) })}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
