// 设备接入 (#/devices): the GB/T 28181 recorders and cameras registered in scope, whether each is online and
// when it last kept alive, and its channels, each bound to a canteen's camera or not. The city administrator
// binds and unbinds channels (one by one, or by the naming rule); a county operator sees the county's devices
// read-only. The server scopes the list and the actions and audits the actions.
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GbChannel, GbDevice } from '../../api/types';
import { isAdmin, useSession } from '../../auth/session';
import { QueryState } from '../../components/QueryState';
import { formatDateTime, formatSince } from '../../format/time';
import { useClock } from '../../hooks/use-clock';
import { BindChannelDialog } from './BindChannelDialog';
import { ChannelTable, type ChannelTableActions } from './ChannelTable';
import { describeGbError } from './describe-gb-error';
import { DEVICE_STATES, boundCount, filterDevices } from './device-filters';
import { useChannelActions, useGbDevices } from './use-gb-devices';
import { useDeviceFilter } from './use-device-filter';
import './devices.css';

type Outcome = { kind: 'ok' | 'error'; text: string } | null;
/** How often "2分钟前" is brought up to date. */
const CLOCK_MS = 5_000;
const COLUMNS = ['device', 'jurisdiction', 'state', 'lastKeepalive', 'transport', 'address', 'model', 'channels'] as const;

export function DevicesPage() {
  const { t } = useTranslation(['devices', 'common']);
  const { user } = useSession();
  const canAct = isAdmin(user?.role);
  const devices = useGbDevices();
  const { unbind, bindByRule } = useChannelActions();
  const [filter, setFilter] = useDeviceFilter();
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const [binding, setBinding] = useState<{ device: GbDevice; channel: GbChannel } | null>(null);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const now = useClock(CLOCK_MS);

  const toggle = (deviceId: string) =>
    setExpanded((previous) => {
      const next = new Set(previous);
      if (!next.delete(deviceId)) next.add(deviceId);
      return next;
    });
  const failed = (error: unknown) => setOutcome({ kind: 'error', text: describeGbError(t, error) });
  const actionsFor = (device: GbDevice): ChannelTableActions | null =>
    canAct
      ? {
          busy: unbind.isPending || bindByRule.isPending,
          onBind: (channel) => {
            setOutcome(null);
            setBinding({ device, channel });
          },
          onUnbind: (channel) =>
            unbind.mutate(
              { device, channelId: channel.channelId },
              { onSuccess: () => setOutcome({ kind: 'ok', text: t('outcome.unbound', { channel: channel.name }) }), onError: failed },
            ),
          onBindByRule: () =>
            bindByRule.mutate(device, {
              onSuccess: (result) =>
                setOutcome({
                  kind: 'ok',
                  text:
                    result.bound.length > 0
                      ? t('outcome.byRule', { count: result.bound.length, unmatched: result.unmatched.length })
                      : t('outcome.byRuleNone'),
                }),
              onError: failed,
            }),
        }
      : null;

  return (
    <div className="dev-page" data-testid="devices-page">
      <h1>{t('title')}</h1>
      <p className="muted">{t('intro')}</p>
      {!canAct && <p className="muted">{t('readOnly')}</p>}
      <form className="dev-filters" aria-label={t('filters.label')} onSubmit={(event) => event.preventDefault()}>
        <label>
          {t('filters.state')}
          <select value={filter.state} onChange={(event) => setFilter({ state: event.target.value as (typeof DEVICE_STATES)[number] })}>
            {DEVICE_STATES.map((state) => (
              <option key={state} value={state}>
                {t(`filters.${state}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="dev-check">
          <input type="checkbox" checked={filter.unboundOnly} onChange={(event) => setFilter({ unboundOnly: event.target.checked })} />
          {t('filters.unboundOnly')}
        </label>
        <label>
          {t('filters.search')}
          <input
            type="search"
            value={filter.q}
            placeholder={t('filters.searchPlaceholder')}
            onChange={(event) => setFilter({ q: event.target.value })}
          />
        </label>
      </form>
      {outcome && (
        <p
          className={outcome.kind === 'ok' ? 'dev-ok' : 'error'}
          role={outcome.kind === 'ok' ? 'status' : 'alert'}
          data-testid="devices-outcome"
        >
          {outcome.text}
        </p>
      )}
      <QueryState query={devices}>
        {({ items }) => {
          if (items.length === 0) return <p className="muted">{t('none')}</p>;
          const shown = filterDevices(items, filter);
          return (
            <>
              <p className="muted" data-testid="devices-shown">
                {t('shown', { count: shown.length, total: items.length })}
              </p>
              {shown.length === 0 ? (
                <p className="muted">{t('noMatch')}</p>
              ) : (
                <table className="grid dev-table">
                  <thead>
                    <tr>
                      <th />
                      {COLUMNS.map((column) => (
                        <th key={column}>{t(`columns.${column}`)}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((device) => {
                      const open = expanded.has(device.deviceId);
                      const name = device.name ?? t('unnamed');
                      return (
                        <Fragment key={device.deviceId}>
                          <tr data-testid="gb-device" data-device-id={device.deviceId}>
                            <td>
                              <button
                                type="button"
                                className="link"
                                aria-expanded={open}
                                aria-label={`${open ? t('collapse') : t('expand')}：${name}`}
                                onClick={() => toggle(device.deviceId)}
                              >
                                {open ? '▾' : '▸'}
                              </button>
                            </td>
                            <td>
                              <div>{name}</div>
                              <div className="dev-id muted">{device.deviceId}</div>
                            </td>
                            <td>{device.jurisdiction.name}</td>
                            <td>
                              <span className={device.online ? 'badge ok' : 'badge bad'} data-testid="gb-device-state">
                                {device.online ? t('online') : t('offline')}
                              </span>
                            </td>
                            <td title={device.lastKeepaliveAt ? formatDateTime(device.lastKeepaliveAt) : undefined}>
                              {device.lastKeepaliveAt ? formatSince(device.lastKeepaliveAt, now) : t('never')}
                            </td>
                            <td>{t(`transport.${device.transport}`)}</td>
                            <td className="dev-id">
                              {device.address}:{device.port}
                            </td>
                            <td>{[device.manufacturer, device.model].filter(Boolean).join(' ') || '—'}</td>
                            <td data-testid="gb-device-bound">
                              {boundCount(device)}/{device.channels.length}
                            </td>
                          </tr>
                          {open && (
                            <tr className="dev-expanded">
                              <td />
                              <td colSpan={COLUMNS.length}>
                                <ChannelTable device={device} actions={actionsFor(device)} />
                              </td>
                            </tr>
                          )}
                        </Fragment>
                      );
                    })}
                  </tbody>
                </table>
              )}
            </>
          );
        }}
      </QueryState>
      {binding && (
        <BindChannelDialog
          device={binding.device}
          channel={binding.channel}
          onClose={() => setBinding(null)}
          onBound={(camera) => {
            setBinding(null);
            setOutcome({ kind: 'ok', text: t('outcome.bound', { channel: binding.channel.name, camera: camera.name }) });
          }}
        />
      )}
    </div>
  );
}
