// 绑定: makes a channel a canteen's camera: the canteen (among the schools of the device's county), the area
// of the kitchen, and a name (the channel's own unless changed). Esc closes; a refusal is said in the dialog.
import { useCallback, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CameraArea, GbBoundCamera, GbChannel, GbDevice } from '../../api/types';
import common from '../../i18n/common';
import { CanteenPicker } from './CanteenPicker';
import { describeGbError } from './describe-gb-error';
import { useChannelActions } from './use-gb-devices';

/** The five areas of a kitchen, in the order the string table names them (the server's CAMERA_AREAS). */
const AREAS = Object.keys(common.zh.areas) as CameraArea[];
const NAME_MAX = 60;

/** The county a device belongs to, if its node is a county (a city's code ends in 00: every school in scope). */
const countyOf = (code: string): string | undefined => (/^\d{4}(?!00)\d{2}$/.test(code) ? code : undefined);

export function BindChannelDialog({
  device,
  channel,
  onBound,
  onClose,
}: {
  device: GbDevice;
  channel: GbChannel;
  onBound: (camera: GbBoundCamera) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation(['devices', 'common']);
  const { bind } = useChannelActions();
  const [canteenId, setCanteenId] = useState('');
  const [area, setArea] = useState<CameraArea | ''>('');
  const [name, setName] = useState(channel.name.slice(0, NAME_MAX));
  const chooseCanteen = useCallback((id: string) => setCanteenId(id), []);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!canteenId || !area) return;
    const body = { canteenId, area, ...(name.trim() ? { name: name.trim() } : {}) };
    bind.mutate({ device, channelId: channel.channelId, body }, { onSuccess: (result) => onBound(result.camera) });
  };
  const onKey = (event: KeyboardEvent<HTMLFormElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    onClose();
  };
  return (
    <div className="dev-overlay" onClick={onClose}>
      <form
        className="panel dev-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="dev-bind-title"
        data-testid="bind-dialog"
        onSubmit={submit}
        onKeyDown={onKey}
        onClick={(event) => event.stopPropagation()}
      >
        <h2 id="dev-bind-title">{t('bind.title', { channel: `${channel.name}（${channel.channelId}）` })}</h2>
        <p className="muted">{t('bind.device', { device: device.name ?? device.deviceId, jurisdiction: device.jurisdiction.name })}</p>
        <CanteenPicker county={countyOf(device.jurisdiction.code)} canteenId={canteenId} onChange={chooseCanteen} />
        <label>
          {t('bind.area')}
          <select value={area} required onChange={(event) => setArea(event.target.value as CameraArea)}>
            <option value="">{t('bind.chooseArea')}</option>
            {AREAS.map((option) => (
              <option key={option} value={option}>
                {t(`common:areas.${option}`)}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('bind.name')}
          <input value={name} maxLength={NAME_MAX} placeholder={channel.name} onChange={(event) => setName(event.target.value)} />
          <small className="muted">{t('bind.nameHint')}</small>
        </label>
        {bind.isError && (
          <p className="error" role="alert" data-testid="bind-error">
            {describeGbError(t, bind.error)}
          </p>
        )}
        <div className="dev-dialog-buttons">
          <button type="button" onClick={onClose}>
            {t('common:actions.cancel')}
          </button>
          <button type="submit" className="primary" disabled={bind.isPending || !canteenId || !area}>
            {bind.isPending ? t('actions.binding') : t('bind.submit')}
          </button>
        </div>
      </form>
    </div>
  );
}
