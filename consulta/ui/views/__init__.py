"""One module per screen. Views call Workspace services; they never touch the database."""
