// GB/T 28181 ids: 20 digits. 1–8 the centre code (1–6 the GB/T 2260 administrative code), 9–10 industry,
// 11–13 type (111 DVR, 118 NVR, 131 camera, 132 IPC, 200 central signalling server, …), 14 network, 15–20 serial.

export const GB_ID_TYPES = {
  dvr: 111,
  nvr: 118,
  camera: 131,
  ipc: 132,
  platform: 200,
  businessGroup: 215,
  virtualOrganisation: 216,
} as const;

const GB_ID = /^\d{20}$/;

export function isGbId(value: string): boolean {
  return GB_ID.test(value);
}

/** The administrative code (GB/T 2260): the first 6 digits. */
export function gbIdAdcode(id: string): string {
  return id.slice(0, 6);
}

/** The device type: digits 11–13. */
export function gbIdType(id: string): number {
  return Number(id.slice(10, 13));
}

/** The SIP domain a platform id implies: its first 10 digits. */
export function gbIdDomain(id: string): string {
  return id.slice(0, 10);
}

/** A platform id for a city: `<adcode 6><0000><200><0><000001>`, e.g. 130800 → 13080000002000000001. */
export function defaultPlatformId(cityAdcode: string): string {
  if (!/^\d{6}$/.test(cityAdcode)) throw new Error(`an administrative code has 6 digits, not ${JSON.stringify(cityAdcode)}`);
  return `${cityAdcode}0000${GB_ID_TYPES.platform}0000001`;
}

/** An id of the given type under an administrative code, with a serial (for simulated devices and channels). */
export function makeGbId(adcode: string, type: number, serial: number): string {
  if (!/^\d{6}$/.test(adcode)) throw new Error(`an administrative code has 6 digits, not ${JSON.stringify(adcode)}`);
  return `${adcode}0000${String(type).padStart(3, '0')}0${String(serial).padStart(6, '0')}`;
}
