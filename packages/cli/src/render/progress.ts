/**
 * A progress bar on stderr. On a terminal it redraws one line; elsewhere (CI, pipes) it prints
 * a line at every 25 %, so logs stay short.
 */
export function progressBar(label: string, total: number, write: (text: string) => void, isTTY: boolean) {
  let lastQuarter = -1;
  let lastDraw = 0;
  const started = performance.now();
  return {
    update(done: number): void {
      const frac = total === 0 ? 1 : Math.min(1, done / total);
      if (isTTY) {
        const now = performance.now();
        if (now - lastDraw < 80 && frac < 1) return;
        lastDraw = now;
        const width = 30;
        const filled = Math.round(frac * width);
        write(`\r${label.padEnd(24)} [${'█'.repeat(filled)}${'░'.repeat(width - filled)}] ${(frac * 100).toFixed(0).padStart(3)}% ${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')}`);
      } else {
        const q = Math.floor(frac * 4);
        if (q > lastQuarter) {
          lastQuarter = q;
          write(`${label}: ${Math.floor(frac * 100).toString().padStart(3)}% (${done.toLocaleString('en-US')}/${total.toLocaleString('en-US')})\n`);
        }
      }
    },
    done(): number {
      const secs = (performance.now() - started) / 1000;
      if (isTTY) write(`\r${label.padEnd(24)} done in ${secs.toFixed(1)} s${' '.repeat(40)}\n`);
      return secs;
    },
  };
}
