"""The school's risk profile over the store: verifying, history, evidence."""
