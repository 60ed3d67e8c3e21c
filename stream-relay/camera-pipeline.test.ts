import { describe, expect, it } from 'vitest';
import { withoutSecrets } from './camera-pipeline';

describe('ffmpeg output in logs and status reasons', () => {
  it('never carries the camera address or credentials', () => {
    const url = 'rtsp://admin:s3cret@10.1.2.3:554/Streaming/101';
    expect(withoutSecrets(`[tcp @ 0x1] Connection to ${url} failed: Connection refused`, url)).toBe(
      '[tcp @ 0x1] Connection to <camera> failed: Connection refused',
    );
    expect(withoutSecrets("Input #0, rtsp, from 'rtsp://admin:s3cret@10.1.2.3:554/other':", url)).toBe(
      "Input #0, rtsp, from 'rtsp://***@10.1.2.3:554/other':",
    );
  });
});
