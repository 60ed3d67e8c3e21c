// The camera filter of a list: search cameras by their, their canteen's or their school's name within the
// chosen county or school (GET /api/cameras?q=…), pick one, and it stays as a chip until cleared.
import { useId, useState, type FocusEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraPage } from '../../../api/types';
import { useDebounced } from '../../../hooks/use-debounced';
import { useLiveQuery } from '../../../hooks/use-live-query';

const MATCHES = 12;

export function CameraFilter({
  county,
  school,
  value,
  onChange,
}: {
  county: string | undefined;
  school: string | undefined;
  value: string | undefined;
  onChange: (camera: string | undefined) => void;
}) {
  const { t } = useTranslation('desk');
  const chosen = useLiveQuery<CameraPage>('/api/cameras', { ids: value }, { enabled: Boolean(value) });
  if (value) {
    const camera = chosen.data?.items[0];
    return (
      <span className="badge desk-chip" data-testid="camera-filter-chip">
        {t('cameraFilter.chosen', { name: camera ? `${camera.name} · ${camera.school.name}` : '…' })}
        <button type="button" className="link" aria-label={t('cameraFilter.clear')} onClick={() => onChange(undefined)}>
          ✕
        </button>
      </span>
    );
  }
  return <CameraSearch county={county} school={school} onPick={onChange} />;
}

function CameraSearch({ county, school, onPick }: { county?: string; school?: string; onPick: (camera: string) => void }) {
  const { t } = useTranslation('desk');
  const listId = useId();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebounced(text.trim());
  // A county holds thousands of cameras: list them once a few letters narrow them (or a school is chosen).
  const matches = useLiveQuery<CameraPage>(
    '/api/cameras',
    { county, school, q: q || undefined, pageSize: MATCHES },
    { enabled: open && (q.length > 0 || Boolean(school)) },
  );
  const close = (event: FocusEvent<HTMLDivElement>) => {
    if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOpen(false);
  };
  const onKey = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape') {
      setOpen(false);
      event.currentTarget.blur();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      document.getElementById(listId)?.querySelector('button')?.focus();
    }
  };
  const items = matches.data?.items ?? [];
  return (
    <div className="desk-camera-filter" onBlur={close}>
      <label>
        {t('cameraFilter.label')}
        <input
          type="search"
          value={text}
          placeholder={t('cameraFilter.placeholder')}
          aria-controls={listId}
          aria-expanded={open}
          onFocus={() => setOpen(true)}
          onChange={(event) => {
            setText(event.target.value);
            setOpen(true);
          }}
          onKeyDown={onKey}
        />
      </label>
      {open && matches.data && (
        <ul id={listId} className="desk-camera-matches panel" aria-label={t('cameraFilter.matches')}>
          {items.length === 0 && <li className="muted">{t('cameraFilter.none')}</li>}
          {items.map((camera) => (
            <li key={camera.id}>
              <button
                type="button"
                className="link"
                data-camera-id={camera.id}
                onClick={() => {
                  onPick(camera.id);
                  setText('');
                  setOpen(false);
                }}
              >
                {camera.name}
                <span className="muted">
                  {' '}
                  {camera.school.name} · {camera.canteen.name}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
