// MANSCDP (GB/T 28181 §A.2): the XML in MESSAGE bodies. Decoding is lenient where devices differ (status
// spelled ON/ONLINE, a missing optional field, one Item or many) and strict where we depend on a value
// (SN, DeviceID, SumNum, times); anything else is a ManscdpError, never another exception.
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { decodeText, declaredEncoding, encodeText, type ManscdpEncoding } from './charset';
import { isoToManscdpTime, manscdpTimeToIso, ManscdpTimeError } from './time';

export type { ManscdpEncoding } from './charset';

export interface CatalogItem {
  deviceId: string;
  name: string;
  manufacturer?: string;
  model?: string;
  parentId?: string;
  civilCode?: string;
  status: 'ON' | 'OFF';
  parental?: 0 | 1;
}

export interface RecordItem {
  deviceId: string;
  name?: string;
  /** ISO instants. */
  startTime: string;
  endTime: string;
  type?: string;
  fileSize?: number;
}

export type Manscdp =
  | { root: 'Notify'; cmdType: 'Keepalive'; sn: number; deviceId: string; status: string }
  | {
      root: 'Notify';
      cmdType: 'Alarm';
      sn: number;
      deviceId: string;
      alarmPriority: number;
      alarmMethod: number;
      /** ISO instant. */
      alarmTime: string;
      alarmType?: number;
      alarmDescription?: string;
    }
  | { root: 'Query'; cmdType: 'Catalog' | 'DeviceInfo' | 'DeviceStatus'; sn: number; deviceId: string }
  | { root: 'Query'; cmdType: 'RecordInfo'; sn: number; deviceId: string; startTime: string; endTime: string; type?: string }
  | { root: 'Response'; cmdType: 'Catalog'; sn: number; deviceId: string; sumNum: number; items: CatalogItem[] }
  | {
      root: 'Response';
      cmdType: 'DeviceInfo';
      sn: number;
      deviceId: string;
      deviceName?: string;
      manufacturer?: string;
      model?: string;
      firmware?: string;
      channel?: number;
    }
  | { root: 'Response'; cmdType: 'DeviceStatus'; sn: number; deviceId: string; online: boolean; status: string }
  | { root: 'Response'; cmdType: 'RecordInfo'; sn: number; deviceId: string; sumNum: number; items: RecordItem[] };

export class ManscdpError extends Error {
  override name = 'ManscdpError';
  constructor(
    message: string,
    /** `unsupported`: well-formed MANSCDP of a kind we do not handle (answer 200 and ignore it). */
    readonly reason: 'malformed' | 'unsupported' = 'malformed',
  ) {
    super(message);
  }
}

export const MAX_MANSCDP_BYTES = 64 * 1024;
/** More items than any split answer we accept (a device's SumNum is not trusted beyond this). */
export const MAX_SUM_NUM = 100_000;

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  // Ids are 20 digits: numbers would lose them, so every value stays a string until we read it.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  isArray: (name) => name === 'Item',
});

type XmlNode = Record<string, unknown>;

function field(node: XmlNode, name: string): string | undefined {
  const value = node[name];
  if (typeof value === 'string') return value === '' ? undefined : value;
  if (typeof value === 'number') return String(value);
  if (value && typeof value === 'object' && typeof (value as XmlNode)['#text'] === 'string') return (value as XmlNode)['#text'] as string;
  return undefined;
}

function required(node: XmlNode, name: string): string {
  const value = field(node, name);
  if (value === undefined) throw new ManscdpError(`<${name}> is missing`);
  return value;
}

function integer(node: XmlNode, name: string, options: { max?: number } = {}): number {
  const text = required(node, name);
  if (!/^\d{1,10}$/.test(text)) throw new ManscdpError(`<${name}> is not a whole number: ${JSON.stringify(text.slice(0, 20))}`);
  const value = Number(text);
  if (options.max !== undefined && value > options.max) throw new ManscdpError(`<${name}> ${value} is over ${options.max}`);
  return value;
}

