/**
 * First occurrence of each lead ID: open addressing over an Int32Array sized for every row up front
 * (so it never grows past half full). A Map of a million fresh strings costs several times more.
 * While the IDs arrive in increasing order (CRM exports are usually sorted by ID), each new one is
 * greater than every earlier one and so cannot repeat: the table is filled only when that stops.
 */
export class IdIndex {
  /** Pairs (hash, lead + 1) per slot: a probe compares hashes in place and reads an ID string only on a hash match. */
  private readonly slots: Int32Array;
  private readonly mask: number;
  private increasing = true;
  private last = '';

  constructor(
    private readonly ids: readonly string[],
    maxEntries: number,
  ) {
    let n = 16;
    while (n < maxEntries * 2) n *= 2;
    this.slots = new Int32Array(n * 2);
    this.mask = n - 1;
  }

  /** Lead index of an earlier lead with this ID, or -1 after recording `lead` as its first occurrence (ids[lead] = id). */
  firstOrAdd(id: string, lead: number): number {
    if (this.increasing) {
      if (id > this.last) {
        this.last = id;
        return -1;
      }
      this.increasing = false;
      // Every earlier non-blank ID went through here and was distinct.
      for (let j = 0; j < lead; j++) if (this.ids[j] !== '') this.insert(this.ids[j], j);
    }
    return this.insert(id, lead);
  }

  private insert(id: string, lead: number): number {
    let h = 0x811c9dc5;
    for (let i = 0; i < id.length; i++) h = Math.imul(h ^ id.charCodeAt(i), 0x01000193);
    const slots = this.slots;
    let i = h & this.mask;
    for (;;) {
      const slot = slots[2 * i + 1];
      if (slot === 0) break;
      if (slots[2 * i] === h && this.ids[slot - 1] === id) return slot - 1;
      i = (i + 1) & this.mask;
    }
    slots[2 * i] = h;
    slots[2 * i + 1] = lead + 1;
    return -1;
  }
}
