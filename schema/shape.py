"""How large a document is once its fragments are spread, measured without spreading them.

Twenty fragments each spreading the next one twice make 860 bytes of text that expand to
2^20 copies of the innermost fragment. Whatever walks a document spread by spread does
that much work: Strawberry's depth and alias rules, Strawberry's ``info.selected_fields``
and the planner's ``fields_of``. So the expanded size is measured first, linearly: each
definition's own nodes once, then each fragment's size multiplied by how many times it
is spread (memoized per fragment, with fragment cycles detected on the way).

The unit is one node of the expanded selection: a field, an inline fragment, a fragment
spread, a directive, an argument, or a value inside an argument (each item of a list,
each field of an input object). That is the work Strawberry does per copy (it converts
every argument and directive of every copy).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from graphql import (
    ArgumentNode,
    DirectiveNode,
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    ListValueNode,
    Node,
    ObjectFieldNode,
    ObjectValueNode,
    OperationDefinitionNode,
)

# Sizes stop growing here: past any limit, and small enough to print (2^60 copies of a
# fragment would otherwise be a 19-digit figure, 2^600 a 181-digit one).
SIZE_CAP = 10**15

Definition = OperationDefinitionNode | FragmentDefinitionNode


@dataclass
class _Own:
    """One definition's own nodes (spreads not followed), and the fragments it spreads:
    how many times each, and the first spread of each (where an error points)."""

    size: int = 0
    spreads: dict[str, int] = field(default_factory=dict)
    first: dict[str, FragmentSpreadNode] = field(default_factory=dict)


@dataclass(frozen=True)
class Expansion:
    """A document's size once expanded: ``size`` nodes in all (at most ``SIZE_CAP``),
    ``largest`` the operation (or unused fragment) expanding to the most of them."""

    size: int
    largest: Definition | None


def expansion(document: DocumentNode) -> Expansion:
    """The expanded size of every operation of ``document`` (and of each fragment no
    definition spreads, which validation walks too). Linear in the document.

    Raises a ``GraphQLError`` (worded as graphql-core's own rules word it) for a spread of
    an unknown fragment or a fragment cycle, which have no expansion.
    """
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    own_operations = [_own(operation) for operation in operations]
    own_fragments = {name: _own(fragment) for name, fragment in fragments.items()}
    for own in (*own_operations, *own_fragments.values()):
        for name, spread in own.first.items():
            if name not in fragments:
                raise GraphQLError(f"Unknown fragment '{name}'.", spread.name)
    sizes = _fragment_sizes(own_fragments)

    spread_anywhere = {
        name for own in (*own_operations, *own_fragments.values()) for name in own.spreads
    }
    roots: list[tuple[Definition, int]] = [
        (operation, _expanded(own, sizes))
        for operation, own in zip(operations, own_operations, strict=True)
    ]
    roots += [(fragments[name], sizes[name]) for name in fragments if name not in spread_anywhere]
    total = min(SIZE_CAP, sum(size for _, size in roots))
    largest = max(roots, key=lambda root: root[1])[0] if roots else None
    return Expansion(total, largest)


def _expanded(own: _Own, sizes: dict[str, int]) -> int:
    total = own.size + sum(times * sizes[name] for name, times in own.spreads.items())
    return min(SIZE_CAP, total)


def _own(definition: Definition) -> _Own:
    """Count one definition's nodes without following its spreads (iteratively: a deeply
    nested document must not exhaust the stack)."""
    own = _Own()
    stack: list[Node] = list(reversed(definition.selection_set.selections))
    while stack:
        node = stack.pop()
        own.size += 1
        children: Iterable[Node] = ()
        if isinstance(node, FieldNode):
            selections = node.selection_set.selections if node.selection_set else ()
            children = (*(node.arguments or ()), *(node.directives or ()), *selections)
        elif isinstance(node, InlineFragmentNode):
            children = (*(node.directives or ()), *node.selection_set.selections)
        elif isinstance(node, FragmentSpreadNode):
            name = node.name.value
            own.spreads[name] = own.spreads.get(name, 0) + 1
            own.first.setdefault(name, node)
            children = node.directives or ()
        elif isinstance(node, DirectiveNode):
            children = node.arguments or ()
        elif isinstance(node, ArgumentNode | ObjectFieldNode):
            children = (node.value,)
        elif isinstance(node, ListValueNode):
            children = node.values
        elif isinstance(node, ObjectValueNode):
            children = node.fields
        stack.extend(reversed(tuple(children)))
    return own


def _fragment_sizes(own: dict[str, _Own]) -> dict[str, int]:
    """Every fragment's expanded size, each computed once after the fragments it spreads
    (a depth-first walk with an explicit stack); raises on a cycle."""
    sizes: dict[str, int] = {}
    for start in own:
        if start in sizes:
            continue
        # The fragments being expanded, each with the spreads not yet looked at, and
        # the spread nodes leading from one to the next (for a cycle's message).
        path: list[tuple[str, list[str]]] = [(start, list(reversed(own[start].spreads)))]
        on_path = {start: 0}
        spread_path: list[FragmentSpreadNode] = []
        while path:
            name, pending = path[-1]
            if not pending:
                path.pop()
                del on_path[name]
                if spread_path:
                    spread_path.pop()
                sizes[name] = _expanded(own[name], sizes)
                continue
            target = pending.pop()
            if target in sizes:
                continue
            spread = own[name].first[target]
            if target in on_path:
                raise _cycle(target, [*spread_path[on_path[target] :], spread])
            on_path[target] = len(path)
            spread_path.append(spread)
            path.append((target, list(reversed(own[target].spreads))))
    return sizes


def _cycle(name: str, cycle: Sequence[FragmentSpreadNode]) -> GraphQLError:
    via = ", ".join(f"'{spread.name.value}'" for spread in cycle[:-1])
    return GraphQLError(
        f"Cannot spread fragment '{name}' within itself" + (f" via {via}." if via else "."),
        list(cycle),
    )