function optionalInteger(node: XmlNode, name: string): number | undefined {
  return field(node, name) === undefined ? undefined : integer(node, name);
}

function time(node: XmlNode, name: string): string {
  try {
    return manscdpTimeToIso(required(node, name));
  } catch (error) {
    if (error instanceof ManscdpTimeError) throw new ManscdpError(`<${name}>: ${error.message}`);
    throw error;
  }
}

function items(node: XmlNode, listName: string): XmlNode[] {
  const list = node[listName];
  if (list === undefined || list === '') return [];
  if (typeof list !== 'object' || list === null) throw new ManscdpError(`<${listName}> is not a list`);
  const entries = (list as XmlNode).Item;
  if (entries === undefined) return [];
  if (!Array.isArray(entries)) throw new ManscdpError(`<${listName}> holds no <Item>s`);
  return entries.map((entry) => {
    if (typeof entry !== 'object' || entry === null) throw new ManscdpError(`an empty <Item> in <${listName}>`);
    return entry as XmlNode;
  });
}

const withOptional = <T extends object>(base: T, extra: Record<string, unknown>): T => {
  for (const [key, value] of Object.entries(extra)) if (value !== undefined) (base as Record<string, unknown>)[key] = value;
  return base;
};

function catalogItem(node: XmlNode): CatalogItem {
  const status = (field(node, 'Status') ?? 'ON').toUpperCase();
  const parental = field(node, 'Parental');
  return withOptional<CatalogItem>(
    {
      deviceId: required(node, 'DeviceID'),
      name: field(node, 'Name') ?? '',
      status: status === 'OFF' || status === 'OFFLINE' ? 'OFF' : 'ON',
    },
    {
      manufacturer: field(node, 'Manufacturer'),
      model: field(node, 'Model'),
      parentId: field(node, 'ParentID'),
      civilCode: field(node, 'CivilCode'),
      parental: parental === '1' ? 1 : parental === '0' ? 0 : undefined,
    },
  );
}

function recordItem(node: XmlNode): RecordItem {
  const fileSize = field(node, 'FileSize');
  return withOptional<RecordItem>(
    { deviceId: required(node, 'DeviceID'), startTime: time(node, 'StartTime'), endTime: time(node, 'EndTime') },
    {
      name: field(node, 'Name'),
      type: field(node, 'Type'),
      fileSize: fileSize !== undefined && /^\d{1,15}$/.test(fileSize) ? Number(fileSize) : undefined,
    },
  );
}

function decodeRoot(root: 'Notify' | 'Query' | 'Response', node: XmlNode): Manscdp {
  const cmdType = required(node, 'CmdType');
  const sn = integer(node, 'SN');
  const deviceId = required(node, 'DeviceID');
  const key = `${root}:${cmdType}`;
  switch (key) {
    case 'Notify:Keepalive':
      return { root: 'Notify', cmdType: 'Keepalive', sn, deviceId, status: field(node, 'Status') ?? 'OK' };
    case 'Notify:Alarm':
      return withOptional<Manscdp>(
        {
          root: 'Notify',
          cmdType: 'Alarm',
          sn,
          deviceId,
          alarmPriority: integer(node, 'AlarmPriority'),
          alarmMethod: integer(node, 'AlarmMethod'),
          alarmTime: time(node, 'AlarmTime'),
        },
        { alarmType: optionalInteger(alarmInfo(node), 'AlarmType'), alarmDescription: field(node, 'AlarmDescription') },
      );
    case 'Query:Catalog':
    case 'Query:DeviceInfo':
    case 'Query:DeviceStatus':
      return { root: 'Query', cmdType: cmdType as 'Catalog', sn, deviceId };
    case 'Query:RecordInfo':
      return withOptional<Manscdp>(
        { root: 'Query', cmdType: 'RecordInfo', sn, deviceId, startTime: time(node, 'StartTime'), endTime: time(node, 'EndTime') },
        { type: field(node, 'Type') },
      );
    case 'Response:Catalog':
      return {
        root: 'Response',
        cmdType: 'Catalog',
        sn,
        deviceId,
        sumNum: integer(node, 'SumNum', { max: MAX_SUM_NUM }),
        items: items(node, 'DeviceList').map(catalogItem),
      };
    case 'Response:RecordInfo':
      return {
        root: 'Response',
        cmdType: 'RecordInfo',
        sn,
        deviceId,
        sumNum: integer(node, 'SumNum', { max: MAX_SUM_NUM }),
        items: items(node, 'RecordList').map(recordItem),
      };
    case 'Response:DeviceInfo':
      return withOptional<Manscdp>(
        { root: 'Response', cmdType: 'DeviceInfo', sn, deviceId },
        {
          deviceName: field(node, 'DeviceName'),
          manufacturer: field(node, 'Manufacturer'),
          model: field(node, 'Model'),
          firmware: field(node, 'Firmware'),
          channel: optionalInteger(node, 'Channel'),
        },
      );
    case 'Response:DeviceStatus': {
      const online = (field(node, 'Online') ?? '').toUpperCase();
      return {
        root: 'Response',
        cmdType: 'DeviceStatus',
        sn,
        deviceId,
        online: online === 'ONLINE' || online === 'ON',
        status: field(node, 'Status') ?? '',
      };
    }
    default:
      throw new ManscdpError(`unsupported MANSCDP ${root} ${cmdType}`, 'unsupported');
  }
}

