// Formatting of durations and money for display.

/** 312 -> "312 ms"; 1729 -> "1.73 s"; 12345 -> "12.3 s". */
export function formatMs(ms) {
  if (!Number.isFinite(ms)) {
    return '–';
  }
  const whole = Math.max(0, Math.round(ms));
  if (whole < 1000) {
    return `${whole} ms`;
  }
  return `${(whole / 1000).toFixed(whole < 10000 ? 2 : 1)} s`;
}

/**
 * 1000 fen -> "¥10.00". Money stays an integer number of fen: the yuan are
 * printed with integer arithmetic, never through a floating-point division.
 */
export function formatYuan(fen) {
  if (!Number.isSafeInteger(fen)) {
    return '';
  }
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.trunc(abs / 100);
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}¥${yuan}.${cents}`;
}

/** Epoch ms -> local clock time, for tooltips. */
export function formatClock(epochMs) {
  return epochMs ? new Date(epochMs).toLocaleTimeString() : '';
}
