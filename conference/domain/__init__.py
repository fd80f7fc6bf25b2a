"""The pure heart of Conference Board: Signs of Safety rules, the fold and who sees what."""

from . import review  # noqa: E402,F401  (registers the review commands with the others)
