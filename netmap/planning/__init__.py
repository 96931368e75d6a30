"""Pure domain rules for discovery, safety, FGC planning and reminders; no store, no I/O."""
