"""«Школа Минпросвещения России» in the window: a school's self-diagnosis section."""
