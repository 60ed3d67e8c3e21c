// A device's channels, under its row: each channel's state and the camera it is bound to (school, canteen,
// area), with 绑定 / 解绑 for whoever may act, and 按规则绑定 for the device's unbound channels.
import { useTranslation } from 'react-i18next';
import type { GbChannel, GbDevice } from '../../api/types';

export interface ChannelTableActions {
  busy: boolean;
  onBind: (channel: GbChannel) => void;
  onUnbind: (channel: GbChannel) => void;
  onBindByRule: () => void;
}

export function ChannelTable({ device, actions }: { device: GbDevice; actions: ChannelTableActions | null }) {
  const { t } = useTranslation(['devices', 'common']);
  const label = t('channels.label', { device: device.name ?? device.deviceId });
  if (device.channels.length === 0) return <p className="muted">{t('channels.none')}</p>;
  const unbound = device.channels.some((channel) => channel.camera === null);
  return (
    <div className="dev-channels">
      {actions && unbound && (
        <button type="button" disabled={actions.busy} title={t('actions.bindByRuleHint')} onClick={actions.onBindByRule}>
          {t('actions.bindByRule')}
        </button>
      )}
      <table className="grid" aria-label={label}>
        <thead>
          <tr>
            <th>{t('channels.channel')}</th>
            <th>{t('channels.name')}</th>
            <th>{t('channels.status')}</th>
            <th>{t('channels.camera')}</th>
            {actions && <th />}
          </tr>
        </thead>
        <tbody>
          {device.channels.map((channel) => (
            <tr key={channel.channelId} data-testid="gb-channel" data-channel-id={channel.channelId}>
              <td className="dev-id">{channel.channelId}</td>
              <td>{channel.name}</td>
              <td>
                <span className={channel.status === 'ON' ? 'badge ok' : 'badge bad'}>{t(`channelStatus.${channel.status}`)}</span>
              </td>
              <td data-testid="gb-channel-camera">
                {channel.camera ? (
                  <>
                    <strong>{channel.camera.name}</strong>{' '}
                    <span className="muted">
                      {t('channels.boundTo', {
                        school: channel.camera.school.name,
                        canteen: channel.camera.canteen.name,
                        area: t(`common:areas.${channel.camera.area}`),
                      })}
                    </span>
                  </>
                ) : (
                  <span className="muted">{t('channels.unbound')}</span>
                )}
              </td>
              {actions && (
                <td>
                  {channel.camera ? (
                    <button type="button" disabled={actions.busy} onClick={() => actions.onUnbind(channel)}>
                      {t('actions.unbind')}
                    </button>
                  ) : (
                    <button type="button" className="primary" disabled={actions.busy} onClick={() => actions.onBind(channel)}>
                      {t('actions.bind')}
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
