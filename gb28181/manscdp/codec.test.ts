import { fc, test } from '@fast-check/vitest';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { mutated } from '../test-support';
import { decodeManscdp, encodeManscdp, ManscdpError, type CatalogItem, type Manscdp } from './codec';
import { ResponseGatherer } from './response-gatherer';

const gb2312 = (text: string) => iconv.encode(text, 'gb2312');

const KEEPALIVE = Buffer.from(
  '<?xml version="1.0" encoding="GB2312"?>\r\n<Notify>\r\n<CmdType>Keepalive</CmdType>\r\n<SN>43</SN>\r\n<DeviceID>34020000001180000001</DeviceID>\r\n<Status>OK</Status>\r\n<Info>\r\n</Info>\r\n</Notify>\r\n',
);

// A Catalog answer as an NVR sends it: 5 channels over 3 MESSAGEs (2 + 2 + 1), GB2312, Chinese names.
const CHANNEL_NAMES = ['后厨操作间', '备餐间', '洗消间', '仓库入口', '留样柜'];
const catalogPage = (ids: number[]) =>
  gb2312(
    [
      '<?xml version="1.0" encoding="GB2312"?>',
      '<Response>',
      '<CmdType>Catalog</CmdType>',
      '<SN>17430</SN>',
      '<DeviceID>13082100001180000001</DeviceID>',
      '<SumNum>5</SumNum>',
      `<DeviceList Num="${ids.length}">`,
      ...ids.map(
        (n) =>
          `<Item>\n<DeviceID>1308210000131000000${n}</DeviceID>\n<Name>${CHANNEL_NAMES[n - 1]}</Name>\n<Manufacturer>Hikvision</Manufacturer>\n<Model>DS-2CD3T46</Model>\n<Owner>Owner</Owner>\n<CivilCode>130821</CivilCode>\n<Address>Address</Address>\n<Parental>0</Parental>\n<ParentID>13082100001180000001</ParentID>\n<SafetyWay>0</SafetyWay>\n<RegisterWay>1</RegisterWay>\n<Secrecy>0</Secrecy>\n<Status>${n === 4 ? 'OFF' : 'ON'}</Status>\n</Item>`,
      ),
      '</DeviceList>',
      '</Response>',
    ].join('\n'),
  );

const RECORD_INFO = gb2312(
  `<?xml version="1.0" encoding="GB2312"?>
<Response>
<CmdType>RecordInfo</CmdType>
<SN>88</SN>
<DeviceID>13082100001310000001</DeviceID>
<Name>后厨操作间</Name>
<SumNum>2</SumNum>
<RecordList Num="2">
<Item><DeviceID>13082100001310000001</DeviceID><Name>后厨操作间</Name><FilePath>1</FilePath><Address>Address</Address><StartTime>2026-12-07T08:00:00</StartTime><EndTime>2026-12-07T09:00:00</EndTime><Secrecy>0</Secrecy><Type>time</Type><FileSize>734003200</FileSize></Item>
<Item><DeviceID>13082100001310000001</DeviceID><Name>后厨操作间</Name><StartTime>2026-12-07T09:00:00</StartTime><EndTime>2026-12-07T09:30:05</EndTime><Secrecy>0</Secrecy><Type>time</Type></Item>
</RecordList>
</Response>`,
);

const ALARM = gb2312(
  `<?xml version="1.0" encoding="GB2312"?>
<Notify>
<CmdType>Alarm</CmdType>
<SN>9</SN>
<DeviceID>13082100001310000002</DeviceID>
<AlarmPriority>1</AlarmPriority>
<AlarmMethod>5</AlarmMethod>
<AlarmTime>2026-12-07T11:42:10</AlarmTime>
<AlarmDescription>移动侦测报警</AlarmDescription>
<Info><AlarmType>2</AlarmType></Info>
</Notify>`,
);

