// GB/T 28181 signalling load on one GbSipServer process (issue 14): 16,800 simulated NVRs × 8 channels
// (134,400 channels) register with digest, answer the server's DeviceInfo and Catalog queries, then keep
// alive every 60 s. Measured on the server's process alone (from /proc): CPU and RSS idle (the baseline,
// same run), while the devices register, and over one keepalive interval; registrations per second.
// The load generator is this process: raw UDP sockets sending prebuilt SIP text, digest answered properly,
// no SIP stack (so its own cost stays small; it is reported too).
// Run: npx tsx bench/gb-registration.ts [--devices=16800] [--channels=8] [--keepalive-seconds=60] [--window=100]
import { fork } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createSocket, type Socket } from 'node:dgram';
import { fileURLToPath } from 'node:url';
import { argValue } from './support/args';
import { cpuSecondsOfTree, rssMegabytes } from './support/video-rig';

const DEVICES = Number(argValue('devices', '16800'));
const CHANNELS = Number(argValue('channels', '8'));
const KEEPALIVE_S = Number(argValue('keepalive-seconds', '60'));
const WINDOW = Number(argValue('window', '100'));
const SOCKETS = 64;
const IDLE_MS = 10_000;
const ADCODE = '130802';
const PLATFORM_ID = '13080000002000000001';
const DOMAIN = '1308000000';
const PASSWORD = 'bench-password';
const HOST = '127.0.0.1';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const serial = (n: number) => String(n).padStart(6, '0');
const deviceId = (index: number) => `${ADCODE}0000${'118'}0${serial(index)}`;
const channelId = (index: number, channel: number) => `${ADCODE}0000${'131'}0${serial(index * CHANNELS + channel)}`;

// ---- the measured process ----
const child = fork(fileURLToPath(new URL('./support/gb-sip-server-child.ts', import.meta.url)), [PLATFORM_ID, DOMAIN, PASSWORD, ADCODE], {
  execArgv: ['--import', 'tsx'],
  stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
});
const serverPort = await new Promise<number>((resolve) =>
  child.on('message', (message: { port?: number }) => {
    if (message.port) resolve(message.port);
  }),
);
const pid = child.pid!;
const counts = () =>
  new Promise<{ online: number; total: number; channels: number }>((resolve) => {
    const listener = (message: { counts?: { online: number; total: number; channels: number } }) => {
      if (!message.counts) return;
      child.off('message', listener);
      resolve(message.counts);
    };
    child.on('message', listener);
    child.send('counts');
  });

interface Window {
  cpuPercent: number;
  seconds: number;
}
const measure = async (during: () => Promise<void>): Promise<Window> => {
  const cpu0 = cpuSecondsOfTree(pid);
  const t0 = performance.now();
  await during();
  const seconds = (performance.now() - t0) / 1000;
  return { cpuPercent: ((cpuSecondsOfTree(pid) - cpu0) / seconds) * 100, seconds };
};

// ---- the load generator ----
const sockets: Socket[] = [];
for (let i = 0; i < SOCKETS; i++) {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, HOST, resolve));
  socket.setRecvBufferSize(8 << 20);
  socket.on('message', (datagram) => onDatagram(datagram, socket));
  sockets.push(socket);
}
const socketOf = (index: number) => sockets[index % SOCKETS]!;
const send = (socket: Socket, text: string) => socket.send(text, serverPort, HOST);
const portOf = (socket: Socket) => socket.address().port;

let branches = 0;
const via = (socket: Socket) => `SIP/2.0/UDP ${HOST}:${portOf(socket)};rport;branch=z9hG4bK${(branches++).toString(36)}b`;

function register(index: number, cseq: number, authorization?: string): void {
  const id = deviceId(index);
  const socket = socketOf(index);
  send(
    socket,
    `REGISTER sip:${DOMAIN} SIP/2.0\r\nVia: ${via(socket)}\r\nFrom: <sip:${id}@${DOMAIN}>;tag=r${index}\r\nTo: <sip:${id}@${DOMAIN}>\r\n` +
      `Call-ID: reg${index}@bench\r\nCSeq: ${cseq} REGISTER\r\nContact: <sip:${id}@${HOST}:${portOf(socket)}>\r\nMax-Forwards: 70\r\nExpires: 3600\r\n` +
      (authorization ? `Authorization: ${authorization}\r\n` : '') +
      'Content-Length: 0\r\n\r\n',
  );
}

/** Our MESSAGEs not yet answered 200, by Call-ID: resent after a second, as a device's SIP stack does. */
const unanswered = new Map<string, { socket: Socket; text: string; at: number; tries: number }>();
setInterval(() => {
  const now = Date.now();
  for (const [callId, entry] of unanswered) {
    if (now - entry.at < 1_000) continue;
    if (entry.tries >= 6) {
      unanswered.delete(callId);
      continue;
    }
    Object.assign(entry, { at: now, tries: entry.tries + 1 });
    send(entry.socket, entry.text);
  }
}, 250).unref();

