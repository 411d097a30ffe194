/**
 * Who handles each event kind: every module registers handlers for its own kinds (events.ts lists them
 * with their priorities) when it is built, and the run loop hands each popped event to its handler.
 * Events stay two integers (kind, arg); one kind has exactly one handler.
 */
import { EVENT_NAMES } from "./events.ts";

export type EventHandler = (arg: number, now: number) => void;

export class Dispatch {
  private readonly handlers: (EventHandler | undefined)[] = [];

  on(kind: number, handler: EventHandler): void {
    if (this.handlers[kind] !== undefined)
      throw new Error(`event ${EVENT_NAMES[kind]} already has a handler`);
    this.handlers[kind] = handler;
  }

  run(kind: number, arg: number, now: number): void {
    const handler = this.handlers[kind];
    if (handler === undefined) throw new Error(`no handler for event ${EVENT_NAMES[kind] ?? kind}`);
    handler(arg, now);
  }
}
