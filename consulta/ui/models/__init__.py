"""Table models over service results (no database access here: they call ``Workspace`` services)."""
