"""Bearer tokens: JWTs verified with the configured key (PyJWT) and configured API keys,
each carrying a role (``reader`` or ``editor``)."""

from __future__ import annotations

import hmac

import jwt

from graph.settings import Role, Settings, hmac_algorithm, public_key
from resolvers.auth import Principal

ROLE_CLAIM = "role"


class AuthFailed(Exception):
    """The request's credentials are invalid; the message is safe to show."""


class Authenticator:
    def __init__(self, settings: Settings) -> None:
        self.api_keys = settings.api_key_roles()
        self.jwt_key = settings.jwt_key.get_secret_value() if settings.jwt_key else None
        # Only the algorithms of the key's kind, even if settings listing both kinds got
        # past their validation: an HMAC algorithm never runs with a public key as its
        # secret (the algorithm-confusion attack), nor a public-key one with a secret.
        asymmetric = self.jwt_key is not None and public_key(self.jwt_key)
        self.algorithms = [
            name for name in settings.jwt_algorithm_list() if hmac_algorithm(name) != asymmetric
        ]
        self.audience = settings.jwt_audience
        self.issuer = settings.jwt_issuer

    def authenticate(self, authorization: str | None) -> Principal | None:
        """The principal behind an ``Authorization`` header; None without one."""
        if not authorization:
            return None
        scheme, _, token = authorization.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise AuthFailed("Use `Authorization: Bearer <token>`.")
        token = token.strip()
        for index, (key, role) in enumerate(self.api_keys):
            if hmac.compare_digest(token.encode(), key.encode()):
                return Principal(f"api-key-{index + 1}", role)
        if self.jwt_key is None or token.count(".") != 2:
            raise AuthFailed("The token is not valid.")
        return self._jwt(token)

    def _jwt(self, token: str) -> Principal:
        assert self.jwt_key is not None
        try:
            claims = jwt.decode(
                token,
                self.jwt_key,
                algorithms=self.algorithms,
                audience=self.audience,
                issuer=self.issuer,
                options={"require": ["exp", "sub"]},
            )
        except jwt.ExpiredSignatureError:
            raise AuthFailed("The token has expired.") from None
        except jwt.PyJWTError:  # a bad token, or one no configured key may verify
            raise AuthFailed("The token is not valid.") from None
        try:
            role = Role(str(claims.get(ROLE_CLAIM, "")))
        except ValueError:
            raise AuthFailed("The token carries no ipgraph role (reader or editor).") from None
        return Principal(str(claims["sub"]), role, expires=float(claims["exp"]))


class Gate:
    """Admission for every endpoint that reads the graph (``/graphql``, ``/export``): the
    same tokens, and the same rule on whether reads need one."""

    def __init__(self, settings: Settings) -> None:
        self.authenticator = Authenticator(settings)
        self.token_required = settings.reads_require_token

    def admit(self, authorization: str | None, *, static_page: bool = False) -> Principal | None:
        """The principal (None: anonymous and allowed), or ``AuthFailed``.

        ``static_page``: the request only fetches a page whose own requests carry the token.
        """
        principal = self.authenticator.authenticate(authorization)
        if principal is None and self.token_required and not static_page:
            raise AuthFailed("This server needs a bearer token.")
        return principal
