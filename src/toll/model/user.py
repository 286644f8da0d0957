"""Users and their roles: who may see and change what."""

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from toll.model.base import Base, Created, utcnow

# What each role may do, from least to most.
ROLES = ("viewer", "reviewer", "editor", "admin")


class User(Created, Base):
    """A person who works in Toll. `role` is one of ROLES."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(20), default="viewer")
    can_see_restricted: Mapped[bool] = mapped_column(default=False)


CREDENTIAL_KINDS = ("password", "session", "token")


class Credential(Base):
    """A secret that proves who a user is: a password, a browser session or an API token.

    Only a hash is kept (argon2 for passwords, SHA-256 for random session and API tokens).
    Credentials are never deleted: a logout, a new password or a withdrawn token sets
    `revoked_at`. Kept apart from `users` so that no hash ever reaches the audit trail.
    """

    __tablename__ = "credentials"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))  # one of CREDENTIAL_KINDS
    name: Mapped[str | None] = mapped_column(String(200))  # what a token is for
    secret_hash: Mapped[str] = mapped_column(String(200), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(DateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(DateTime)
