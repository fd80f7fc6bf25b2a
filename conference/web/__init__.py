"""The thin edge: HTTP pages and JSON, Socket.IO handlers, tokens and limits."""
