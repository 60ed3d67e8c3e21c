// What the SIP server learns of devices, on its way to the server: device changes batched (a burst of
// registrations goes as a few large posts, not thousands of small ones), latest wins per device (a waiting
// catalog is kept when a newer report without one replaces it), keepalive times at most every 30 s per
// device, alarms as they come. Retried with backoff while the server is away (the shared ReportQueue).
import type { CatalogItem } from '../../gb28181/manscdp';
import type { Logger } from '../logger';
import { GbAlarmReport, GbChannelReport, GbDeviceReport } from '../protocol';
import { postToServer, ReportQueue, type SendOutcome } from '../report-queue';
import type { GbAlarm, GbDeviceState, GbSipServer } from './sip-server';

/** The server takes at most this many devices per post. */
const MAX_DEVICES_PER_POST = 2000;
const MAX_ALARMS_PER_POST = 500;
const KEEPALIVE_REPORT_MS = 30_000;
const MAX_CHANNELS_PER_DEVICE = 4096;

export interface DeviceReporterOptions {
  relayId: string;
  serverUrl: string;
  relayToken: string;
  log: Logger;
  /** Reports of a burst wait this long to go together. */
  gatherMs?: number;
  keepaliveReportMs?: number;
  requestTimeoutMs?: number;
}

export class DeviceReporter {
  private readonly devices: ReportQueue<GbDeviceReport>;
  private readonly alarms: ReportQueue<GbAlarmReport>;
  private readonly keepaliveReportedAt = new Map<string, number>();
  private readonly detach: (() => void)[] = [];

  constructor(private readonly options: DeviceReporterOptions) {
    const gatherMs = options.gatherMs ?? 2_000;
    this.devices = new ReportQueue({
      send: (batch) => this.post('/api/relays/gb/devices', { relayId: options.relayId, devices: batch.map(([, r]) => r) }, batch.length),
      batchSize: MAX_DEVICES_PER_POST,
      gatherMs,
      merge: (waiting, next) => (next.channels || !waiting.channels ? next : { ...next, channels: waiting.channels }),
    });
    this.alarms = new ReportQueue({
      send: (batch) => this.post('/api/relays/gb/alarms', { alarms: batch.map(([, r]) => r) }, batch.length),
      batchSize: MAX_ALARMS_PER_POST,
      gatherMs: Math.min(gatherMs, 500),
    });
  }

  get queued(): number {
    return this.devices.queued + this.alarms.queued;
  }

  /** Reports everything the SIP server tells of its devices from now on. */
  watch(server: GbSipServer): void {
    const onDevice = (device: GbDeviceState) => this.putDevice(deviceReport(device));
    const onCatalog = (device: GbDeviceState) => this.putDevice(deviceReport(device, true));
    const onKeepalive = (device: GbDeviceState) => {
      const now = Date.now();
      if (now - (this.keepaliveReportedAt.get(device.deviceId) ?? 0) < (this.options.keepaliveReportMs ?? KEEPALIVE_REPORT_MS)) return;
      this.keepaliveReportedAt.set(device.deviceId, now);
      this.putDevice(deviceReport(device));
    };
    const onAlarm = (alarm: GbAlarm) => {
      const report = GbAlarmReport.safeParse(alarmReport(alarm));
      if (report.success) this.alarms.put(report.data.key, report.data);
      else
        this.options.log.warn({ deviceId: alarm.deviceId, issue: report.error.issues[0]?.message }, 'device alarm not reportable; dropped');
    };
    server.on('device', onDevice);
    server.on('catalog', onCatalog);
    server.on('keepalive', onKeepalive);
    server.on('alarm', onAlarm);
    this.detach.push(() => {
      server.off('device', onDevice);
      server.off('catalog', onCatalog);
      server.off('keepalive', onKeepalive);
      server.off('alarm', onAlarm);
    });
  }

  /** A report the server would refuse (a device's odd values) is logged here rather than refused there. */
  private putDevice(report: GbDeviceReport): void {
    const checked = GbDeviceReport.safeParse(report);
    if (checked.success) this.devices.put(report.deviceId, checked.data);
    else
      this.options.log.warn(
        { deviceId: report.deviceId, issue: checked.error.issues[0]?.message },
        'device report not reportable; dropped',
      );
  }

  serverReachable(): void {
    this.devices.serverReachable();
    this.alarms.serverReachable();
  }

  stop(): void {
    for (const detach of this.detach.splice(0)) detach();
    this.devices.stop();
    this.alarms.stop();
  }

  private async post(path: string, body: unknown, count: number): Promise<SendOutcome> {
    const { log } = this.options;
    const { outcome, httpStatus, error } = await postToServer(this.options, path, body);
    if (outcome === 'delivered') log.debug({ path, count }, 'GB reports delivered');
    else if (outcome === 'refused') log.warn({ path, count, httpStatus }, 'server refused GB reports; dropped');
    else log.warn({ path, count, httpStatus, err: error }, 'GB reports not delivered; retrying');
    return outcome;
  }
}

export function deviceReport(device: GbDeviceState, withCatalog = false): GbDeviceReport {
  return {
    deviceId: device.deviceId,
    online: device.online,
    transport: device.transport,
    address: device.peer.address,
    port: device.peer.port,
    registeredAt: device.registeredAt.toISOString(),
    expiresAt: device.expiresAt.toISOString(),
    ...(device.lastKeepaliveAt ? { lastKeepaliveAt: device.lastKeepaliveAt.toISOString() } : {}),
    ...(device.info ? { info: device.info } : {}),
    ...(withCatalog ? { channels: channelReports(device.catalog) } : {}),
  };
}

/** The catalog's channels the server can take: ids that are GB ids, text within its bounds. */
function channelReports(catalog: readonly CatalogItem[]): GbChannelReport[] {
  const reports: GbChannelReport[] = [];
  for (const item of catalog) {
    const report = GbChannelReport.safeParse({
      channelId: item.deviceId,
      name: item.name.slice(0, 200),
      status: item.status,
      ...(item.manufacturer ? { manufacturer: item.manufacturer.slice(0, 200) } : {}),
      ...(item.model ? { model: item.model.slice(0, 200) } : {}),
      ...(item.parentId ? { parentId: item.parentId.slice(0, 50) } : {}),
      ...(item.civilCode ? { civilCode: item.civilCode.slice(0, 50) } : {}),
    });
    if (report.success) reports.push(report.data);
    if (reports.length >= MAX_CHANNELS_PER_DEVICE) break;
  }
  return reports;
}

function alarmReport(alarm: GbAlarm): GbAlarmReport {
  return {
    key: `${alarm.deviceId}:${alarm.sn}:${alarm.alarmTime}`,
    deviceId: alarm.deviceId,
    ...(alarm.channelId ? { channelId: alarm.channelId } : {}),
    priority: alarm.priority,
    method: alarm.method,
    ...(alarm.type !== undefined ? { type: alarm.type } : {}),
    ...(alarm.description ? { description: alarm.description } : {}),
    at: alarm.alarmTime,
  };
}
