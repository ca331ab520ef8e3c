"""The «Сегодня» page: what is due, each entry one Enter away from its place."""