function message(index: number, body: string): void {
  const id = deviceId(index);
  const socket = socketOf(index);
  const bytes = Buffer.byteLength(body);
  const callId = `m${branches}x${index}@bench`;
  const text =
    `MESSAGE sip:${PLATFORM_ID}@${DOMAIN} SIP/2.0\r\nVia: ${via(socket)}\r\nFrom: <sip:${id}@${DOMAIN}>;tag=m${index}\r\nTo: <sip:${PLATFORM_ID}@${DOMAIN}>\r\n` +
    `Call-ID: ${callId}\r\nCSeq: 1 MESSAGE\r\nMax-Forwards: 70\r\nContent-Type: Application/MANSCDP+xml\r\nContent-Length: ${bytes}\r\n\r\n${body}`;
  unanswered.set(callId, { socket, text, at: Date.now(), tries: 0 });
  send(socket, text);
}

const xml = (body: string) => `<?xml version="1.0" encoding="GB2312"?>\r\n${body}`;
let keepaliveSn = 0;
const keepalive = (index: number) =>
  message(
    index,
    xml(
      `<Notify>\r\n<CmdType>Keepalive</CmdType>\r\n<SN>${++keepaliveSn}</SN>\r\n<DeviceID>${deviceId(index)}</DeviceID>\r\n<Status>OK</Status>\r\n</Notify>\r\n`,
    ),
  );

function answerQuery(index: number, cmdType: string, sn: string): void {
  const id = deviceId(index);
  if (cmdType === 'DeviceInfo') {
    message(
      index,
      xml(
        `<Response>\r\n<CmdType>DeviceInfo</CmdType>\r\n<SN>${sn}</SN>\r\n<DeviceID>${id}</DeviceID>\r\n<Result>OK</Result>\r\n<DeviceName>NVR ${index}</DeviceName>\r\n` +
          `<Manufacturer>Bench</Manufacturer>\r\n<Model>B-8</Model>\r\n<Firmware>1.0</Firmware>\r\n<Channel>${CHANNELS}</Channel>\r\n</Response>\r\n`,
      ),
    );
  } else if (cmdType === 'Catalog') {
    const items = Array.from(
      { length: CHANNELS },
      (_, channel) =>
        `<Item>\r\n<DeviceID>${channelId(index, channel)}</DeviceID>\r\n<Name>Kitchen ${channel + 1}</Name>\r\n<Manufacturer>Bench</Manufacturer>\r\n` +
        `<Model>IPC</Model>\r\n<ParentID>${id}</ParentID>\r\n<CivilCode>${ADCODE}</CivilCode>\r\n<Parental>0</Parental>\r\n<Status>ON</Status>\r\n</Item>\r\n`,
    );
    message(
      index,
      xml(
        `<Response>\r\n<CmdType>Catalog</CmdType>\r\n<SN>${sn}</SN>\r\n<DeviceID>${id}</DeviceID>\r\n<SumNum>${CHANNELS}</SumNum>\r\n` +
          `<DeviceList Num="${CHANNELS}">\r\n${items.join('')}</DeviceList>\r\n</Response>\r\n`,
      ),
    );
  }
}

const headerOf = (head: string, name: string) => new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(head)?.[1]?.trim();
const registered = new Set<number>();
const started = new Map<number, number>();
let challenges = 0;

function onDatagram(datagram: Buffer, socket: Socket): void {
  const text = datagram.toString('latin1');
  const split = text.indexOf('\r\n\r\n');
  const head = text.slice(0, split);
  if (head.startsWith('SIP/2.0 ')) {
    const callId = headerOf(head, 'Call-ID') ?? '';
    if (!callId.startsWith('reg')) return void unanswered.delete(callId);
    const index = Number(callId.slice(3, callId.indexOf('@')));
    const status = Number(head.slice(8, 11));
    if (status === 401) {
      challenges += 1;
      const nonce = /nonce="([^"]+)"/.exec(headerOf(head, 'WWW-Authenticate') ?? '')![1]!;
      const id = deviceId(index);
      const uri = `sip:${DOMAIN}`;
      const response = md5(`${md5(`${id}:${DOMAIN}:${PASSWORD}`)}:${nonce}:${md5(`REGISTER:${uri}`)}`);
      register(
        index,
        2,
        `Digest username="${id}", realm="${DOMAIN}", nonce="${nonce}", uri="${uri}", response="${response}", algorithm=MD5`,
      );
    } else if (status === 200 && !registered.has(index)) {
      registered.add(index);
      started.delete(index);
      keepaliveDue[index] = Date.now() + KEEPALIVE_S * 1000;
      next();
    }
    return;
  }
  // A request from the server (its queries): 200, then the answer.
  const reply =
    `SIP/2.0 200 OK\r\nVia: ${headerOf(head, 'Via')}\r\nFrom: ${headerOf(head, 'From')}\r\nTo: ${headerOf(head, 'To')};tag=b1\r\n` +
    `Call-ID: ${headerOf(head, 'Call-ID')}\r\nCSeq: ${headerOf(head, 'CSeq')}\r\nContent-Length: 0\r\n\r\n`;
  socket.send(reply, serverPort, HOST);
  const body = text.slice(split + 4);
  const cmdType = /<CmdType>(\w+)<\/CmdType>/.exec(body)?.[1];
  const sn = /<SN>(\d+)<\/SN>/.exec(body)?.[1];
  const to = /^To:\s*<sip:(\d{20})@/im.exec(head)?.[1];
  if (!cmdType || !sn || !to) return;
  answerQuery(Number(to.slice(14)), cmdType, sn);
}

