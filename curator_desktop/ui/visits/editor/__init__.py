"""The visit editor: one window per visit, every change saved as it is made."""
