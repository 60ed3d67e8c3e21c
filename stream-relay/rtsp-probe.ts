// Tells a frozen camera from an unreachable one when ffmpeg got no frame: if the camera still answers an
// RTSP OPTIONS request (with any status, 401 included), it is up but sending no video.
import net from 'node:net';

/** Whether an RTSP server answers at the URL's host and port within the timeout. Never throws. */
export function rtspAnswers(url: string, timeoutMs = 2_000): Promise<boolean> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve(false);
  }
  if (target.protocol !== 'rtsp:') return Promise.resolve(false);
  const port = Number(target.port || 554);
  // Credentials stay out of the request line.
  const requestUrl = `rtsp://${target.host}${target.pathname}${target.search}`;
  return new Promise((resolve) => {
    const socket = net.connect({ host: target.hostname.replace(/^\[|\]$/g, ''), port });
    let received = '';
    const finish = (answered: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answered);
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.setEncoding('latin1');
    socket.on('connect', () => socket.write(`OPTIONS ${requestUrl} RTSP/1.0\r\nCSeq: 1\r\nUser-Agent: stream-relay\r\n\r\n`));
    socket.on('data', (text: string) => {
      received += text;
      if (received.length >= 9) finish(received.startsWith('RTSP/1.0 '));
    });
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(received.startsWith('RTSP/1.0 ')));
  });
}
