/**
 * An exact solver for the matching's transportation problem: groups of interchangeable participants
 * (supply) and groups of interchangeable coaches (capacity), joined by allowed edges each carrying
 * a whole-number match quality. It finds the flow that first matches as many participants as
 * possible and, among those, has the highest total quality (ADR 0006).
 *
 * Method: min-cost max-flow on s → participant group → coach group → t with edge cost
 * `K − quality` (K the highest quality, so costs are ≥ 0; with every unit of flow crossing exactly
 * one participant–coach edge, the cost of a flow of k units is k·K − quality, so the cheapest
 * maximum flow is the best-quality maximum matching). Successive shortest paths with Johnson
 * potentials (Dijkstra on reduced costs, with a bucket queue); each phase then augments along all
 * shortest paths at once with Dinic blocking flows on the zero-reduced-cost edges (primal–dual).
 * Every augmentation is a shortest path in the residual graph, which keeps the flow min-cost for
 * its size at every step.
 */

export interface TransportProblem {
  /** Participants in each participant group. */
  supply: Int32Array;
  /** Places left in each coach group. */
  capacity: Int32Array;
  /** Edges of participant group i are edgeStart[i] .. edgeStart[i + 1] - 1 (CSR). */
  edgeStart: Int32Array;
  /** The coach group each edge leads to. */
  edgeTo: Int32Array;
  /** The match quality of each edge (whole points, ≥ 0). */
  edgeQuality: Int32Array;
}

export interface TransportSolution {
  /** Participants sent along each edge. */
  flow: Int32Array;
  matched: number;
  totalQuality: number;
  /** Shortest-path phases (distinct marginal costs), for the benchmark. */
  phases: number;
}

/**
 * A bucket queue for Dijkstra (Dial's algorithm): reduced costs are whole numbers, so distances are
 * too, and pushing a node is O(1). A node may sit in several buckets; stale entries are skipped.
 */
class Buckets {
  private readonly lists: number[][] = [];
  private top = -1;
  push(v: number, d: number): void {
    (this.lists[d] ??= []).push(v);
    if (d > this.top) this.top = d;
  }
  /** The bucket for distance d (entries may be added to it while it is read). */
  at(d: number): number[] | undefined {
    return this.lists[d];
  }
  get maxDistance(): number {
    return this.top;
  }
  clear(): void {
    for (let d = 0; d <= this.top; d++) if (this.lists[d]) this.lists[d]!.length = 0;
    this.top = -1;
  }
}

/** Distance of a node not reached (yet): above any path's length, and safe to add a cost to in 32 bits. */
const UNREACHED = 0x3fffffff;

// Arc kinds on a path: source → participant group, participant group → coach group (an edge),
// coach group → participant group (undoing flow on an edge), coach group → sink.
const FROM_SOURCE = 0;
const FORWARD = 1;
const BACKWARD = 2;
const TO_SINK = 3;

