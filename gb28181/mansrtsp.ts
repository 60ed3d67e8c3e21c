// MANSRTSP (GB/T 28181 §B): RTSP-like playback control carried in INFO bodies: speed, pause, resume, seek.

export type MansrtspCommand =
  { action: 'PLAY'; cseq: number; scale?: number; rangeStartSeconds?: number } | { action: 'PAUSE'; cseq: number };

export class MansrtspError extends Error {
  override name = 'MansrtspError';
}

export const MANSRTSP_CONTENT_TYPE = 'Application/MANSRTSP';
const MAX_BYTES = 4096;

export function buildMansrtsp(command: MansrtspCommand): Buffer {
  const lines = [`${command.action} RTSP/1.0`, `CSeq: ${command.cseq}`];
  if (command.action === 'PAUSE') lines.push('PauseTime: now');
  else {
    if (command.scale !== undefined) lines.push(`Scale: ${command.scale.toFixed(1)}`);
    if (command.rangeStartSeconds !== undefined) lines.push(`Range: npt=${command.rangeStartSeconds}-`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`);
}

export function parseMansrtsp(body: Buffer): MansrtspCommand {
  if (body.length > MAX_BYTES) throw new MansrtspError(`MANSRTSP body over ${MAX_BYTES} bytes`);
  const lines = body.toString('utf8').split(/\r?\n/);
  const request = /^(PLAY|PAUSE|TEARDOWN) RTSP\/1\.0$/i.exec((lines[0] ?? '').trim());
  if (!request) throw new MansrtspError(`not a MANSRTSP request line: ${JSON.stringify((lines[0] ?? '').slice(0, 40))}`);
  const fields: Record<string, string> = {};
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) fields[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const cseqText = fields.cseq ?? '';
  if (!/^\d{1,9}$/.test(cseqText)) throw new MansrtspError(`bad or missing CSeq: ${JSON.stringify(cseqText.slice(0, 20))}`);
  const cseq = Number(cseqText);
  const action = request[1]!.toUpperCase();
  if (action === 'PAUSE') return { action: 'PAUSE', cseq };
  if (action === 'TEARDOWN') throw new MansrtspError('TEARDOWN is done with BYE, not INFO');
  const command: MansrtspCommand = { action: 'PLAY', cseq };
  if (fields.scale !== undefined) {
    const scale = Number(fields.scale);
    if (!/^\d{1,3}(\.\d{1,6})?$/.test(fields.scale) || scale <= 0 || scale > 64)
      throw new MansrtspError(`bad Scale: ${JSON.stringify(fields.scale.slice(0, 20))}`);
    command.scale = scale;
  }
  if (fields.range !== undefined) {
    const range = /^npt=(now|\d{1,9}(?:\.\d{1,6})?)-(?:\d{1,9}(?:\.\d{1,6})?)?$/i.exec(fields.range);
    if (!range) throw new MansrtspError(`bad Range: ${JSON.stringify(fields.range.slice(0, 40))}`);
    if (range[1]!.toLowerCase() !== 'now') command.rangeStartSeconds = Number(range[1]);
  }
  return command;
}
