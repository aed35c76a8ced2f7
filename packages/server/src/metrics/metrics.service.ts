import { ClientEvent } from '@minimeet/contract';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Request, Response, NextFunction } from 'express';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { IsNull, Repository } from 'typeorm';
import { ChatEvent, type MessagePosted } from '../chat/chat.events';
import { OnDomainEvent } from '../common/domain-events';
import { CallParticipantEntity } from '../database/entities/call-participant.entity';
import { CallSessionEntity } from '../database/entities/call-session.entity';

const KNOWN_EVENTS: ReadonlySet<string> = new Set(Object.values(ClientEvent));
const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** A socket event name as a label: the contract's names, anything else as "unknown". */
const eventLabel = (event: unknown): string =>
  typeof event === 'string' && KNOWN_EVENTS.has(event) ? event : 'unknown';

/**
 * The Prometheus metrics of this process, in a registry of its own (so two apps in one process,
 * as in tests, do not share counters). HTTP and socket code report through the thin hooks below;
 * stored messages come from domain events; calls and participants are read from the database
 * at scrape time, so they hold for the whole cluster.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();
  private readonly sockets: Gauge;
  private readonly eventsReceived: Counter<'event'>;
  private readonly eventDuration: Histogram<'event'>;
  private readonly messagesStored: Counter;
  private readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  private readonly httpDuration: Histogram<'method' | 'route'>;
  private readonly errors: Counter<'transport' | 'code'>;
  private socketCount: () => number = () => 0;
  /** Socket events refused as they arrived, not yet added to the counters, by event and by code. */
  private readonly refusedEvents = new Map<string, number>();
  private readonly refusedCodes = new Map<string, number>();

  constructor(
    @InjectRepository(CallSessionEntity) sessions: Repository<CallSessionEntity>,
    @InjectRepository(CallParticipantEntity) participants: Repository<CallParticipantEntity>,
  ) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    const count = () => this.socketCount();
    const { refusedEvents, refusedCodes } = this;
    this.sockets = new Gauge({
      name: 'minimeet_socket_connections',
      help: 'Socket.IO connections open on this process',
      registers,
      collect() {
        this.set(count());
      },
    });
    this.eventsReceived = new Counter({
      name: 'minimeet_socket_events_received_total',
      help: 'Socket.IO events received, by event name',
      labelNames: ['event'],
      registers,
      collect() {
        for (const [event, n] of refusedEvents) this.inc({ event }, n);
        refusedEvents.clear();
      },
    });
    this.eventDuration = new Histogram({
      name: 'minimeet_socket_event_duration_seconds',
      help: 'Time from receiving a socket event to its ack, by event name (not the events refused as they arrive)',
      labelNames: ['event'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.messagesStored = new Counter({
      name: 'minimeet_messages_stored_total',
      help: 'Chat messages stored by this process',
      registers,
    });
    new Gauge({
      name: 'minimeet_calls_active',
      help: 'Calls going on now (whole cluster, from the database)',
      registers,
      async collect() {
        this.set(await sessions.count({ where: { endedAt: IsNull() } }));
      },
    });
    new Gauge({
      name: 'minimeet_call_participants',
      help: 'People in calls now (whole cluster, from the database)',
      registers,
      async collect() {
        this.set(await participants.count({ where: { leftAt: IsNull() } }));
      },
    });
    this.httpRequests = new Counter({
      name: 'minimeet_http_requests_total',
      help: 'HTTP requests answered, by method, route and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'minimeet_http_request_duration_seconds',
      help: 'HTTP request handling time, by method and route',
      labelNames: ['method', 'route'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.errors = new Counter({
      name: 'minimeet_errors_total',
      help: 'Errors answered to clients, by transport (http, socket) and error code',
      labelNames: ['transport', 'code'],
      registers,
      collect() {
        for (const [code, n] of refusedCodes) this.inc({ transport: 'socket', code }, n);
        refusedCodes.clear();
      },
    });
  }

  /** Where the number of open sockets is read at scrape time (the realtime layer sets it). */
  countSocketsWith(count: () => number): void {
    this.socketCount = count;
  }

  /** A socket event arrived; the returned function records its ack (and the error code, if any). */
  socketEvent(event: unknown): (errorCode: string | null) => void {
    const label = eventLabel(event);
    this.eventsReceived.inc({ event: label });
    const stop = this.eventDuration.startTimer({ event: label });
    return (errorCode) => {
      stop();
      if (errorCode !== null) this.errors.inc({ transport: 'socket', code: errorCode });
    };
  }

  /**
   * A socket event refused as it arrived (under overload, tens of thousands a second): counted in
   * plain numbers, added to the received and error counters at scrape time, and not timed.
   */
  socketRefused(event: unknown, errorCode: string): void {
    const label = eventLabel(event);
    this.refusedEvents.set(label, (this.refusedEvents.get(label) ?? 0) + 1);
    this.refusedCodes.set(errorCode, (this.refusedCodes.get(errorCode) ?? 0) + 1);
  }

  /** Express middleware: counts each response when it is sent (guards' refusals included). */
  httpMiddleware() {
    return (req: Request, res: Response, next: NextFunction): void => {
      const stop = this.httpDuration.startTimer();
      res.once('finish', () => {
        const route = routeOf(req);
        stop({ method: req.method, route });
        this.httpRequests.inc({ method: req.method, route, status: String(res.statusCode) });
        const code: unknown = res.locals.errorCode;
        if (typeof code === 'string') this.errors.inc({ transport: 'http', code });
      });
      next();
    };
  }

  @OnDomainEvent(ChatEvent.MessagePosted)
  messageStored(_: MessagePosted): void {
    this.messagesStored.inc();
  }

  metrics(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}

/** The matched route's pattern (`/api/rooms/:id`), never the raw path (unbounded labels). */
function routeOf(req: Request): string {
  const matched = (req as { route?: { path?: unknown } }).route;
  const route = matched?.path;
  return typeof route === 'string' ? `${req.baseUrl}${route}` : 'unmatched';
}
