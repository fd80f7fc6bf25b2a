"""The pure heart of Conference Board: Signs of Safety rules, the fold and who sees what."""

from . import commands  # noqa: F401  (declares every event type and registers every command)
