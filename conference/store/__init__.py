"""Where the event logs live: an EventStore protocol and its implementations."""
