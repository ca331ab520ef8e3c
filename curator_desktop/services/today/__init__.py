"""«Сегодня»: what is due for the curator on a day, gathered from visits, recommendations,
documents, the plan and the reports (see :class:`~.service.TodayService`)."""
