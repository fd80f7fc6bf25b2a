"""Conference Board: a live Signs of Safety board for child protection conferences.

`create_app` lives in app.py and is loaded on first use, so that `python -m conference`
can monkey-patch for eventlet before Flask is imported. Each app has its own Socket.IO
server (`app.extensions["socketio"]`).
"""

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import app

        return getattr(app, name)
    raise AttributeError(name)
