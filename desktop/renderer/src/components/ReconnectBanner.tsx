// A banner nobody can miss while the socket is down; it clears itself when the server is back, after
// saying so for a moment.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRealtimeState } from '../hooks/use-realtime';

export function ReconnectBanner() {
  const { t } = useTranslation();
  const { state } = useRealtimeState();
  const [restored, setRestored] = useState(false);
  const wasDown = useRef(false);

  useEffect(() => {
    if (state === 'reconnecting') wasDown.current = true;
    if (state === 'live' && wasDown.current) {
      wasDown.current = false;
      setRestored(true);
      const timer = setTimeout(() => setRestored(false), 2500);
      return () => clearTimeout(timer);
    }
  }, [state]);

  if (state === 'reconnecting')
    return (
      <div className="banner banner-down" role="alert" data-testid="reconnecting-banner">
        {t('connection.reconnecting')}
      </div>
    );
  if (state === 'unauthenticated')
    return (
      <div className="banner banner-down" role="alert">
        {t('connection.unauthenticated')}
      </div>
    );
  if (restored)
    return (
      <div className="banner banner-up" role="status">
        {t('connection.restored')}
      </div>
    );
  return null;
}
