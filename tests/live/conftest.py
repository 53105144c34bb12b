"""The live rooms' stores under test: SQLite in a temporary folder, and Redis (Debian's redis-server)."""

from __future__ import annotations

import pytest

from live import RedisStore, SqliteStore
from tests.redis_server import RedisServer, available


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory):
    if not available():
        pytest.skip("redis-server or the redis client is not installed (scripts/test.sh installs them)")
    server = RedisServer(tmp_path_factory.mktemp("redis")).start()
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "redis"])
def make_store(request, tmp_path):
    """A function that opens the store (again: the same data), with an optional ``ttl``."""
    made = []

    def make(ttl: float = 4 * 3600):
        if request.param == "sqlite":
            store = SqliteStore(tmp_path / "rooms.sqlite3", ttl=ttl)
        else:
            server = request.getfixturevalue("redis_server")
            store = RedisStore(server.url, ttl=ttl, prefix=f"test-{request.node.name}")
        made.append(store)
        return store

    make.kind = request.param
    yield make
    for store in made:
        store.close()
