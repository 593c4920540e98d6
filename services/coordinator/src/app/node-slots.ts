/**
 * Back-pressure towards the signers: each node runs at most `perNode` sessions from this
 * coordinator at once (a node refuses proposals beyond its own limit). A session needs a slot
 * on every member; waiters are served first come, first served, each taking all of its slots at
 * once, so two sessions never hold half of each other's nodes.
 */
export class NodeSlots {
  readonly #perNode: number;
  readonly #used = new Map<string, number>();
  readonly #waiting: { nodes: readonly string[]; grant: () => void }[] = [];

  constructor(perNode: number) {
    if (!Number.isSafeInteger(perNode) || perNode < 1) throw new RangeError('perNode must be >= 1');
    this.#perNode = perNode;
  }

  /** Waits for a slot on every node, then resolves to the function that gives them back. */
  async acquire(nodes: readonly string[]): Promise<() => void> {
    if (this.#waiting.length === 0 && this.#free(nodes)) this.#take(nodes);
    else await new Promise<void>((grant) => this.#waiting.push({ nodes, grant }));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      for (const n of nodes) this.#used.set(n, (this.#used.get(n) ?? 1) - 1);
      this.#serve();
    };
  }

  /** Sessions this coordinator runs on `node` now. */
  inUse(node: string): number {
    return this.#used.get(node) ?? 0;
  }

  #free(nodes: readonly string[]): boolean {
    return nodes.every((n) => (this.#used.get(n) ?? 0) < this.#perNode);
  }

  #take(nodes: readonly string[]): void {
    for (const n of nodes) this.#used.set(n, (this.#used.get(n) ?? 0) + 1);
  }

  #serve(): void {
    while (this.#waiting.length > 0 && this.#free(this.#waiting[0]!.nodes)) {
      const next = this.#waiting.shift()!;
      this.#take(next.nodes);
      next.grant();
    }
  }
}
