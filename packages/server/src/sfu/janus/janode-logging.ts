import { Logger } from '@nestjs/common';
import Janode from 'janode';

let routed = false;

/**
 * janode logs through `console` at "info" by default. Route its warnings and errors to a Nest
 * logger at debug level (failures reach callers as rejected promises anyway) and drop the rest.
 */
export function routeJanodeLogs(): void {
  if (routed) return;
  routed = true;
  const logger = new Logger('Janode');
  const toDebug = (...args: unknown[]): void => logger.debug(args.map(String).join(' '));
  const drop = (): void => undefined;
  Janode.Logger.setLevel('warning');
  Janode.Logger.error = toDebug;
  Janode.Logger.warning = toDebug;
  Janode.Logger.info = drop;
  Janode.Logger.verbose = drop;
  Janode.Logger.debug = drop;
}
