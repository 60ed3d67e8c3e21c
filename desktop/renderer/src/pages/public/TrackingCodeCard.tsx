// The answer to a complaint: its tracking code, big enough to copy by hand, with a copy button (the
// clipboard API needs a secure origin; elsewhere the old selection copy is tried) and the way to track it.
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

async function copyText(text: string, fallback: HTMLInputElement | null): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // fall through to the selection copy
  }
  if (!fallback) return false;
  fallback.select();
  // Deprecated, but the only copy on a plain-http origin (a server reached by its LAN address).
  return document.execCommand('copy');
}

export function TrackingCodeCard({ code }: { code: string }) {
  const { t } = useTranslation('public');
  const field = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<boolean | null>(null);
  return (
    <div className="panel tracking-card" role="status" aria-live="polite">
      <h2>{t('complain.received')}</h2>
      <p>{t('complain.keepCode')}</p>
      <input
        ref={field}
        className="tracking-code"
        data-testid="tracking-code"
        readOnly
        value={code}
        aria-label={t('track.code')}
        onFocus={(event) => event.target.select()}
      />
      <button type="button" className="primary big" onClick={() => void copyText(code, field.current).then(setCopied)}>
        {copied ? t('complain.copied') : t('complain.copy')}
      </button>
      {copied === false && <p className="public-alert">{t('complain.copyFailed')}</p>}
      <Link className="button-link big" to={`/public/track/${code}`}>
        {t('complain.track')}
      </Link>
    </div>
  );
}
