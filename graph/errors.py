"""The project's exceptions. Driver errors never escape ``graph/`` as themselves.

GraphError                      anything raised by the graph layer
├── DatabaseUnavailable         the database cannot be reached (retries exhausted)
├── QueryTimeout                a transaction ran past its timeout (or its request's deadline)
│   └── WriteOutcomeUnknown     a write stopped being waited for: it may still commit
├── QueryTooLarge               the database refused the memory or elements a query needs
├── DatabaseBusy                transient conflicts persisted past the retry budget
├── ConstraintViolation         a write broke a uniqueness constraint
├── NotFoundError               the entity or relationship to change does not exist
├── ConflictError               the change contradicts the graph
├── QueryFailed                 the database rejected a statement (a bug on our side)
└── EngineError                 an engine this process starts could not start or stop
"""

from __future__ import annotations


class GraphError(Exception):
    """Base of every error raised by the graph layer."""


class DatabaseUnavailable(GraphError):
    """The database did not answer within the retry budget."""


class QueryTimeout(GraphError):
    """The database cancelled a transaction that ran past its timeout."""


class WriteOutcomeUnknown(QueryTimeout):
    """The request's deadline passed while a write transaction was under way: the caller
    stopped waiting, but the transaction runs to its end and may commit."""


class QueryTooLarge(GraphError):
    """The database refused a query for the memory or the number of elements it would
    hold (the embedded engine's collect limit, Neo4j's memory pool): ask for less."""


class DatabaseBusy(GraphError):
    """Transient errors (deadlocks, conflicts) outlasted the retry budget."""


class ConstraintViolation(GraphError):
    """A write broke a uniqueness constraint."""


class NotFoundError(GraphError):
    """The entity or relationship to change does not exist."""


class ConflictError(GraphError):
    """The change contradicts the graph (an id that exists, a relationship not allowed)."""


class QueryFailed(GraphError):
    """The database rejected a statement; the detail is for logs, not clients."""


class EngineError(GraphError):
    """The embedded engine failed to start or stop."""
