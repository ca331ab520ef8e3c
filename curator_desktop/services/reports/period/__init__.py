"""«Промежуточный / итоговый отчёт куратора»: the curator's report for a period."""