/** When each registered device sends its next keepalive (0: not registered yet): every KEEPALIVE_S from its registration. */
const keepaliveDue = new Float64Array(DEVICES);
let keepalivesSent = 0;
setInterval(() => {
  const now = Date.now();
  for (let index = 0; index < DEVICES; index++) {
    const due = keepaliveDue[index]!;
    if (due === 0 || due > now) continue;
    keepaliveDue[index] = due + KEEPALIVE_S * 1000;
    keepalive(index);
    keepalivesSent += 1;
  }
}, 100).unref();

let nextIndex = 0;
function next(): void {
  if (nextIndex >= DEVICES) return;
  const index = nextIndex++;
  started.set(index, Date.now());
  register(index, 1);
}

// ---- the run ----
const generatorCpu0 = process.cpuUsage();
console.log(`GbSipServer pid ${pid} on UDP ${serverPort}; ${DEVICES} devices × ${CHANNELS} channels`);
const idle = await measure(async () => void (await sleep(IDLE_MS)));
const idleRss = rssMegabytes(pid);

const registration = await measure(async () => {
  for (let i = 0; i < WINDOW; i++) next();
  while (registered.size < DEVICES) {
    await sleep(250);
    // A datagram lost under load: the device tries again, as a real one would.
    const now = Date.now();
    for (const [index, at] of started) {
      if (now - at < 1_000) continue;
      started.set(index, now);
      register(index, 1);
    }
  }
});
const registrationsPerSecond = DEVICES / registration.seconds;
let gathered = await counts();
const catalogs = await measure(async () => {
  const deadline = Date.now() + 60_000;
  while (gathered.channels < DEVICES * CHANNELS && Date.now() < deadline) {
    await sleep(500);
    gathered = await counts();
    if (process.env.GB_BENCH_DEBUG) console.log(gathered);
  }
});
const registeredRss = rssMegabytes(pid);

// One keepalive interval, every device keeping alive on its own schedule (as since it registered).
const keepalivesBefore = keepalivesSent;
const keepalives = await measure(async () => void (await sleep(KEEPALIVE_S * 1000)));
const keepalivesInWindow = keepalivesSent - keepalivesBefore;
const keepaliveRss = rssMegabytes(pid);
const final = await counts();
const generator = process.cpuUsage(generatorCpu0);
const wall = idle.seconds + registration.seconds + catalogs.seconds + keepalives.seconds;

const rows = [
  ['idle (baseline, same process)', `${idle.cpuPercent.toFixed(1)}%`, `${idleRss.toFixed(0)} MB`, `${idle.seconds.toFixed(0)} s`],
  [`${DEVICES} registrations (digest, 401 → 200)`, `${registration.cpuPercent.toFixed(1)}%`, '', `${registration.seconds.toFixed(1)} s`],
  [
    `catalogs gathered (${gathered.channels} channels)`,
    `${catalogs.cpuPercent.toFixed(1)}%`,
    `${registeredRss.toFixed(0)} MB`,
    `${catalogs.seconds.toFixed(1)} s`,
  ],
  [
    `keepalives, one ${KEEPALIVE_S} s interval (${(keepalivesInWindow / keepalives.seconds).toFixed(0)}/s)`,
    `${keepalives.cpuPercent.toFixed(1)}%`,
    `${keepaliveRss.toFixed(0)} MB`,
    `${keepalives.seconds.toFixed(1)} s`,
  ],
];
console.log('\n| phase | server CPU (one core = 100%) | server RSS | wall |\n|---|---|---|---|');
for (const row of rows) console.log(`| ${row.join(' | ')} |`);
console.log(
  `\nregistrations per second: ${registrationsPerSecond.toFixed(0)} (window ${WINDOW}); challenges answered: ${challenges}; ` +
    `online at the end: ${final.online}/${final.total}, channels ${final.channels}; ` +
    `load generator CPU: ${(((generator.user + generator.system) / 1e6 / wall) * 100).toFixed(1)}% of a core`,
);

child.send('stop');
await new Promise((resolve) => child.once('exit', resolve));
for (const socket of sockets) socket.close();
