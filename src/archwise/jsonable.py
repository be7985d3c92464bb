"""Turn api results (pydantic models, dataclasses, paths, dates) into plain JSON values."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, is_dataclass
from pathlib import PurePath
from typing import Any


def to_jsonable(obj: Any) -> Any:
    """Return obj as dicts, lists and scalars that json.dumps accepts."""
    if hasattr(obj, "model_dump"):
        return obj.model_dump(mode="json", by_alias=True)
    if is_dataclass(obj) and not isinstance(obj, type):
        return to_jsonable(asdict(obj))
    if isinstance(obj, dict):
        return {str(k): to_jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple, set, frozenset)):
        return [to_jsonable(v) for v in obj]
    if isinstance(obj, PurePath):
        return str(obj)
    if isinstance(obj, (dt.date, dt.datetime)):
        return obj.isoformat()
    return obj


def to_object(obj: Any) -> dict[str, Any]:
    """Return obj as a JSON object, wrapping a non-object result as {"result": ...}."""
    plain = to_jsonable(obj)
    return plain if isinstance(plain, dict) else {"result": plain}
