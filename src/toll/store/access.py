"""Who may do what. Personal data of victims, families and witnesses is protected by default.

Roles, from least to most: viewer (reads figures and aggregates), reviewer (also confirms,
corrects and rejects claims and decides pairs), editor (also adds sources, imports lists, links
and estimates), admin (also manages users). Seeing personal data (names, family contacts) is a
separate grant: `can_see_restricted`.

A store with no users is a single-user store: whoever opens it acts as admin. Once the first
user is added, every actor must be a known user (`$TOLL_USER`, else the login name).
"""

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from toll.errors import NotAllowed, NotFound, TollError
from toll.model import User
from toll.model.user import ROLES

PERMISSIONS = {"read": "viewer", "review": "reviewer", "edit": "editor", "admin": "admin"}
RESTRICTED = "[restricted]"  # shown instead of personal data to users without the grant


def current_user(session: Session) -> User | None:
    """The acting user, or None in a single-user store.

    Once found, the user is kept in the session (`session.info["user"]`; users are never
    deleted, and a change of role is seen on the same object), so that the checks of one
    request or command cost no queries after the first."""
    actor = session.info.get("actor", "unknown")
    known = session.info.get("user")
    if known is not None and known.name == actor:
        return known
    if not session.scalar(select(func.count()).select_from(User)):
        return None
    user = session.scalar(select(User).where(User.name == actor))
    if user is None:
        raise NotAllowed(
            f"{actor!r} is not a user of this store; an admin can add them with "
            f"`toll user add {actor} --role viewer` (set TOLL_USER to act as another user)"
        )
    session.info["user"] = user
    return user


def require(session: Session, permission: str) -> None:
    """Raise unless the acting user's role allows `permission` (read, review, edit, admin)."""
    user = current_user(session)
    needed = PERMISSIONS[permission]
    if user is not None and ROLES.index(user.role) < ROLES.index(needed):
        raise NotAllowed(
            f"{user.name} has role {user.role}; to {permission} you need the role "
            f"{needed} or higher (an admin can change it with `toll user add`)"
        )


def may_see_personal_data(session: Session) -> bool:
    """Whether the acting user may see names and other personal data."""
    user = current_user(session)
    return user is None or user.can_see_restricted or user.role == "admin"


def require_personal_data(session: Session) -> None:
    if not may_see_personal_data(session):
        actor = session.info.get("actor")
        raise NotAllowed(
            f"{actor} may not see personal data in this store; an admin can grant it "
            f"with `toll user add {actor} --role ROLE --restricted`"
        )


def get_readable(session: Session, model: type, row_id: int, what: str, hint: str):
    """The `model` row with id `row_id`, once the actor may read; else a clear error.

    `what` names the row for people ("source"), `hint` says where to find ids.
    """
    require(session, "read")
    row = session.get(model, row_id)
    if row is None:
        raise NotFound(f"no {what} with id {row_id}; {hint}")
    return row


def list_users(session: Session) -> list[User]:
    """The store's users by name, with their roles and grants (to any user of the store)."""
    require(session, "read")
    return list(session.scalars(select(User).order_by(User.name)))


def add_user(session: Session, name: str, role: str, restricted: bool) -> User:
    """Add a user, or change an existing user's role and grant (admins only, once users exist)."""
    if role not in ROLES:
        raise TollError(f"role must be one of {', '.join(ROLES)}, not {role!r}")
    require(session, "admin")
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        user = User(name=name, created_by=session.info.get("actor"))
        session.add(user)
    user.role, user.can_see_restricted = role, restricted
    session.flush()
    return user
