"""A filter's matches in their place in the tree, as a file manager's search shows them:
each match under the items above it, which are shown (greyed) even when they do not
match, so that a subtask found by its words still says what it belongs to.

Pure functions over `TreeNode`s (an item, its parent and its position); the model
turns their result into rows. Siblings keep the manual order: position, then id.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from app.store.backlog_query import TreeNode

ROOT = 0  # the key of the top level, as in the model's children table

SiblingKey = tuple[int, int]


def sibling_keys(nodes: Iterable[TreeNode]) -> Iterator[tuple[int, SiblingKey]]:
    """(id, key) pairs: where each item sorts among its siblings."""
    return ((node.id, (node.position, node.id)) for node in nodes)


def context_children(nodes: Iterable[TreeNode]) -> dict[int, list[int]]:
    """Each parent's children among `nodes`, in sibling order; ROOT holds the items
    whose parent is not among them (a top-level item, or one under a parent in the
    trash). ROOT is always there, if only with no children."""
    nodes = list(nodes)
    present = {node.id for node in nodes}
    children: dict[int, list[TreeNode]] = {ROOT: []}
    for node in nodes:
        parent = node.parent_id if node.parent_id in present else ROOT
        children.setdefault(parent or ROOT, []).append(node)
    return {
        parent: [n.id for n in sorted(kids, key=lambda n: (n.position, n.id))]
        for parent, kids in children.items()
    }


def parents_first(nodes: Iterable[TreeNode]) -> list[TreeNode]:
    """`nodes` ordered so that an item comes after every item above it among them:
    the order in which they can be added to a tree one at a time."""
    nodes = list(nodes)
    parent_of = {node.id: node.parent_id for node in nodes}
    depth: dict[int, int] = {}

    def depth_of(item_id: int) -> int:
        found = depth.get(item_id)
        if found is None:
            chain = []
            while item_id in parent_of and item_id not in depth:
                chain.append(item_id)
                item_id = parent_of[item_id] or ROOT
            base = depth.get(item_id, -1)
            for step, above in enumerate(reversed(chain), start=1):
                depth[above] = base + step
            found = depth[chain[0]]
        return found

    return sorted(nodes, key=lambda node: depth_of(node.id))
