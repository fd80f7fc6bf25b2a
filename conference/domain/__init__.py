"""The pure heart of Conference Board: Signs of Safety rules, the fold and who sees what."""
