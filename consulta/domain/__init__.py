"""Plain domain objects, enums, validation rules and the error hierarchy (no Qt, no SQLAlchemy)."""
