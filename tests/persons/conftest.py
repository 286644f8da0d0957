import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

try:
    from toll.names import name_keys_frame, place_key  # noqa: F401
except ImportError:  # pragma: no cover - temporary stand-in until toll.names lands
    import _names_fallback

    sys.modules["toll.names"] = _names_fallback
