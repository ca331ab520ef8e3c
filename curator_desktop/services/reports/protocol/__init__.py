"""«Протокол верификации рискового профиля»: one school's verified risk profile."""
