"""The exchange package file: its format, schemas, scope, writer and checking reader."""
