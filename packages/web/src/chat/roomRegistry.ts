import type { ChatMessage } from '@minimeet/contract';
import {
  createRoomController,
  type RoomController,
  type RoomControllerDeps,
} from './roomController';

interface Slot {
  controller: RoomController;
  retains: number;
  deactivate?: () => void;
  disposeTimer?: ReturnType<typeof setTimeout>;
}

/**
 * One controller per open room, shared by the components showing it. A room is left a moment
 * after its last user lets go, so a quick remount (React StrictMode) does not leave and rejoin.
 */
export function createRoomRegistry(deps: RoomControllerDeps, graceMs = 0) {
  const slots = new Map<string, Slot>();

  function slotFor(roomId: string): Slot {
    let slot = slots.get(roomId);
    if (!slot) {
      slot = { controller: createRoomController(roomId, deps), retains: 0 };
      slots.set(roomId, slot);
    }
    return slot;
  }

  return {
    get: (roomId: string): RoomController => slotFor(roomId).controller,
    /** Activates the controller (if needed) until the returned function is called. */
    retain: (controller: RoomController): (() => void) => {
      const { roomId } = controller;
      let slot = slots.get(roomId);
      if (!slot || (slot.controller !== controller && slot.retains === 0)) {
        slot?.deactivate?.();
        clearTimeout(slot?.disposeTimer);
        slot = { controller, retains: 0 };
        slots.set(roomId, slot);
      }
      clearTimeout(slot.disposeTimer);
      slot.retains += 1;
      slot.deactivate ??= slot.controller.activate();
      const owned = slot;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        owned.retains -= 1;
        if (owned.retains > 0) return;
        owned.disposeTimer = setTimeout(() => {
          if (owned.retains > 0) return;
          owned.deactivate?.();
          owned.deactivate = undefined;
          if (slots.get(roomId) === owned) slots.delete(roomId);
        }, graceMs);
      };
    },
    /** A message we sent was stored: show it in its room if the room is open. */
    deliver: (message: ChatMessage): void => {
      slots.get(message.roomId)?.controller.deliver(message);
    },
  };
}
