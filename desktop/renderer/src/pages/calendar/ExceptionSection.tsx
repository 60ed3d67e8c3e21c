// One list of a calendar's exceptions (holidays and vacations, or make-up days): the items with a remove
// button each, and below them the fields to add one — for those who may edit.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

interface ExceptionSectionProps<T> {
  testId: string;
  itemTestId: string;
  title: string;
  empty: string;
  items: readonly T[];
  keyOf: (item: T, index: number) => string;
  describe: (item: T) => ReactNode;
  editable: boolean;
  onRemove: (index: number) => void;
  /** The fields and button that add an item. */
  children: ReactNode;
}

export function ExceptionSection<T>(props: ExceptionSectionProps<T>) {
  const { t } = useTranslation('calendar');
  return (
    <section className="cal-card" data-testid={props.testId}>
      <h2>{props.title}</h2>
      {props.items.length === 0 && <p className="cal-muted">{props.empty}</p>}
      <ul className="cal-list">
        {props.items.map((item, index) => (
          <li key={props.keyOf(item, index)} data-testid={props.itemTestId}>
            {props.describe(item)}
            {props.editable && (
              <button type="button" className="link" onClick={() => props.onRemove(index)}>
                {t('remove')}
              </button>
            )}
          </li>
        ))}
      </ul>
      {props.editable && <div className="cal-add">{props.children}</div>}
    </section>
  );
}

/** A labelled input of the add fields: a date, or a name with an example. */
export function AddField(props: { label: string; value: string; onChange: (value: string) => void; type?: 'date'; example?: string }) {
  return (
    <label>
      {props.label}
      <input
        type={props.type ?? 'text'}
        value={props.value}
        maxLength={props.type ? undefined : 60}
        placeholder={props.example}
        onChange={(event) => props.onChange(event.target.value)}
      />
    </label>
  );
}
