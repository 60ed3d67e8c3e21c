// Splits a whole number over weights by the largest-remainder method, giving each share a minimum:
// canteens over counties by population, a daily patrol target over counties by canteens.
export function apportion(total: number, weights: readonly number[], minimum = 0): number[] {
  if (weights.length === 0) return [];
  const floor = Math.min(minimum, Math.floor(total / weights.length));
  const sum = weights.reduce((a, b) => a + b, 0);
  const spare = Math.max(0, total - floor * weights.length);
  const exact = weights.map((w) => (sum > 0 ? (w / sum) * spare : spare / weights.length));
  const shares = exact.map((x) => Math.floor(x) + floor);
  let left = total - shares.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, index] of order) {
    if (left <= 0) break;
    shares[index]! += 1;
    left -= 1;
  }
  return shares;
}