// GB/T 28181-2016 puts AlarmType inside <Info>; some devices put it at the top level.
function alarmInfo(node: XmlNode): XmlNode {
  const info = node.Info;
  return info && typeof info === 'object' && field(info as XmlNode, 'AlarmType') !== undefined ? (info as XmlNode) : node;
}

/** Decodes a MANSCDP body; throws ManscdpError for anything malformed or unsupported. */
export function decodeManscdp(body: Buffer, contentType?: string): Manscdp {
  if (body.length > MAX_MANSCDP_BYTES) throw new ManscdpError(`body over ${MAX_MANSCDP_BYTES} bytes`);
  const encoding = declaredEncoding(body, contentType);
  const text = decodeText(body, encoding);
  if (text === null) throw new ManscdpError(`unknown encoding ${JSON.stringify(encoding)}`);
  const valid = XMLValidator.validate(text);
  if (valid !== true) throw new ManscdpError(`not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`);
  let document: XmlNode;
  try {
    document = parser.parse(text) as XmlNode;
  } catch (error) {
    throw new ManscdpError(`not MANSCDP XML: ${(error as Error).message}`);
  }
  const roots = Object.keys(document).filter((key) => key !== '?xml');
  const root = roots[0];
  if (roots.length !== 1 || (root !== 'Notify' && root !== 'Query' && root !== 'Response' && root !== 'Control')) {
    throw new ManscdpError(`not a MANSCDP document (root ${JSON.stringify(roots.join(',').slice(0, 40))})`);
  }
  const node = document[root];
  if (typeof node !== 'object' || node === null) throw new ManscdpError(`<${root}> is empty`);
  if (root === 'Control') throw new ManscdpError('unsupported MANSCDP Control', 'unsupported');
  return decodeRoot(root, node as XmlNode);
}

