"""Rendering pages: one Jinja2 environment (HTML escaped), the user and CSRF token in each."""

from pathlib import Path

from fastapi import Request
from fastapi.templating import Jinja2Templates

from toll.model.user import ROLES

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")


def number(value) -> str:
    """A count as people read it: 1234.0 → "1,234", 2.5 → "2.5"; None → "–"."""
    if value is None:
        return "–"
    if isinstance(value, float) and not value.is_integer() and abs(value) < 10:
        return f"{value:.1f}"
    return f"{round(value):,}"


def figure(claim) -> str:
    """What a claim states: "213", "150–200", "24 or more", "up to 40"."""
    value, low, high = claim.value, claim.low, claim.high
    if value is not None:
        return number(value)
    if low is not None and high is not None:
        return f"{number(low)}–{number(high)}"
    if low is not None:
        return f"{number(low)} or more"
    return f"up to {number(high)}" if high is not None else "–"


def spread(methods) -> dict | None:
    """The lowest and highest estimate of the methods, and the span of their intervals:
    the dashboard shows all methods' range instead of choosing one."""
    known = [m for m in methods if _get(m, "estimate") is not None]
    if not known:
        return None
    lows = [_get(m, "low") for m in known if _get(m, "low") is not None]
    highs = [_get(m, "high") for m in known if _get(m, "high") is not None]
    return {
        "low": min(_get(m, "estimate") for m in known),
        "high": max(_get(m, "estimate") for m in known),
        "interval_low": min(lows) if lows else None,
        "interval_high": max(highs) if highs else None,
        "methods": len(known),
    }


def _get(item, key):
    return item.get(key) if isinstance(item, dict) else getattr(item, key)


templates.env.filters["n"] = number
templates.env.filters["figure"] = figure
templates.env.globals["spread"] = spread


def may(user, role: str) -> bool:
    """Whether `user` has `role` or a higher one (for showing buttons; the API decides)."""
    return user is not None and ROLES.index(user.role) >= ROLES.index(role)


def page(request: Request, name: str, status_code: int = 200, **context):
    user = getattr(request.state, "user", None)
    context |= {
        "user": user,
        "csrf": getattr(request.state, "csrf", None),
        "may": lambda role: may(user, role),
    }
    return templates.TemplateResponse(request, name, context, status_code=status_code)