describe('decodeManscdp', () => {
  it('reads a Keepalive', () => {
    expect(decodeManscdp(KEEPALIVE)).toEqual({
      root: 'Notify',
      cmdType: 'Keepalive',
      sn: 43,
      deviceId: '34020000001180000001',
      status: 'OK',
    });
  });

  it('reads the pages of a GB2312 Catalog with Chinese names, and gathers them by device and SN up to SumNum', async () => {
    const gatherer = new ResponseGatherer<CatalogItem>({ timeoutMs: 5000 });
    const gathered = gatherer.expect('13082100001180000001', 17430);
    for (const page of [catalogPage([1, 2]), catalogPage([3, 4]), catalogPage([5])]) {
      const message = decodeManscdp(page);
      if (message.root !== 'Response' || message.cmdType !== 'Catalog') throw new Error('not a catalog');
      expect(gatherer.offer(message.deviceId, message.sn, message.sumNum, message.items)).toBe(true);
    }
    const { items, complete } = await gathered;
    expect(complete).toBe(true);
    expect(items.map((item) => item.name)).toEqual(CHANNEL_NAMES);
    expect(items[3]).toEqual({
      deviceId: '13082100001310000004',
      name: '仓库入口',
      manufacturer: 'Hikvision',
      model: 'DS-2CD3T46',
      civilCode: '130821',
      parentId: '13082100001180000001',
      parental: 0,
      status: 'OFF',
    });
    expect(gatherer.offer('13082100001180000001', 17430, 5, [])).toBe(false); // late pages are nobody's
  });

  it('gives what arrived when a page never comes', async () => {
    const gatherer = new ResponseGatherer<CatalogItem>({ timeoutMs: 50 });
    const gathered = gatherer.expect('13082100001180000001', 17430);
    const message = decodeManscdp(catalogPage([1, 2])) as Extract<Manscdp, { cmdType: 'Catalog'; root: 'Response' }>;
    gatherer.offer(message.deviceId, message.sn, message.sumNum, message.items);
    const result = await gathered;
    expect(result.complete).toBe(false);
    expect(result.items).toHaveLength(2);
  });

  it('reads RecordInfo with the local (China) times as instants', () => {
    expect(decodeManscdp(RECORD_INFO)).toMatchObject({
      root: 'Response',
      cmdType: 'RecordInfo',
      sn: 88,
      sumNum: 2,
      items: [
        {
          deviceId: '13082100001310000001',
          name: '后厨操作间',
          startTime: '2026-12-07T00:00:00.000Z',
          endTime: '2026-12-07T01:00:00.000Z',
          type: 'time',
          fileSize: 734003200,
        },
        { startTime: '2026-12-07T01:00:00.000Z', endTime: '2026-12-07T01:30:05.000Z' },
      ],
    });
  });

  it('reads an Alarm with its Chinese description', () => {
    expect(decodeManscdp(ALARM)).toEqual({
      root: 'Notify',
      cmdType: 'Alarm',
      sn: 9,
      deviceId: '13082100001310000002',
      alarmPriority: 1,
      alarmMethod: 5,
      alarmTime: '2026-12-07T03:42:10.000Z',
      alarmType: 2,
      alarmDescription: '移动侦测报警',
    });
  });

  it('reads UTF-8 (declared, or from the Content-Type charset) as well as GB2312', () => {
    const utf8 = Buffer.from(
      '<?xml version="1.0" encoding="UTF-8"?><Response><CmdType>DeviceInfo</CmdType><SN>1</SN><DeviceID>13082100001180000001</DeviceID><DeviceName>食堂录像机</DeviceName><Channel>8</Channel></Response>',
    );
    expect(decodeManscdp(utf8)).toMatchObject({ cmdType: 'DeviceInfo', deviceName: '食堂录像机', channel: 8 });
    const undeclared = gb2312(
      '<Response><CmdType>DeviceInfo</CmdType><SN>1</SN><DeviceID>1</DeviceID><DeviceName>食堂</DeviceName></Response>',
    );
    expect(decodeManscdp(undeclared, 'Application/MANSCDP+xml; charset=GBK')).toMatchObject({ deviceName: '食堂' });
  });

  it('keeps 20-digit ids as strings (a number would lose digits)', () => {
    const message = decodeManscdp(
      Buffer.from('<Query><CmdType>Catalog</CmdType><SN>7</SN><DeviceID>99999999999999999999</DeviceID></Query>'),
    );
    expect(message.deviceId).toBe('99999999999999999999');
  });

  it.each([
    ['not XML', 'hello'],
    ['unclosed tags', '<Notify><CmdType>Keepalive</CmdType>'],
    ['no SN', '<Notify><CmdType>Keepalive</CmdType><DeviceID>1</DeviceID></Notify>'],
    ['a bad SN', '<Notify><CmdType>Keepalive</CmdType><SN>x</SN><DeviceID>1</DeviceID></Notify>'],
    [
      'a bad time',
      '<Query><CmdType>RecordInfo</CmdType><SN>1</SN><DeviceID>1</DeviceID><StartTime>2026-13-45T99:00:00</StartTime><EndTime>x</EndTime></Query>',
    ],
    ['a foreign root', '<Html><CmdType>Keepalive</CmdType></Html>'],
    ['a huge SumNum', '<Response><CmdType>Catalog</CmdType><SN>1</SN><DeviceID>1</DeviceID><SumNum>999999999</SumNum></Response>'],
    [
      'a prototype-polluting tag',
      '<Notify><__proto__><x>1</x></__proto__><CmdType>Keepalive</CmdType><SN>1</SN><DeviceID>1</DeviceID></Notify>',
    ],
  ])('refuses %s with a ManscdpError', (_, text) => {
    expect(() => decodeManscdp(Buffer.from(text))).toThrow(ManscdpError);
  });

  it('tells an unsupported command from a malformed one', () => {
    const control = '<Control><CmdType>DeviceControl</CmdType><SN>1</SN><DeviceID>1</DeviceID></Control>';
    expect(() => decodeManscdp(Buffer.from(control))).toThrow(expect.objectContaining({ reason: 'unsupported' }));
  });
});

