// Who has acknowledged (知悉) an alert and when — for an emergency report, the city sees whether the county
// knew, and since when. Refreshed live as others acknowledge it.
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../../format/time';
import { useLiveQuery } from '../../../hooks/use-live-query';

interface AcknowledgementList {
  items: Array<{ user: { id: string; displayName: string; node: { code: string; name: string } }; at: string }>;
}

export function AlertAcknowledgements({ alertId }: { alertId: string }) {
  const { t } = useTranslation('desk');
  const list = useLiveQuery<AcknowledgementList>(`/api/alerts/${alertId}/acknowledgements`, undefined, { refreshOn: ['alert.'] });
  if (!list.data) return null;
  return (
    <section className="desk-acknowledgements" data-testid="alert-acknowledgements">
      <h3>{t('alerts.acknowledgedBy')}</h3>
      {list.data.items.length === 0 ? (
        <p className="muted">{t('alerts.noneAcknowledged')}</p>
      ) : (
        <ul>
          {list.data.items.map((item) => (
            <li key={item.user.id} data-user={item.user.id}>
              {item.user.displayName}（{item.user.node.name}） · {formatDateTime(item.at)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
