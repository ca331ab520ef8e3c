"""The school's risk profile: levels, verdicts and the rules of verifying a factor."""
