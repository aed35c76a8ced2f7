import type { Readable } from 'node:stream';
import type { LoggerService } from '@nestjs/common';

const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');

/**
 * Forwards a child's output line by line to a Nest logger: debug level, warn for Janus error
 * lines ("[ERR]", "[FATAL]"). Keeps the last lines so a failure can say what Janus printed.
 */
export class JanusProcessLogs {
  private readonly recent: string[] = [];

  constructor(
    private readonly logger: LoggerService,
    private readonly keep = 20,
  ) {}

  attach(stream: Readable): void {
    let partial = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      lines.forEach((line) => this.line(line));
    });
    stream.on('end', () => {
      if (partial) this.line(partial);
      partial = '';
    });
  }

  /** The last lines Janus printed, oldest first. */
  tail(): string[] {
    return [...this.recent];
  }

  private line(raw: string): void {
    const line = raw.replace(ANSI, '').trimEnd();
    if (!line) return;
    this.recent.push(line);
    if (this.recent.length > this.keep) this.recent.shift();
    if (/\[(ERR|FATAL)\]/.test(line)) this.logger.warn(line);
    else this.logger.debug?.(line);
  }
}
