"""The SQLite adapter: one file, WAL, numbered migrations."""
