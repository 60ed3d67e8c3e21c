// The baseline for the alert latency benchmark: an HTTP endpoint that emits each posted message to the same
// audience the real server reaches — the sockets of one county's room and the city's — with Socket.IO
// rooms and nothing else: no authentication, database, scope check or event log.
import { createServer } from 'node:http';
import { Server } from 'socket.io';

const port = Number(process.env.PORT);
const http = createServer((req, res) => {
  let body = '';
  req.on('data', (chunk: Buffer) => (body += chunk.toString()));
  req.on('end', () => {
    const message = JSON.parse(body) as { n: number; county: string };
    io.to([`node:${message.county}`, 'node:city']).emit('event', { type: 'alert.raised', data: message });
    res.writeHead(201, { 'content-type': 'application/json' }).end('{}');
  });
});
const io = new Server(http, { serveClient: false });
io.on('connection', (socket) => {
  void socket.join(`node:${String(socket.handshake.auth.room)}`);
  socket.emit('ready', {});
});
http.listen(port, '127.0.0.1', () => process.stdout.write('ready\n'));
process.on('SIGTERM', () => {
  void io.close();
  process.exit(0);
});
