def test_required_comments_and_files_are_owed_by_answered_items_only() -> None:
    from curator_desktop.domain.checklists.items import unmet_requirements

    content = {
        "sections": [
            {
                "key": "s",
                "items": [
                    {"key": "a", "type": "yes_no_partly", "required": True, "comment": "required"},
                    {"key": "b", "type": "yes_no_partly", "attachments": "required"},
                    {"key": "c", "type": "yes_no_partly", "required": True},
                    {"key": "d", "type": "yes_no_partly", "attachments": "required"},
                ],
            }
        ]
    }
    answers = {"a": "yes", "b": "no", "d": "na"}
    assert unmet_requirements(content, answers, {}, set()) == [
        ("a", "comment"),
        ("b", "attachment"),
        ("c", "answer"),
    ]
    assert unmet_requirements(content, answers, {"a": "  Протокол есть "}, {"b"}) == [
        ("c", "answer")
    ]
