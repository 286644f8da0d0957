"""Users and their roles: who may see and change what."""

from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column

from toll.model.base import Base, Created

# What each role may do, from least to most.
ROLES = ("viewer", "reviewer", "editor", "admin")


class User(Created, Base):
    """A person who works in Toll. `role` is one of ROLES."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(20), default="viewer")
    can_see_restricted: Mapped[bool] = mapped_column(default=False)
