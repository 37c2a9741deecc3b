"""Which pages each role gets, in which section of the sidebar (the role decides the page list)."""

from __future__ import annotations

from funnel.models import Role

PAGES: dict[Role, list[tuple[str, str, str, str]]] = {
    # (file, catalogue key of the title, icon, section key)
    Role.PROGRAMME_LEADER: [
        ("pages/board.py", "nav.board", ":material/view_kanban:", "nav.section_funnel"),
        ("pages/use_cases.py", "nav.use_case_list", ":material/table_rows:", "nav.section_funnel"),
        ("pages/use_case.py", "nav.use_case", ":material/lightbulb:", "nav.section_funnel"),
        ("pages/snapshot.py", "nav.snapshot", ":material/monitoring:", "nav.section_funnel"),
        (
            "pages/organisations.py",
            "nav.organisations",
            ":material/apartment:",
            "nav.section_network",
        ),
        ("pages/persons.py", "nav.persons", ":material/group:", "nav.section_network"),
        ("pages/activities.py", "nav.activities", ":material/event:", "nav.section_network"),
        ("pages/duplicates.py", "nav.duplicates", ":material/merge:", "nav.section_quality"),
        ("pages/classify.py", "nav.classify", ":material/label:", "nav.section_quality"),
        (
            "pages/completeness.py",
            "nav.completeness",
            ":material/checklist:",
            "nav.section_quality",
        ),
        ("pages/privacy.py", "nav.privacy", ":material/shield_person:", "nav.section_quality"),
        (
            "pages/import_use_cases.py",
            "nav.import_use_cases",
            ":material/upload_file:",
            "nav.section_manage",
        ),
        ("pages/targets.py", "nav.targets", ":material/flag:", "nav.section_manage"),
        ("pages/users.py", "nav.users", ":material/manage_accounts:", "nav.section_manage"),
    ],
    Role.COACH: [
        ("pages/intake.py", "nav.intake", ":material/handshake:", "nav.section_incubator"),
        ("pages/my_intakes.py", "nav.my_intakes", ":material/list_alt:", "nav.section_incubator"),
        ("pages/use_case.py", "nav.my_use_cases", ":material/lightbulb:", "nav.section_incubator"),
        (
            "pages/use_cases.py",
            "nav.use_case_list",
            ":material/table_rows:",
            "nav.section_incubator",
        ),
        ("pages/snapshot.py", "nav.snapshot", ":material/monitoring:", "nav.section_funnel"),
    ],
    Role.STEERING: [
        ("pages/snapshot.py", "nav.snapshot", ":material/monitoring:", "nav.section_funnel"),
    ],
}
