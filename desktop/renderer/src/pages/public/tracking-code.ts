// Tracking codes as the server makes them (TS + 8 of Crockford's base 32), and the ones this phone filed,
// kept on the phone so a parent finds them again without writing them down.
const PATTERN = /^TS[0-9A-HJKMNP-TV-Z]{8}$/;
const STORE_KEY = 'cc.public.complaints';
const KEEP = 20;

/** Upper-cased, spaces and dashes dropped, the letters people mistake for digits read as digits. */
export function normalizeCode(input: string): string {
  const code = input.toUpperCase().replace(/[\s-]/g, '');
  if (!code.startsWith('TS')) return code;
  return `TS${code.slice(2).replace(/O/g, '0').replace(/[IL]/g, '1')}`;
}

export const isTrackingCode = (code: string): boolean => PATTERN.test(code);

export interface FiledComplaint {
  code: string;
  school: string;
  at: string;
}

export function filedComplaints(): FiledComplaint[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(STORE_KEY) ?? '[]') as unknown;
    return Array.isArray(parsed) ? (parsed as FiledComplaint[]).filter((item) => isTrackingCode(item.code)) : [];
  } catch {
    return [];
  }
}

export function rememberComplaint(item: FiledComplaint): void {
  const rest = filedComplaints().filter((known) => known.code !== item.code);
  localStorage.setItem(STORE_KEY, JSON.stringify([item, ...rest].slice(0, KEEP)));
}
