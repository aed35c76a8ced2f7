/**
 * Perfect negotiation needs exactly one polite side per pair, decided the same way on both ends.
 * The peer with the smaller peerId is polite (it yields on offer glare); the other one, impolite,
 * also makes the first offer so a new pair starts without any glare at all.
 */
export function isPolite(selfPeerId: string, remotePeerId: string): boolean {
  if (selfPeerId === remotePeerId) throw new Error('A peer cannot negotiate with itself');
  return selfPeerId < remotePeerId;
}

/** The impolite side of a pair opens the first negotiation. */
export function makesFirstOffer(selfPeerId: string, remotePeerId: string): boolean {
  return !isPolite(selfPeerId, remotePeerId);
}
