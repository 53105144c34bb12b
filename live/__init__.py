"""Live classes: rooms that students follow (``live.rooms``) and where they are kept (``live.stores``).
No Streamlit here; ``ui/live.py`` draws them."""

from .rooms import TTL, NotTeacher, RateLimit, Room, Rooms, TooFast, new_student, normalize_code
from .stores import RedisStore, SqliteStore, open_store, shared

__all__ = ["TTL", "NotTeacher", "RateLimit", "RedisStore", "Room", "Rooms", "TooFast", "SqliteStore", "new_student", "normalize_code",
           "open_store", "shared"]
