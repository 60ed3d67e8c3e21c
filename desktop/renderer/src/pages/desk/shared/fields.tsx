// Form fields the desk's forms share: a Beijing-time deadline, a photo to attach, and the submit / close
// buttons of an action form.
import { useCallback, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function DeadlineField({
  label,
  hint,
  value,
  onChange,
}: {
  label: string;
  hint: ReactNode;
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {label}
      <input type="datetime-local" value={value} onChange={(event) => onChange(event.target.value)} />
      <small className="muted">{hint}</small>
    </label>
  );
}

/** The chosen photo, and a key that empties the file input when the form is cleared. */
export function usePhotoChoice() {
  const [file, setFile] = useState<File | null>(null);
  const [inputKey, setInputKey] = useState(0);
  const clear = useCallback(() => {
    setFile(null);
    setInputKey((n) => n + 1);
  }, []);
  return { file, setFile, inputKey, clear };
}

export function PhotoField({ label, inputKey, onFile }: { label: string; inputKey?: number; onFile: (file: File | null) => void }) {
  return (
    <label>
      {label}
      <input
        key={inputKey}
        type="file"
        accept="image/jpeg,image/png,image/webp"
        onChange={(event) => onFile(event.target.files?.[0] ?? null)}
      />
    </label>
  );
}

/** Submit (saying it is busy while the request runs) and close, at the foot of an action form. */
export function ActionFormButtons({
  submitLabel,
  submitClassName = 'primary',
  busy,
  disabled = false,
  onClose,
}: {
  submitLabel: string;
  submitClassName?: string;
  busy: boolean;
  disabled?: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('desk');
  return (
    <div className="desk-form-buttons">
      <button type="submit" className={submitClassName} disabled={busy || disabled}>
        {busy ? t('forms.busy') : submitLabel}
      </button>
      <button type="button" onClick={onClose}>
        {t('forms.close')}
      </button>
    </div>
  );
}