const escapeXml = (value: string) =>
  value.replace(/[<>&"']/g, (char) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[char]!);

/** `<Name>value</Name>` lines for the defined values, in order. */
function elements(fields: [string, string | number | undefined][], indent = ''): string[] {
  return fields
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => `${indent}<${name}>${escapeXml(String(value))}</${name}>`);
}

function bodyLines(message: Manscdp): string[] {
  const head = elements([
    ['CmdType', message.cmdType],
    ['SN', message.sn],
    ['DeviceID', message.deviceId],
  ]);
  switch (`${message.root}:${message.cmdType}`) {
    case 'Notify:Keepalive': {
      const keepalive = message as Extract<Manscdp, { cmdType: 'Keepalive' }>;
      return [...head, ...elements([['Status', keepalive.status]])];
    }
    case 'Notify:Alarm': {
      const alarm = message as Extract<Manscdp, { cmdType: 'Alarm' }>;
      const info = alarm.alarmType === undefined ? [] : ['<Info>', ...elements([['AlarmType', alarm.alarmType]]), '</Info>'];
      return [
        ...head,
        ...elements([
          ['AlarmPriority', alarm.alarmPriority],
          ['AlarmMethod', alarm.alarmMethod],
          ['AlarmTime', isoToManscdpTime(alarm.alarmTime)],
          ['AlarmDescription', alarm.alarmDescription],
        ]),
        ...info,
      ];
    }
    case 'Query:RecordInfo': {
      const query = message as Extract<Manscdp, { root: 'Query'; cmdType: 'RecordInfo' }>;
      return [
        ...head,
        ...elements([
          ['StartTime', isoToManscdpTime(query.startTime)],
          ['EndTime', isoToManscdpTime(query.endTime)],
          ['Secrecy', 0],
          ['Type', query.type ?? 'all'],
        ]),
      ];
    }
    case 'Response:Catalog': {
      const catalog = message as Extract<Manscdp, { root: 'Response'; cmdType: 'Catalog' }>;
      return [
        ...head,
        ...elements([['SumNum', catalog.sumNum]]),
        `<DeviceList Num="${catalog.items.length}">`,
        ...catalog.items.flatMap((item) => [
          '<Item>',
          ...elements([
            ['DeviceID', item.deviceId],
            ['Name', item.name],
            ['Manufacturer', item.manufacturer],
            ['Model', item.model],
            ['CivilCode', item.civilCode],
            ['ParentID', item.parentId],
            ['Parental', item.parental ?? 0],
            ['SafetyWay', 0],
            ['RegisterWay', 1],
            ['Secrecy', 0],
            ['Status', item.status],
          ]),
          '</Item>',
        ]),
        '</DeviceList>',
      ];
    }
    case 'Response:RecordInfo': {
      const records = message as Extract<Manscdp, { root: 'Response'; cmdType: 'RecordInfo' }>;
      return [
        ...head,
        ...elements([['SumNum', records.sumNum]]),
        `<RecordList Num="${records.items.length}">`,
        ...records.items.flatMap((item) => [
          '<Item>',
          ...elements([
            ['DeviceID', item.deviceId],
            ['Name', item.name],
            ['StartTime', isoToManscdpTime(item.startTime)],
            ['EndTime', isoToManscdpTime(item.endTime)],
            ['Secrecy', 0],
            ['Type', item.type ?? 'time'],
            ['FileSize', item.fileSize],
          ]),
          '</Item>',
        ]),
        '</RecordList>',
      ];
    }
    case 'Response:DeviceInfo': {
      const info = message as Extract<Manscdp, { cmdType: 'DeviceInfo'; root: 'Response' }>;
      return [
        ...head,
        ...elements([
          ['DeviceName', info.deviceName],
          ['Result', 'OK'],
          ['Manufacturer', info.manufacturer],
          ['Model', info.model],
          ['Firmware', info.firmware],
          ['Channel', info.channel],
        ]),
      ];
    }
    case 'Response:DeviceStatus': {
      const status = message as Extract<Manscdp, { cmdType: 'DeviceStatus' }>;
      return [
        ...head,
        ...elements([
          ['Result', 'OK'],
          ['Online', status.online ? 'ONLINE' : 'OFFLINE'],
          ['Status', status.status],
        ]),
      ];
    }
    default:
      return head; // the plain queries: CmdType, SN and DeviceID are all they carry
  }
}

/** Encodes a MANSCDP message; GB2312 (what most devices expect) unless told otherwise. */
export function encodeManscdp(message: Manscdp, encoding: ManscdpEncoding = 'GB2312'): Buffer {
  const text = [`<?xml version="1.0" encoding="${encoding}"?>`, `<${message.root}>`, ...bodyLines(message), `</${message.root}>`, ''].join(
    '\r\n',
  );
  return encodeText(text, encoding);
}

export const MANSCDP_CONTENT_TYPE = 'Application/MANSCDP+xml';
