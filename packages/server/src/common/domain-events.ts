import { Injectable } from '@nestjs/common';
import { EventEmitter2, OnEvent } from '@nestjs/event-emitter';

/**
 * Every in-process domain event, by name. Each feature declares its own events in its
 * `*.events.ts` by augmenting this interface, so a name cannot be raised or heard without its type.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by module augmentation
export interface DomainEventMap {}
export type DomainEventName = keyof DomainEventMap;

/**
 * The in-process bus services raise their events on. Listeners run synchronously, in the order
 * they were registered, before `emit` returns: an event raised before a service returns is
 * delivered before the caller's ack.
 */
@Injectable()
export class DomainEvents {
  constructor(private readonly emitter: EventEmitter2) {}

  emit<K extends DomainEventName>(name: K, event: DomainEventMap[K]): void {
    this.emitter.emit(name, event);
  }
}

type Listener<K extends DomainEventName> = (event: DomainEventMap[K]) => void;

/** Marks a method as the listener of one domain event; the method's parameter type is checked. */
export function OnDomainEvent<K extends DomainEventName>(name: K) {
  const decorate = OnEvent(name);
  return (
    target: object,
    key: string | symbol,
    descriptor: TypedPropertyDescriptor<Listener<K>>,
  ): void => {
    decorate(target, key, descriptor);
  };
}
