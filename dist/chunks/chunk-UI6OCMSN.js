import { createRequire as __aiOrchestraCreateRequire } from 'node:module'; const require = __aiOrchestraCreateRequire(import.meta.url);

// src/report/numbers.ts
function formatInteger(n) {
  if (!Number.isFinite(n)) return String(n);
  const rounded = Math.round(n * 1e3) / 1e3;
  const [whole = "0", fraction] = Math.abs(rounded).toString().split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${rounded < 0 ? "-" : ""}${grouped}${fraction ? `.${fraction}` : ""}`;
}

export {
  formatInteger
};
