"""Print-ready PDF reports: the visit справка, the risk-profile verification protocol and the
curator's interim / final report. reportlab is imported only inside this package."""
