// Numbers, durations, money and links as the dashboard prints them (en-US, fixed so the page reads the same everywhere).
import { escapeHtml } from './svg.js';

const integer = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', maximumFractionDigits: 1 });
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 });

export const formatInt = (n: number): string => integer.format(n);
export const formatCompact = (n: number): string => compact.format(n);
export const formatPercent = (part: number, whole: number): string => (whole > 0 ? percent.format(part / whole) : '–');

export function formatUsd(n: number): string {
  if (n === 0) return '$0';
  const digits = Math.abs(n) < 1 ? 3 : Math.abs(n) < 100 ? 2 : 0;
  return `$${n.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })}`;
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return s % 60 === 0 ? `${m} min` : `${m} min ${String(s % 60).padStart(2, '0')} s`;
  return `${Math.floor(m / 60)} h ${String(m % 60).padStart(2, '0')} min`;
}

/** `Dec 3, 2026` */
export function formatDate(iso: string): string {
  return new Date(iso).toLocaleDateString('en-US', {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

/** `Dec 2026` for a `2026-12` month, `Nov 30` for a week's Monday. */
export function formatBucket(key: string): string {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number | undefined];
  const date = new Date(Date.UTC(y, m - 1, d ?? 1));
  return date.toLocaleDateString(
    'en-US',
    d === undefined
      ? { month: 'short', year: 'numeric', timeZone: 'UTC' }
      : { month: 'short', day: 'numeric', timeZone: 'UTC' },
  );
}

/** A link only to an https address (records are data: a javascript: URL must not become clickable). */
export function link(url: string | undefined, text: string): string {
  if (!url || !/^https:\/\/[^\s"'<>]+$/.test(url)) return escapeHtml(text);
  return `<a href="${escapeHtml(url)}">${escapeHtml(text)}</a>`;
}
