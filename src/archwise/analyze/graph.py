"""Module graphs: grouping at a depth, cycles (Tarjan), feedback arc sets, coupling metrics."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

EXACT_FAS_LIMIT = 12
MAX_KEY_PARTS = 8  # deepest folder a per-service depth may be keyed by


@dataclass(frozen=True)
class Import:
    """One import of one module by another (file-level names), with where it is written."""

    source: str
    target: str
    file: str
    line: int | None


def separator(name: str) -> str:
    """'/' for path-named modules (JS, Go, Rust), '.' for dotted ones (Python, Java)."""
    return "/" if "/" in name else "."


# a fixed depth, or a depth per top-level name (what auto_depths returns)
Depth = int | Mapping[str, int]


def group(name: str, depth: Depth) -> str:
    """The module a name belongs to at a depth ('a.b.c', 2 -> 'a.b'; 'src/x/y', 2 -> 'src/x')."""
    sep = separator(name)
    parts = name.split(sep)
    if isinstance(depth, int):
        return sep.join(parts[:depth])
    d = depth.get(parts[0], 1)
    # a longer key (a service's folder) overrides its top-level name's depth
    for k in range(min(len(parts), MAX_KEY_PARTS), 1, -1):
        hit = depth.get(sep.join(parts[:k]))
        if hit is not None:
            d = hit
            break
    return sep.join(parts[:d])


def deeper(depth: Depth) -> Depth:
    """One level deeper than depth."""
    if isinstance(depth, int):
        return depth + 1
    return {k: v + 1 for k, v in depth.items()}


def auto_depths(names: Iterable[str]) -> dict[str, int]:
    """For each top-level name, one level below the prefix its modules share."""
    by_top: dict[str, list[str]] = defaultdict(list)
    for n in names:
        by_top[n.split(separator(n))[0]].append(n)
    return {
        top: _below_common([m.split(separator(m)) for m in members])
        for top, members in sorted(by_top.items())
    }


def scoped_depths(groups: Iterable[Iterable[str]]) -> dict[str, int]:
    """For each group of modules (one service's), its shared prefix -> one level below it."""
    out: dict[str, int] = {}
    for members in groups:
        split = [m.split(separator(m)) for m in members]
        if len(split) < 2:
            continue
        common: list[str] = []
        for parts in zip(*split, strict=False):
            if all(p == parts[0] for p in parts):
                common.append(parts[0])
            else:
                break
        if 2 <= len(common) <= MAX_KEY_PARTS:
            sep = separator(next(iter(members)))
            out[sep.join(common)] = _below_common(split)
    return out


def auto_depth(names: Iterable[str]) -> int:
    """One level below the longest prefix the names share (so one package splits into parts).

    Dotted and path names are two families; the larger one decides.
    """
    pool = list(names)
    dotted = [n for n in pool if separator(n) == "."]
    paths = [n for n in pool if separator(n) == "/"]
    family = dotted if len(dotted) >= len(paths) else paths
    return _below_common([n.split(separator(n)) for n in family])


def _below_common(split: list[list[str]]) -> int:
    if not split:
        return 1
    common = 0
    for parts in zip(*split, strict=False):
        if all(p == parts[0] for p in parts):
            common += 1
        else:
            break
    longest = max(len(p) for p in split)
    return max(1, min(common + 1, longest))


def matches(module: str, pattern: str) -> bool:
    """True when a module is pattern, lies inside it, or matches it as a glob."""
    from fnmatch import fnmatchcase

    if module == pattern:
        return True
    for sep in (".", "/"):
        if module.startswith(pattern + sep):
            return True
    return any(c in pattern for c in "*?[") and fnmatchcase(module, pattern)


@dataclass
class ModuleGraph:
    """Modules at one depth and the weighted edges between them."""

    depth: Depth
    nodes: list[str]
    edges: dict[tuple[str, str], list[Import]] = field(default_factory=dict)

    def adjacency(self) -> dict[str, set[str]]:
        """Targets of each node."""
        adj: dict[str, set[str]] = {n: set() for n in self.nodes}
        for s, t in self.edges:
            adj[s].add(t)
        return adj


def grouper(depth: Depth) -> Callable[[str], str]:
    """group at one depth, remembering each name's module (callers ask for many names twice)."""
    memo: dict[str, str] = {}

    def grp(name: str) -> str:
        hit = memo.get(name)
        if hit is None:
            hit = memo[name] = group(name, depth)
        return hit

    return grp


def build(
    nodes: Iterable[str],
    imports: Iterable[Import],
    depth: Depth,
    grp: Callable[[str], str] | None = None,
) -> ModuleGraph:
    """Group file-level modules at a depth; imports inside one module are not edges."""
    grp = grp or grouper(depth)

    grouped = sorted({grp(n) for n in nodes})
    edges: dict[tuple[str, str], list[Import]] = defaultdict(list)
    for imp in imports:
        s, t = grp(imp.source), grp(imp.target)
        if s != t:
            edges[(s, t)].append(imp)
    known = set(grouped)
    for s, t in edges:
        known.update((s, t))
    return ModuleGraph(depth, sorted(known), dict(sorted(edges.items())))


def strongly_connected(adj: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Tarjan's strongly connected components with more than one node (iterative), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    out: list[list[str]] = []
    counter = 0
    succ = {n: sorted(v) for n, v in adj.items()}
    for start in sorted(adj):
        if start in index:
            continue
        work: list[tuple[str, int]] = [(start, 0)]
        while work:
            node, i = work.pop()
            if i == 0:
                index[node] = low[node] = counter
                counter += 1
                stack.append(node)
                on_stack.add(node)
            targets = succ.get(node, [])
            recurse = False
            while i < len(targets):
                nxt = targets[i]
                i += 1
                if nxt not in index:
                    work.append((node, i))
                    work.append((nxt, 0))
                    recurse = True
                    break
                if nxt in on_stack:
                    low[node] = min(low[node], index[nxt])
            if recurse:
                continue
            if low[node] == index[node]:
                comp: list[str] = []
                while True:
                    w = stack.pop()
                    on_stack.discard(w)
                    comp.append(w)
                    if w == node:
                        break
                if len(comp) > 1:
                    out.append(sorted(comp))
            if work:
                parent = work[-1][0]
                low[parent] = min(low[parent], low[node])
    return sorted(out)


def feedback_arcs(
    nodes: list[str], weights: Mapping[tuple[str, str], int]
) -> tuple[list[tuple[str, str]], bool]:
    """Fewest edges whose removal makes a strongly connected set acyclic (ties: lightest).

    Exact (dynamic programming over orderings) up to EXACT_FAS_LIMIT nodes, else the
    Eades-Lin-Smyth greedy order improved by local search; the flag says which.
    """
    inside = {(s, t): w for (s, t), w in weights.items() if s in nodes and t in nodes and s != t}
    if len(nodes) <= EXACT_FAS_LIMIT:
        order = _exact_order(nodes, inside)
        exact = True
    else:
        order = _sift(_greedy_order(nodes, inside), inside)
        exact = False
    pos = {n: i for i, n in enumerate(order)}
    back = sorted((s, t) for (s, t) in inside if pos[s] > pos[t])
    return back, exact


def _exact_order(nodes: list[str], weights: Mapping[tuple[str, str], int]) -> list[str]:
    n = len(nodes)
    idx = {v: i for i, v in enumerate(nodes)}
    scale = sum(weights.values()) + 1
    # out_edges[v]: (bit of target, cost) for each edge v -> target
    out_edges: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for (s, t), w in weights.items():
        out_edges[idx[s]].append((1 << idx[t], scale + w))
    full = (1 << n) - 1
    best = [0] + [-1] * full
    choice = [0] * (full + 1)
    for mask in range(full + 1):
        base = best[mask]
        if base < 0:
            continue
        for v in range(n):
            bit = 1 << v
            if mask & bit:
                continue
            cost = base + sum(c for b, c in out_edges[v] if mask & b)
            new = mask | bit
            if best[new] < 0 or cost < best[new]:
                best[new] = cost
                choice[new] = v
    order: list[str] = []
    mask = full
    while mask:
        v = choice[mask]
        order.append(nodes[v])
        mask &= ~(1 << v)
    order.reverse()
    return order


SIFT_LIMIT = 300  # nodes; beyond this the local search costs more than it is worth


def _sift(order: list[str], weights: Mapping[tuple[str, str], int]) -> list[str]:
    """Local search: move single nodes to the position with fewest backward edges, until stable."""
    if len(order) > SIFT_LIMIT:
        return order
    scale = sum(weights.values()) + 1
    out: dict[str, list[tuple[str, int]]] = defaultdict(list)
    inc: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for (s, t), w in weights.items():
        out[s].append((t, scale + w))
        inc[t].append((s, scale + w))
    order = list(order)
    for _ in range(20):
        improved = False
        for v in list(order):
            rest = [n for n in order if n != v]
            pos = {n: i for i, n in enumerate(rest)}
            # cost of putting v at slot k: edges v->u with u before k, and u->v with u at or after k
            delta = [0] * (len(rest) + 1)
            base = 0
            for u, c in inc[v]:
                base += c  # every u->v is backward while v sits at slot 0
                delta[pos[u] + 1] -= c
            for u, c in out[v]:
                delta[pos[u] + 1] += c
            best_k, best, run = 0, base, base
            for k in range(1, len(rest) + 1):
                run += delta[k]
                if run < best:
                    best_k, best = k, run
            current = order.index(v)
            cur_cost = base + sum(delta[1 : current + 1])
            if best < cur_cost:
                rest.insert(best_k, v)
                order = rest
                improved = True
        if not improved:
            break
    return order


def _greedy_order(nodes: list[str], weights: Mapping[tuple[str, str], int]) -> list[str]:
    out: dict[str, dict[str, int]] = {v: {} for v in nodes}
    inc: dict[str, dict[str, int]] = {v: {} for v in nodes}
    for (s, t), w in weights.items():
        out[s][t] = w
        inc[t][s] = w
    alive = set(nodes)
    head: list[str] = []
    tail: list[str] = []

    def drop(v: str) -> None:
        alive.discard(v)
        for t in out[v]:
            inc[t].pop(v, None)
        for s in inc[v]:
            out[s].pop(v, None)

    while alive:
        changed = True
        while changed:
            changed = False
            for v in sorted(alive):
                if not out[v]:
                    tail.append(v)
                    drop(v)
                    changed = True
                elif not inc[v]:
                    head.append(v)
                    drop(v)
                    changed = True
        if alive:
            v = max(sorted(alive), key=lambda x: len(out[x]) - len(inc[x]))
            head.append(v)
            drop(v)
    return head + list(reversed(tail))


@dataclass
class ModuleMetrics:
    """Coupling and shape of one module (Martin's package metrics)."""

    module: str
    fan_in: int
    fan_out: int
    instability: float
    abstractness: float
    distance: float
    types: int
    abstract_types: int


def metrics(
    graph: ModuleGraph, types: Mapping[str, tuple[int, int]] | None = None
) -> list[ModuleMetrics]:
    """Fan-in, fan-out, instability I=Ce/(Ca+Ce), abstractness A and distance |A+I-1| per module.

    types maps a module (at the graph's depth) to (type declarations, abstract ones among them).
    """
    fan_in: dict[str, set[str]] = defaultdict(set)
    fan_out: dict[str, set[str]] = defaultdict(set)
    for s, t in graph.edges:
        fan_out[s].add(t)
        fan_in[t].add(s)
    out: list[ModuleMetrics] = []
    for node in graph.nodes:
        ca, ce = len(fan_in[node]), len(fan_out[node])
        inst = ce / (ca + ce) if ca + ce else 0.0
        total, abstract = (types or {}).get(node, (0, 0))
        abst = abstract / total if total else 0.0
        out.append(
            ModuleMetrics(
                node,
                ca,
                ce,
                round(inst, 4),
                round(abst, 4),
                round(abs(abst + inst - 1), 4),
                total,
                abstract,
            )
        )
    return out
