/** Results of the à chaud evaluations of one subject (or several: a theme): counts, averages, distribution, comments. */
import { useLiveQuery } from 'dexie-react-hooks';
import type { EvaluationQuestion } from '../../domain/workshops';
import { useI18n } from '../../i18n';
import { DataTable } from '../../ui/DataTable';
import { EmptyState } from '../../ui/EmptyState';
import { computeResults, listEvaluations, SCALE_MIN, type EvaluationContext } from './repository';

export interface EvaluationResultsProps {
  context: EvaluationContext;
  subjectId: string;
  questions: EvaluationQuestion[];
  /** several subjects at once (e.g. every workshop of a theme); subjectId is then only a key */
  subjectIds?: string[];
  kind?: 'chaud' | 'froid';
}

export function EvaluationResults({ context, subjectId, questions, subjectIds, kind = 'chaud' }: EvaluationResultsProps) {
  const { t, locale } = useI18n();
  const ids = subjectIds ?? [subjectId];
  const evaluations = useLiveQuery(() => listEvaluations(context, ids, kind), [context, ids.join(','), kind]);
  if (!evaluations) return <p>{t('app.loading')}</p>;
  const results = computeResults(evaluations, questions);
  const number = (n: number) => n.toLocaleString(locale, { maximumFractionDigits: 2 });
  if (results.responses === 0) return <EmptyState>{t('evaluation.results.none')}</EmptyState>;
  return (
    <div className="evaluation-results">
      <p>
        <strong>{t('evaluation.results.responses', { count: results.responses })}</strong>
      </p>
      <DataTable
        caption={t('evaluation.results.caption')}
        rows={results.questions.filter((r) => r.question.kind === 'scale')}
        rowKey={(r) => r.question.id}
        columns={[
          { id: 'question', header: t('evaluation.results.question'), rowHeader: true, minRem: 14, cell: (r) => r.question.label },
          { id: 'count', header: t('evaluation.results.count'), minRem: 6, align: 'end', priority: 2, cell: (r) => r.count },
          { id: 'average', header: t('evaluation.results.average'), minRem: 7, cell: (r) => (r.average === null ? '—' : t('evaluation.results.outOf5', { value: number(r.average) })) },
          {
            id: 'distribution',
            header: t('evaluation.results.distribution'),
            minRem: 14,
            priority: 2,
            cell: (r) => {
              const max = Math.max(1, ...r.distribution);
              return (
                <ul aria-label={t('evaluation.results.distributionOf', { question: r.question.label })} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
                  {r.distribution.map((n, i) => (
                    <li key={i} style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
                      <span style={{ width: '1.5rem' }}>{i + SCALE_MIN}</span>
                      <span aria-hidden="true" style={{ display: 'inline-block', height: 10, width: `${(n / max) * 120}px`, background: 'var(--accent)', borderRadius: 2 }} />
                      <span>{t('evaluation.results.answers', { count: n })}</span>
                    </li>
                  ))}
                </ul>
              );
            },
          },
        ]}
      />
      {results.questions
        .filter((r) => r.question.kind === 'text' && r.texts.length > 0)
        .map((r) => (
          <section key={r.question.id}>
            <h4>{r.question.label}</h4>
            <ul>
              {r.texts.map((text, i) => (
                <li key={i}>{text}</li>
              ))}
            </ul>
          </section>
        ))}
    </div>
  );
}
