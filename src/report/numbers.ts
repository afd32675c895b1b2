// Numbers as our comments write them.

/**
 * 12345 → "12,345", as Intl.NumberFormat('en-US') writes it (at most three decimals), without Intl: the first Intl
 * formatter of a process loads ICU's locale data, about 20 ms of start-up.
 */
export function formatInteger(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  const rounded = Math.round(n * 1_000) / 1_000;
  const [whole = '0', fraction] = Math.abs(rounded).toString().split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${rounded < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}
