"""The risk profile tab of a school's card: the factors, one factor's editor, the history."""
