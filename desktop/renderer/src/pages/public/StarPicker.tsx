// Five stars as a radio group: big enough for a thumb, usable with a keyboard and a screen reader.
import { useTranslation } from 'react-i18next';

export function StarPicker({ value, onChange }: { value: number; onChange: (stars: number) => void }) {
  const { t } = useTranslation('public');
  return (
    <fieldset className="star-picker">
      <legend>{t('rate.stars')}</legend>
      <div className="star-row">
        {[1, 2, 3, 4, 5].map((stars) => (
          <label key={stars} className={`star ${stars <= value ? 'on' : ''}`}>
            <input
              type="radio"
              name="stars"
              value={stars}
              checked={value === stars}
              aria-label={t('rate.star', { count: stars })}
              onChange={() => onChange(stars)}
            />
            <span aria-hidden="true">★</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