describe('encodeManscdp', () => {
  const messages: Manscdp[] = [
    { root: 'Notify', cmdType: 'Keepalive', sn: 1, deviceId: '13082100001180000001', status: 'OK' },
    { root: 'Query', cmdType: 'Catalog', sn: 2, deviceId: '13082100001180000001' },
    {
      root: 'Query',
      cmdType: 'RecordInfo',
      sn: 3,
      deviceId: '13082100001310000001',
      startTime: '2026-12-07T00:00:00.000Z',
      endTime: '2026-12-07T02:00:00.000Z',
      type: 'all',
    },
    {
      root: 'Response',
      cmdType: 'Catalog',
      sn: 4,
      deviceId: '13082100001180000001',
      sumNum: 1,
      items: [{ deviceId: '13082100001310000001', name: '后厨 <1> & "2"', status: 'ON', civilCode: '130821', parental: 0 }],
    },
    {
      root: 'Response',
      cmdType: 'RecordInfo',
      sn: 5,
      deviceId: '13082100001310000001',
      sumNum: 1,
      items: [
        {
          deviceId: '13082100001310000001',
          name: '后厨',
          startTime: '2026-12-07T00:00:00.000Z',
          endTime: '2026-12-07T01:00:00.000Z',
          type: 'time',
        },
      ],
    },
    {
      root: 'Response',
      cmdType: 'DeviceInfo',
      sn: 6,
      deviceId: '13082100001180000001',
      deviceName: '录像机',
      manufacturer: 'Canteen',
      model: 'SIM-NVR',
      firmware: 'V1',
      channel: 4,
    },
    { root: 'Response', cmdType: 'DeviceStatus', sn: 7, deviceId: '13082100001180000001', online: true, status: 'OK' },
    {
      root: 'Notify',
      cmdType: 'Alarm',
      sn: 8,
      deviceId: '13082100001310000001',
      alarmPriority: 1,
      alarmMethod: 5,
      alarmTime: '2026-12-07T03:42:10.000Z',
      alarmType: 2,
      alarmDescription: '移动侦测',
    },
  ];

  it.each(messages.map((message) => [`${message.root} ${message.cmdType}`, message] as const))(
    '%s decodes back to itself, in GB2312 and UTF-8',
    (_, message) => {
      expect(decodeManscdp(encodeManscdp(message))).toEqual(message);
      expect(decodeManscdp(encodeManscdp(message, 'UTF-8'))).toEqual(message);
    },
  );

  it('writes GB2312 bytes and local China times', () => {
    const bytes = encodeManscdp(messages[2]!);
    expect(bytes.toString('latin1')).toContain('<StartTime>2026-12-07T08:00:00</StartTime>');
    expect(iconv.decode(encodeManscdp(messages[3]!), 'gb2312')).toContain('<Name>后厨 &lt;1&gt; &amp; &quot;2&quot;</Name>');
  });
});

describe('decodeManscdp on hostile input', () => {
  const onlyManscdpErrors = (bytes: Buffer) => {
    try {
      decodeManscdp(bytes);
    } catch (error) {
      if (!(error instanceof ManscdpError)) throw error;
    }
  };
  test.prop([fc.uint8Array({ maxLength: 2000 })], { numRuns: 500 })('arbitrary bytes throw nothing but ManscdpError', (bytes) =>
    onlyManscdpErrors(Buffer.from(bytes)),
  );
  test.prop([mutated(catalogPage([1, 2]))], { numRuns: 1000 })('mutated Catalog pages throw nothing but ManscdpError', onlyManscdpErrors);
  test.prop([mutated(RECORD_INFO)], { numRuns: 500 })('mutated RecordInfo answers throw nothing but ManscdpError', onlyManscdpErrors);
  test.prop([mutated(ALARM)], { numRuns: 500 })('mutated Alarms throw nothing but ManscdpError', onlyManscdpErrors);
});
