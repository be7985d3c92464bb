from tests.store.backends import db_url

__all__ = ["db_url"]
