// GB/T 28181 ids: 20 digits. Digits 1–8 the centre code (1–6 the administrative code of GB/T 2260), 9–10 the
// industry, 11–13 the type (131 camera, 200 central signalling server, …), 14 the network, 15–20 a serial.
// (Minimal version written by H3 for the server; H1 owns this file.)
const GB_ID = /^\d{20}$/;

export function isGbId(value: string): boolean {
  return GB_ID.test(value);
}

/** The administrative code: the first 6 digits. */
export function gbIdAdcode(id: string): string {
  return id.slice(0, 6);
}

/** The type: digits 11–13. */
export function gbIdType(id: string): number {
  return Number(id.slice(10, 13));
}

/** The platform id a city's platform takes when none is configured: `<adcode>0000` `200` `0` `000001`. */
export function defaultPlatformId(cityAdcode: string): string {
  return `${cityAdcode}0000` + '200' + '0' + '000001';
}
