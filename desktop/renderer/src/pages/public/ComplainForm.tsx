// 我要投诉: a category, what happened, optionally a phone number and a photo. The answer is a tracking
// code, shown big and kept on this phone.
import { useEffect, useState, type ChangeEvent, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import type { ComplaintCategory } from '../../api/types';
import { PhotoRefused, looksLikeImage } from '../school/prepare-photo';
import { BackLink } from './BackLink';
import { publicErrorText } from './public-errors';
import { submitComplaint } from './submit-complaint';
import { rememberComplaint } from './tracking-code';
import { TrackingCodeCard } from './TrackingCodeCard';
import { usePublicSchool } from './use-public-api';

const CATEGORIES: readonly ComplaintCategory[] = [
  'hygiene',
  'foreign_matter',
  'food_quality',
  'illness',
  'staff',
  'price_quantity',
  'other',
];
const PHONE = /^[0-9+\-() ]{5,30}$/;

export function ComplainForm() {
  const { t } = useTranslation('public');
  const { id = '' } = useParams();
  const school = usePublicSchool(id);
  const [category, setCategory] = useState<ComplaintCategory | ''>('');
  const [text, setText] = useState('');
  const [contact, setContact] = useState('');
  const [photo, setPhoto] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [code, setCode] = useState<string | null>(null);

  useEffect(() => {
    if (!photo) return setPreview(null);
    const url = URL.createObjectURL(photo);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [photo]);

  const choosePhoto = (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    if (!looksLikeImage(file)) {
      setError(t('errors.photoType'));
      return;
    }
    setError(null);
    setPhoto(file);
  };

  const problem = (): string | null => {
    if (!category) return t('complain.needCategory');
    if (text.trim().length < 5) return t('complain.needText');
    if (contact.trim() && !PHONE.test(contact.trim())) return t('complain.badContact');
    return null;
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const invalid = problem();
    if (invalid || !category) return setError(invalid);
    setBusy(true);
    setError(null);
    try {
      const filed = await submitComplaint({
        schoolId: id,
        category,
        text: text.trim(),
        contact: contact.trim() || undefined,
        photo: photo ?? undefined,
      });
      rememberComplaint({ code: filed.trackingCode, school: school.data?.name ?? '', at: new Date().toISOString() });
      setCode(filed.trackingCode);
    } catch (failure) {
      setError(failure instanceof PhotoRefused ? t('errors.photoType') : publicErrorText(failure, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="public-section" aria-labelledby="complain-heading">
      <BackLink fallback={`/public/school/${id}`} label={t('complain.back')} />
      <h1 id="complain-heading">{t('complain.heading', { school: school.data?.name ?? '' })}</h1>
      {code ? (
        <TrackingCodeCard code={code} />
      ) : (
        <form className="public-form" onSubmit={(event) => void submit(event)} noValidate>
          <label className="field">
            <span>{t('complain.category')}</span>
            <select name="category" value={category} onChange={(event) => setCategory(event.target.value as ComplaintCategory)}>
              <option value="">{t('complain.chooseCategory')}</option>
              {CATEGORIES.map((item) => (
                <option key={item} value={item}>
                  {t(`categories.${item}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field">
            <span>{t('complain.text')}</span>
            <textarea
              name="text"
              rows={5}
              maxLength={1000}
              value={text}
              placeholder={t('complain.textPlaceholder')}
              onChange={(event) => setText(event.target.value)}
            />
          </label>
          <label className="field">
            <span>{t('complain.contact')}</span>
            <input
              type="tel"
              name="contact"
              autoComplete="tel"
              maxLength={30}
              value={contact}
              onChange={(event) => setContact(event.target.value)}
            />
            <small className="muted">{t('complain.contactHint')}</small>
          </label>
          <div className="field">
            <span>{t('complain.photo')}</span>
            <label className="photo-button">
              <span>{t('complain.choosePhoto')}</span>
              <input
                className="visually-hidden"
                type="file"
                accept="image/*"
                capture="environment"
                aria-label={t('complain.photo')}
                onChange={choosePhoto}
              />
            </label>
            {preview && (
              <div className="complaint-photo">
                <img src={preview} alt={t('complain.photo')} />
                <button type="button" onClick={() => setPhoto(null)}>
                  {t('complain.removePhoto')}
                </button>
              </div>
            )}
          </div>
          {error && (
            <p className="public-alert" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary big" disabled={busy}>
            {busy ? t('complain.submitting') : t('complain.submit')}
          </button>
        </form>
      )}
    </section>
  );
}