/** Solves the transportation problem exactly: most participants matched, then highest total quality. */
export function solveTransport(pb: TransportProblem): TransportSolution {
  const P = pb.supply.length;
  const C = pb.capacity.length;
  const m = pb.edgeTo.length;
  const { supply, capacity, edgeStart, edgeTo, edgeQuality } = pb;

  let K = 0;
  for (let e = 0; e < m; e++) if (edgeQuality[e]! > K) K = edgeQuality[e]!;
  const edgeFrom = new Int32Array(m);
  for (let i = 0; i < P; i++) for (let e = edgeStart[i]!; e < edgeStart[i + 1]!; e++) edgeFrom[e] = i;

  // Nodes: 0 = source, 1..P participant groups, P+1..P+C coach groups, P+C+1 = sink.
  const S = 0;
  const T = P + C + 1;
  const N = P + C + 2;
  const pNode = (i: number) => 1 + i;
  const cNode = (j: number) => 1 + P + j;

  const out = new Int32Array(P); // flow leaving the source into each participant group
  const into = new Int32Array(C); // flow from each coach group into the sink
  const flow = new Int32Array(m);
  // Whole numbers throughout: costs, potentials and distances (UNREACHED stands for infinity).
  const potential = new Int32Array(N);
  // Edges of each coach group carrying flow (their reverse arcs are in the residual graph).
  const carrying: number[][] = Array.from({ length: C }, () => []);
  const isCarrying = new Uint8Array(m);

  const dist = new Int32Array(N);
  const done = new Uint8Array(N);
  const buckets = new Buckets();
  const level = new Int32Array(N);
  const cursor = new Int32Array(N);
  const queue = new Int32Array(N);
  // Admissible (zero reduced cost) forward edges of each participant group, rebuilt each phase.
  const admStart = new Int32Array(P + 1);
  const adm = new Int32Array(m);

  const edgeCost = new Int32Array(m);
  for (let e = 0; e < m; e++) edgeCost[e] = K - edgeQuality[e]!;
  const edgeNode = new Int32Array(m);
  for (let e = 0; e < m; e++) edgeNode[e] = cNode(edgeTo[e]!);
  const cost = (e: number) => edgeCost[e]!;

  /** Dijkstra on reduced costs; updates the potentials. False when the sink is unreachable. */
  const shortestPaths = (): boolean => {
    dist.fill(UNREACHED);
    done.fill(0);
    buckets.clear();
    dist[S] = 0;
    buckets.push(S, 0);
    const relax = (v: number, d: number) => {
      if (d < dist[v]!) {
        dist[v] = d;
        buckets.push(v, d);
      }
    };
    let reached = false;
    for (let d = 0; d <= buckets.maxDistance && !reached; d++) {
      const bucket = buckets.at(d);
      if (!bucket) continue;
      for (let k = 0; k < bucket.length; k++) {
        const u = bucket[k]!;
        if (done[u] || dist[u] !== d) continue;
        done[u] = 1;
        if (u === T) {
          reached = true;
          break;
        }
        const pu = potential[u]!;
        if (u === S) {
          for (let i = 0; i < P; i++) if (supply[i]! - out[i]! > 0) relax(pNode(i), d + pu - potential[pNode(i)]!);
        } else if (u <= P) {
          const i = u - 1;
          const base = d + pu;
          const end = edgeStart[i + 1]!;
          for (let e = edgeStart[i]!; e < end; e++) {
            const v = edgeNode[e]!;
            const dv = base + edgeCost[e]! - potential[v]!;
            if (dv < dist[v]!) {
              dist[v] = dv;
              buckets.push(v, dv);
            }
          }
        } else {
          const j = u - 1 - P;
          if (capacity[j]! - into[j]! > 0) relax(T, d + pu - potential[T]!);
          const list = carrying[j]!;
          let keep = 0;
          for (let k2 = 0; k2 < list.length; k2++) {
            const e = list[k2]!;
            if (flow[e]! === 0) {
              isCarrying[e] = 0;
              continue;
            }
            list[keep++] = e;
            const v = pNode(edgeFrom[e]!);
            relax(v, d - cost(e) + pu - potential[v]!);
          }
          list.length = keep;
        }
      }
    }
    if (!reached) return false;
    const dT = dist[T]!;
    for (let v = 0; v < N; v++) potential[v] = potential[v]! + Math.min(dist[v]!, dT);
    return true;
  };

  const buildAdmissible = () => {
    let k = 0;
    for (let i = 0; i < P; i++) {
      admStart[i] = k;
      const pi = potential[pNode(i)]!;
      const end = edgeStart[i + 1]!;
      for (let e = edgeStart[i]!; e < end; e++) if (edgeCost[e]! + pi === potential[edgeNode[e]!]!) adm[k++] = e;
    }
    admStart[P] = k;
  };

  /** Levels over the admissible residual arcs; true when the sink is reached. */
  const levels = (): boolean => {
    level.fill(-1);
    level[S] = 0;
    let head = 0;
    let tail = 0;
    queue[tail++] = S;
    while (head < tail) {
      const u = queue[head++]!;
      const next = level[u]! + 1;
      const visit = (v: number) => {
        if (level[v]! < 0) {
          level[v] = next;
          queue[tail++] = v;
        }
      };
      if (u === S) {
        for (let i = 0; i < P; i++) if (supply[i]! - out[i]! > 0 && potential[S]! === potential[pNode(i)]!) visit(pNode(i));
      } else if (u <= P) {
        const i = u - 1;
        for (let k = admStart[i]!; k < admStart[i + 1]!; k++) visit(cNode(edgeTo[adm[k]!]!));
      } else if (u !== T) {
        const j = u - 1 - P;
        if (capacity[j]! - into[j]! > 0 && potential[u]! === potential[T]!) visit(T);
        for (const e of carrying[j]!) {
          const v = pNode(edgeFrom[e]!);
          if (flow[e]! > 0 && potential[u]! - cost(e) === potential[v]!) visit(v);
        }
      }
    }
    return level[T]! >= 0;
  };

  const stackNode = new Int32Array(N + 1);
  const stackKind = new Int32Array(N + 1);
  const stackArc = new Int32Array(N + 1);

  /** One augmenting path in the level graph (current-arc DFS); returns the units pushed, 0 when blocked. */
  const augmentOne = (): number => {
    let depth = 0;
    stackNode[0] = S;
    for (;;) {
      const u = stackNode[depth]!;
      if (u === T) {
        let f = Infinity;
        for (let d = 0; d < depth; d++) {
          const a = stackArc[d]!;
          const kind = stackKind[d]!;
          const r =
            kind === FROM_SOURCE
              ? supply[a]! - out[a]!
              : kind === BACKWARD
                ? flow[a]!
                : kind === TO_SINK
                  ? capacity[a]! - into[a]!
                  : Infinity;
          if (r < f) f = r;
        }
        for (let d = 0; d < depth; d++) {
          const a = stackArc[d]!;
          switch (stackKind[d]!) {
            case FROM_SOURCE:
              out[a] = out[a]! + f;
              break;
            case FORWARD:
              flow[a] = flow[a]! + f;
              if (!isCarrying[a]) {
                isCarrying[a] = 1;
                carrying[edgeTo[a]!]!.push(a);
              }
              break;
            case BACKWARD:
              flow[a] = flow[a]! - f;
              break;
            case TO_SINK:
              into[a] = into[a]! + f;
              break;
          }
        }
        return f;
      }
      const want = level[u]! + 1;
      let kind = -1;
      let arc = -1;
      let v = -1;
      if (u === S) {
        while (cursor[S]! < P) {
          const i = cursor[S]!;
          const w = pNode(i);
          if (supply[i]! - out[i]! > 0 && level[w] === want && potential[S]! === potential[w]!) {
            kind = FROM_SOURCE;
            arc = i;
            v = w;
            break;
          }
          cursor[S] = i + 1;
        }
      } else if (u <= P) {
        const i = u - 1;
        while (cursor[u]! < admStart[i + 1]!) {
          const e = adm[cursor[u]!]!;
          const w = cNode(edgeTo[e]!);
          if (level[w] === want) {
            kind = FORWARD;
            arc = e;
            v = w;
            break;
          }
          cursor[u] = cursor[u]! + 1;
        }
      } else {
        const j = u - 1 - P;
        const list = carrying[j]!;
        for (;;) {
          const k = cursor[u]!;
          if (k === 0) {
            if (capacity[j]! - into[j]! > 0 && level[T] === want && potential[u]! === potential[T]!) {
              kind = TO_SINK;
              arc = j;
              v = T;
              break;
            }
            cursor[u] = 1;
            continue;
          }
          if (k - 1 >= list.length) break;
          const e = list[k - 1]!;
          const w = pNode(edgeFrom[e]!);
          if (flow[e]! > 0 && level[w] === want && potential[u]! - cost(e) === potential[w]!) {
            kind = BACKWARD;
            arc = e;
            v = w;
            break;
          }
          cursor[u] = k + 1;
        }
      }
      if (kind < 0) {
        // Dead end: nothing more leaves u in this level graph.
        level[u] = -1;
        if (depth === 0) return 0;
        depth--;
        const parent = stackNode[depth]!;
        cursor[parent] = cursor[parent]! + 1;
        continue;
      }
      stackKind[depth] = kind;
      stackArc[depth] = arc;
      depth++;
      stackNode[depth] = v;
    }
  };

  const resetCursors = () => {
    cursor[S] = 0;
    for (let i = 0; i < P; i++) cursor[pNode(i)] = admStart[i]!;
    for (let j = 0; j < C; j++) cursor[cNode(j)] = 0;
  };

  let phases = 0;
  while (shortestPaths()) {
    phases++;
    buildAdmissible();
    let pushed = 0;
    while (levels()) {
      resetCursors();
      for (let f = augmentOne(); f > 0; f = augmentOne()) pushed += f;
    }
    // A shortest path found by Dijkstra is made of zero-reduced-cost arcs, so a phase always pushes
    // flow; if it did not, looping again would find the same path forever.
    if (pushed === 0) throw new Error('matching solver made no progress');
  }

  let matched = 0;
  let totalQuality = 0;
  for (let e = 0; e < m; e++) {
    matched += flow[e]!;
    totalQuality += flow[e]! * edgeQuality[e]!;
  }
  return { flow, matched, totalQuality, phases };
}
