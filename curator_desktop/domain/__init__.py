"""Pure domain: enums, rules, validation and errors (no Qt, no SQL)."""
