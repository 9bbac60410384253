"""Who is asking, and what they may do: roles checked by the resolvers."""

from __future__ import annotations

import time
from dataclasses import dataclass

from graph.settings import Role
from resolvers.errors import ApiError

RANK = {Role.READER: 1, Role.EDITOR: 2}


@dataclass(frozen=True)
class Principal:
    subject: str
    role: Role
    # When its token expires (seconds since the epoch; None: an API key, which does not).
    # A request ends before it matters; a WebSocket may outlive it (web.sockets).
    expires: float | None = None

    def may(self, role: Role) -> bool:
        return RANK[self.role] >= RANK[role]

    def expired(self) -> bool:
        return self.expires is not None and time.time() >= self.expires


class Forbidden(ApiError):
    code = "FORBIDDEN"


class Unauthenticated(ApiError):
    code = "UNAUTHENTICATED"


def require(principal: Principal | None, role: Role) -> Principal:
    """The principal, if it holds ``role``; otherwise a clear, safe error."""
    if principal is None:
        raise Unauthenticated(f"This needs a bearer token with the {role.value} role.")
    if not principal.may(role):
        raise Forbidden(f"This needs the {role.value} role; your token has {principal.role.value}.")
    return principal
