// What the figures were measured on, printed above the table.
import fs from 'node:fs';
import os from 'node:os';

export function describeMachine(): string {
  let cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (match?.[1]) cpu = match[1].trim();
  } catch {
    // Not Linux: os.cpus() has the model too.
  }
  const cores = os.availableParallelism();
  const memory = `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM`;
  return `${cpu}, ${cores} core${cores === 1 ? '' : 's'}, ${memory}, ${os.type()} ${os.release()}, Node ${process.version}`;
}
