// One checklist point: pass, fail or not applicable, and a note (required when failed).
import { useTranslation } from 'react-i18next';
import type { AnswerResult, ChecklistItem, PatrolForm } from './use-patrol-form';

const RESULTS: readonly AnswerResult[] = ['pass', 'fail', 'na'];

export function ChecklistItemRow({ item, form }: { item: ChecklistItem; form: PatrolForm }) {
  const { t } = useTranslation('patrol');
  const answer = form.answerOf(item.code);
  const needsNote = answer.result === 'fail' && !answer.note.trim();
  const noteId = `patrol-note-${item.code}`;
  return (
    <fieldset
      className={`checklist-item ${answer.result ?? 'unanswered'} ${form.active === item.code ? 'active' : ''}`}
      data-testid="checklist-item"
      data-item={item.code}
      onFocus={() => form.setActive(item.code)}
    >
      <legend>
        <span className="checklist-code">{item.code}</span> {item.text}
        {item.key && <span className="badge bad">{t('checklist.key')}</span>}
      </legend>
      {item.guidance && <p className="muted">{t('checklist.guidance', { text: item.guidance })}</p>}
      <div className="checklist-answers">
        {RESULTS.map((result) => (
          <label key={result} className={`answer-${result}`}>
            <input
              type="radio"
              name={`answer-${item.code}`}
              value={result}
              checked={answer.result === result}
              onChange={() => form.setAnswer(item.code, { result })}
            />
            {t(`checklist.${result}`)}
          </label>
        ))}
      </div>
      {answer.result !== undefined && answer.result !== 'pass' && (
        <label className="checklist-note" htmlFor={noteId}>
          {t('checklist.note')}
          <textarea
            id={noteId}
            rows={2}
            maxLength={500}
            value={answer.note}
            placeholder={answer.result === 'fail' ? t('checklist.notePlaceholder') : undefined}
            aria-invalid={needsNote}
            required={answer.result === 'fail'}
            onChange={(event) => form.setAnswer(item.code, { note: event.target.value })}
          />
        </label>
      )}
      {needsNote && <p className="error">{t('checklist.noteRequired')}</p>}
    </fieldset>
  );
}
