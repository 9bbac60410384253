"""A stand-in for ``graph.db.Database`` that records every statement instead of sending it.

It offers what reads (``graph.reads``) and writes (``graph.writes``) call: ``read``,
``capabilities``, ``write`` and ``transaction`` (whose ``Tx`` has ``run``). Each statement is
answered with the next canned rows the case gave, or, once those run out, with the least a
caller accepts: no rows, except for a connection, whose statement always returns one row.
The history's record statement is answered with its numbers, as the counter would.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from graph import history
from graph.capabilities import Capabilities

Row = dict[str, Any]
T = TypeVar("T")


@dataclass(frozen=True)
class Sent:
    """One statement as the database would have received it."""

    kind: str  # "read" (routed to readers) or "write" (inside a write transaction)
    text: str
    params: dict[str, Any]


class RecordingDatabase:
    def __init__(self, caps: Capabilities, answers: Sequence[list[Row]] = ()) -> None:
        self.caps = caps
        self.answers = list(answers)
        self.sent: list[Sent] = []
        self.answered = 0
        self.recorded = 0

    def _answer(self, kind: str, text: str, params: Any) -> list[Row]:
        self.sent.append(Sent(kind, text, dict(params or {})))
        if text == history.RECORD:
            # The history's numbers, as the counter would give them (not a canned answer:
            # cases list the answers of the statements they are about).
            return [{"seq": self.recorded + i + 1} for i in range(len(params["changes"]))]
        self.answered += 1
        if self.answered <= len(self.answers):
            return self.answers[self.answered - 1]
        # graph.reads.page reads rows[0]: a connection's statement always returns a row.
        if " AS items, " in text:
            return [{"items": [], "total": 0}]
        return []

    async def capabilities(self, *, known: bool = False) -> Capabilities:
        return self.caps

    async def read(self, query: str, params: Any = None) -> list[Row]:
        return self._answer("read", query, params)

    async def transaction(self, work: Callable[[RecordingTx], Awaitable[T]]) -> T:
        return await work(RecordingTx(self))

    async def write(self, statements: Sequence[tuple[str, Any]], **_: Any) -> list[list[Row]]:
        async def work(tx: RecordingTx) -> list[list[Row]]:
            return [await tx.run(query, params) for query, params in statements]

        return await self.transaction(work)


class RecordingTx:
    def __init__(self, db: RecordingDatabase) -> None:
        self._db = db

    async def run(self, query: str, params: Any = None) -> list[Row]:
        return self._db._answer("write", query, params)
