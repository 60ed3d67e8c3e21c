import { describe, expect, it } from 'vitest';
import type { GbBoundCamera, GbChannel, GbDevice } from '../../api/types';
import { filterDevices } from './device-filters';

const camera: GbBoundCamera = {
  id: 'c1',
  name: '后厨',
  area: 'cooking',
  status: 'online',
  canteen: { id: 'k', name: '一食堂' },
  school: { id: 's', name: '一中' },
};
const channel = (channelId: string, name: string, bound: boolean): GbChannel => ({
  channelId,
  name,
  status: 'ON',
  manufacturer: null,
  model: null,
  camera: bound ? camera : null,
});
const device = (deviceId: string, name: string, online: boolean, channels: GbChannel[]): GbDevice => ({
  deviceId,
  name,
  jurisdiction: { code: '130824', name: '滦平县' },
  online,
  transport: 'tcp',
  address: '10.0.0.1',
  port: 5060,
  registeredAt: null,
  expiresAt: null,
  lastKeepaliveAt: null,
  manufacturer: null,
  model: null,
  firmware: null,
  relayId: 'relay-1',
  channels,
});

const DEVICES = [
  device('13082400001180000001', '滦平一中录像机', true, [
    channel('13082400001310000001', '烹饪间', true),
    channel('13082400001310000002', '库房', false),
  ]),
  device('13082400001180000002', '滦平二中录像机', false, [channel('13082400001310000003', '切配间', true)]),
  device('13082600001180000003', '围场录像机', true, []),
];
const ids = (devices: GbDevice[]) => devices.map((one) => one.deviceId.slice(-1));

describe('filtering the GB devices', () => {
  it('keeps every device with no filter', () => {
    expect(ids(filterDevices(DEVICES, { state: 'all', unboundOnly: false, q: '' }))).toEqual(['1', '2', '3']);
  });

  it('keeps the online or the offline ones', () => {
    expect(ids(filterDevices(DEVICES, { state: 'online', unboundOnly: false, q: '' }))).toEqual(['1', '3']);
    expect(ids(filterDevices(DEVICES, { state: 'offline', unboundOnly: false, q: '' }))).toEqual(['2']);
  });

  it('keeps devices with an unbound channel (one without a catalogue has none to bind)', () => {
    expect(ids(filterDevices(DEVICES, { state: 'all', unboundOnly: true, q: '' }))).toEqual(['1']);
  });

  it('finds a device by its id, its name, or a channel’s id or name', () => {
    const search = (q: string) => ids(filterDevices(DEVICES, { state: 'all', unboundOnly: false, q }));
    expect(search(' 0002 ')).toEqual(['1', '2']);
    expect(search('13082600001180000003')).toEqual(['3']);
    expect(search('二中')).toEqual(['2']);
    expect(search('13082400001310000003')).toEqual(['2']);
    expect(search('库房')).toEqual(['1']);
    expect(search('不存在')).toEqual([]);
  });
});
