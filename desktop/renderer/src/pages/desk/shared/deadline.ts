// Deadlines are typed as Beijing wall-clock time (a datetime-local field) whatever the machine's zone:
// Asia/Shanghai is UTC+8 all year, so the conversion is a fixed offset.
const SHANGHAI_OFFSET = '+08:00';
const OFFSET_MS = 8 * 3_600_000;

/** 'YYYY-MM-DDTHH:mm' read as Beijing time → ISO instant; blank stays undefined (the server's default). */
export function shanghaiInputToIso(value: string): string | undefined {
  if (!value) return undefined;
  const date = new Date(`${value}:00${SHANGHAI_OFFSET}`);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/** An instant as the value of a datetime-local field in Beijing time. */
export function isoToShanghaiInput(iso: string): string {
  return new Date(new Date(iso).getTime() + OFFSET_MS).toISOString().slice(0, 16);
}
