// Real sockets on 127.0.0.1: what a device behind NAT sees of our transport and transaction layer.
import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { once } from 'node:events';
import { connect, createServer, type AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { SipEndpoint, SipTimeoutError } from './endpoint';
import { parseVia } from './header-values';
import { header, headers, parseSipMessage, serializeSipMessage, type SipMessage, type SipRequest } from './message';
import { SipStreamFramer } from './tcp-framer';
import { SipTransport, type SipPeer } from './transport';

const HOST = '127.0.0.1';
const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function server(): Promise<SipEndpoint> {
  const transport = await SipTransport.listen({ host: HOST, port: 0 });
  const endpoint = new SipEndpoint(transport, { host: HOST, userAgent: 'test-platform' });
  cleanups.push(
    () => transport.close(),
    () => endpoint.close(),
  );
  return endpoint;
}

async function udpSocket(): Promise<UdpSocket> {
  const socket = createSocket('udp4');
  await new Promise<void>((resolve) => socket.bind(0, HOST, resolve));
  cleanups.push(() => socket.close());
  return socket;
}

function register(viaHost: string, viaPort: number, contactPort: number, transport = 'UDP'): Buffer {
  return Buffer.from(
    [
      'REGISTER sip:34020000002000000001@3402000000 SIP/2.0',
      `Via: SIP/2.0/${transport} ${viaHost}:${viaPort};rport;branch=z9hG4bK777`,
      'From: <sip:34020000001320000001@3402000000>;tag=1',
      'To: <sip:34020000001320000001@3402000000>',
      'Call-ID: reg-1',
      'CSeq: 1 REGISTER',
      `Contact: <sip:34020000001320000001@${viaHost}:${contactPort}>`,
      'Expires: 3600',
      'Content-Length: 0',
      '',
      '',
    ].join('\r\n'),
  );
}

const nextDatagram = async (socket: UdpSocket) => parseSipMessage((await once(socket, 'message'))[0] as Buffer);

describe('SipTransport and SipEndpoint over UDP', () => {
  it("answers a device at the port its packets came from, not its Contact's, with Via received/rport filled in", async () => {
    const endpoint = await server();
    const natSide = await udpSocket(); // the port the NAT gave the device
    const contactSide = await udpSocket(); // the port the device believes it has
    let contactGotSomething = false;
    contactSide.on('message', () => (contactGotSomething = true));
    endpoint.on('request', (request, peer) => endpoint.reply(request, peer, 200, 'OK', { headers: [['expires', '3600']] }));

    natSide.send(register('192.168.1.64', 5060, contactSide.address().port), endpoint.transport.port, HOST);
    const response = await nextDatagram(natSide);

    expect(response).toMatchObject({ kind: 'response', status: 200 });
    expect(parseVia(header(response, 'via')!)).toMatchObject({ host: '192.168.1.64', received: HOST, rport: natSide.address().port });
    expect(header(response, 'to')).toMatch(/;tag=\w+/);
    expect(header(response, 'call-id')).toBe('reg-1');
    expect(contactGotSomething).toBe(false);
  });

  it('sends its own requests to the source address and answers a retransmitted request with the same response once', async () => {
    const endpoint = await server();
    const device = await udpSocket();
    const handled: SipRequest[] = [];
    endpoint.on('request', (request, peer) => {
      handled.push(request);
      endpoint.reply(request, peer, 200, 'OK');
    });
    const bytes = register('192.168.1.64', 5060, 5060);
    device.send(bytes, endpoint.transport.port, HOST);
    const first = await nextDatagram(device);
    device.send(bytes, endpoint.transport.port, HOST);
    const second = await nextDatagram(device);
    expect(handled).toHaveLength(1);
    expect(header(second, 'to')).toBe(header(first, 'to'));

    const peer: SipPeer = { transport: 'udp', address: HOST, port: device.address().port };
    const answered = endpoint.request(
      peer,
      endpoint.createRequest({
        method: 'MESSAGE',
        uri: 'sip:34020000001320000001@3402000000',
        from: 'sip:34020000002000000001@3402000000',
        to: 'sip:34020000001320000001@3402000000',
      }),
    );
    const query = (await nextDatagram(device)) as SipRequest;
    expect(query.method).toBe('MESSAGE');
    device.send(
      serializeSipMessage({ kind: 'response', status: 200, reason: 'OK', headers: query.headers, body: Buffer.alloc(0) }),
      endpoint.transport.port,
      HOST,
    );
    expect((await answered).status).toBe(200);
  });

  it('retransmits a request over UDP until it is answered, and gives up with SipTimeoutError', async () => {
    const transport = await SipTransport.listen({ host: HOST, port: 0 });
    const endpoint = new SipEndpoint(transport, { host: HOST, userAgent: 'test', t1Ms: 20 });
    cleanups.push(
      () => transport.close(),
      () => endpoint.close(),
    );
    const device = await udpSocket();
    const copies: SipMessage[] = [];
    device.on('message', (bytes: Buffer) => {
      const request = parseSipMessage(bytes);
      copies.push(request);
      // A lossy network: the first two copies are "lost"; the third is answered.
      if (copies.length === 3) {
        device.send(
          serializeSipMessage({ kind: 'response', status: 200, reason: 'OK', headers: request.headers, body: Buffer.alloc(0) }),
          transport.port,
          HOST,
        );
      }
    });
    const peer: SipPeer = { transport: 'udp', address: HOST, port: device.address().port };
    const request = endpoint.createRequest({ method: 'MESSAGE', uri: 'sip:a@b', from: 'sip:c@d', to: 'sip:a@b' });
    expect((await endpoint.request(peer, request)).status).toBe(200);
    expect(new Set(copies.map((copy) => header(copy, 'via'))).size).toBe(1); // the same transaction each time

    const silent = await udpSocket();
    const nobody: SipPeer = { transport: 'udp', address: HOST, port: silent.address().port };
    await expect(
      endpoint.request(nobody, endpoint.createRequest({ method: 'MESSAGE', uri: 'sip:a@b', from: 'sip:c@d', to: 'sip:a@b' }), {
        timeoutMs: 200,
      }),
    ).rejects.toThrow(SipTimeoutError);
  });

  it('ACKs a refused INVITE itself and survives garbage datagrams', async () => {
    const caller = await server();
    const callee = await server();
    const errors: Error[] = [];
    callee.transport.on('error', (error) => errors.push(error));
    const acks: SipRequest[] = [];
    callee.on('request', (request, peer) => {
      if (request.method === 'ACK') acks.push(request);
      else callee.reply(request, peer, 486, 'Busy Here');
    });
    const garbage = await udpSocket();
    garbage.send(Buffer.from('\x00\x01 not SIP at all\r\n\r\n'), callee.transport.port, HOST);
    const peer: SipPeer = { transport: 'udp', address: HOST, port: callee.transport.port };
    const invite = caller.createRequest({ method: 'INVITE', uri: 'sip:a@b', from: 'sip:c@d', to: 'sip:a@b' });
    expect((await caller.request(peer, invite)).status).toBe(486);
    await expect.poll(() => acks.length).toBe(1);
    expect(header(acks[0]!, 'cseq')).toBe('1 ACK');
    expect(errors.map((error) => error.message).join()).toMatch(/malformed SIP/);
  });
});

describe('SipTransport over TCP', () => {
  it('answers on the connection the device opened, never by dialling its Contact', async () => {
    const endpoint = await server();
    const contactServer = createServer((socket) => {
      contactDialled = true;
      socket.destroy();
    });
    let contactDialled = false;
    await new Promise<void>((resolve) => contactServer.listen(0, HOST, resolve));
    cleanups.push(() => new Promise((resolve) => contactServer.close(resolve)));
    const contactPort = (contactServer.address() as AddressInfo).port;

    const device = connect({ host: HOST, port: endpoint.transport.port });
    cleanups.push(() => device.destroy());
    await once(device, 'connect');
    const framer = new SipStreamFramer();
    const received: SipMessage[] = [];
    device.on('data', (chunk: Buffer) => received.push(...framer.push(chunk)));

    let devicePeer: SipPeer | undefined;
    endpoint.on('request', (request, peer) => {
      devicePeer = peer;
      endpoint.reply(request, peer, 200, 'OK');
    });
    device.write(register('192.168.1.64', 5060, contactPort, 'TCP'));
    await expect.poll(() => received.length).toBe(1);
    expect(received[0]).toMatchObject({ kind: 'response', status: 200 });
    expect(devicePeer).toEqual({ transport: 'tcp', address: HOST, port: device.localPort });

    // A request of ours (a Catalog query, say) goes down the same connection.
    const catalog = endpoint.request(
      devicePeer!,
      endpoint.createRequest({ method: 'MESSAGE', uri: 'sip:a@b', from: 'sip:c@d', to: 'sip:a@b' }),
    );
    await expect.poll(() => received.length).toBe(2);
    const query = received[1]!;
    device.write(serializeSipMessage({ kind: 'response', status: 200, reason: 'OK', headers: query.headers, body: Buffer.alloc(0) }));
    expect((await catalog).status).toBe(200);
    expect(headers(query, 'via')[0]).toMatch(/^SIP\/2\.0\/TCP /);
    expect(contactDialled).toBe(false);
  });

  it('closes a connection that sends garbage, and keeps serving others', async () => {
    const endpoint = await server();
    endpoint.transport.on('error', () => undefined);
    const bad = connect({ host: HOST, port: endpoint.transport.port });
    cleanups.push(() => bad.destroy());
    bad.write('this is not SIP\r\n\r\n');
    await once(bad, 'close');

    endpoint.on('request', (request, peer) => endpoint.reply(request, peer, 200, 'OK'));
    const good = connect({ host: HOST, port: endpoint.transport.port });
    cleanups.push(() => good.destroy());
    const framer = new SipStreamFramer();
    const received: SipMessage[] = [];
    good.on('data', (chunk: Buffer) => received.push(...framer.push(chunk)));
    good.write(register('192.168.1.64', 5060, 5060, 'TCP'));
    await expect.poll(() => received.length).toBe(1);
  });
});
