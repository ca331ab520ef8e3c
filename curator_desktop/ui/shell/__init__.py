"""The window's frame: main window, start-up dialogs, Qt set-up, single instance, shortcuts."""
