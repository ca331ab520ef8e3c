"""Checklist templates and their answers: item types, visibility, answer text, scores."""
