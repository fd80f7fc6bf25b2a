"""Conference Board: a live Signs of Safety board for child protection conferences.

`create_app` and `socketio` live in app.py and are loaded on first use, so that
`python -m conference` can monkey-patch for eventlet before Flask is imported.
"""

from typing import Any

__all__ = ["create_app", "socketio"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import app

        return getattr(app, name)
    raise AttributeError(name)
