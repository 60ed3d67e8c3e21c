import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { buildMansrtsp, MansrtspError, parseMansrtsp, type MansrtspCommand } from './mansrtsp';
import { mutated } from './test-support';

describe('MANSRTSP', () => {
  it('reads what platforms send in INFO: speed, pause, resume, seek', () => {
    expect(parseMansrtsp(Buffer.from('PLAY RTSP/1.0\r\nCSeq: 2\r\nScale: 2.0\r\n'))).toEqual({ action: 'PLAY', cseq: 2, scale: 2 });
    expect(parseMansrtsp(Buffer.from('PAUSE RTSP/1.0\r\nCSeq: 3\r\nPauseTime: now\r\n'))).toEqual({ action: 'PAUSE', cseq: 3 });
    expect(parseMansrtsp(Buffer.from('PLAY RTSP/1.0\r\nCSeq: 4\r\nRange: npt=now-\r\n'))).toEqual({ action: 'PLAY', cseq: 4 });
    expect(parseMansrtsp(Buffer.from('PLAY RTSP/1.0\r\nCSeq: 5\r\nRange: npt=120-\r\n'))).toEqual({
      action: 'PLAY',
      cseq: 5,
      rangeStartSeconds: 120,
    });
  });

  it.each<MansrtspCommand>([
    { action: 'PLAY', cseq: 1, scale: 0.5 },
    { action: 'PLAY', cseq: 2, rangeStartSeconds: 300 },
    { action: 'PAUSE', cseq: 3 },
  ])('builds what it reads: %o', (command) => {
    expect(parseMansrtsp(buildMansrtsp(command))).toEqual(command);
  });

  it.each([
    '',
    'GET / HTTP/1.1\r\n',
    'PLAY RTSP/1.0\r\n',
    'PLAY RTSP/1.0\r\nCSeq: 1\r\nScale: -2\r\n',
    'PLAY RTSP/1.0\r\nCSeq: 1\r\nRange: clock=x\r\n',
  ])('refuses %j with a MansrtspError', (text) => {
    expect(() => parseMansrtsp(Buffer.from(text))).toThrow(MansrtspError);
  });

  const onlyOwnErrors = (bytes: Buffer) => {
    try {
      parseMansrtsp(bytes);
    } catch (error) {
      if (!(error instanceof MansrtspError)) throw error;
    }
  };
  test.prop([fc.uint8Array({ maxLength: 500 })], { numRuns: 500 })('arbitrary bytes throw nothing but MansrtspError', (bytes) =>
    onlyOwnErrors(Buffer.from(bytes)),
  );
  test.prop([mutated(Buffer.from('PLAY RTSP/1.0\r\nCSeq: 5\r\nScale: 2.0\r\nRange: npt=120-\r\n'))], { numRuns: 500 })(
    'mutated commands throw nothing but MansrtspError',
    onlyOwnErrors,
  );
});
