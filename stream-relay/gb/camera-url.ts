// A bound GB/T 28181 channel's address as the server assigns it: `gb28181:<deviceId>/<channelId>`.
// TODO(H3): the same helper lands in protocol.ts (parseGbCameraUrl); this one goes then.
const GB_CAMERA_URL = /^gb28181:(\d{20})\/(\d{20})$/;

export function parseGbCameraUrl(url: string): { deviceId: string; channelId: string } | null {
  const match = GB_CAMERA_URL.exec(url);
  return match?.[1] && match[2] ? { deviceId: match[1], channelId: match[2] } : null;
}
