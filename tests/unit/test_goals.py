"""The strategy's extra goals on hand-made links: Fieldlabs and who took part in them, the core
education partners per project, multilevel and multisectoral projects, and their targets."""

from __future__ import annotations

import datetime as dt

import pytest
import sqlite_utils

from funnel import goals, metrics, services
from funnel.auth import Actor
from funnel.errors import FunnelError
from funnel.models import DEFAULT_TARGETS

D = dt.date
YEAR = 2025


@pytest.fixture
def world(db: sqlite_utils.Database, leader: Actor, coach: Actor) -> dict[str, int]:
    """Three projects and one use case still in definition, with known partners:

    - P1 (Fieldlab Smart Energy, in execution): all four core partners (mbo and hbo);
    - P2 (Fieldlab Smart Maintenance, realised): ROC Nova College, an SME, and "HvA", a duplicate
      of Hogeschool van Amsterdam that is merged into it;
    - P3 (no Fieldlab, in execution): a municipality's question with TNO;
    - P4 (Smart Energy, in definition): Hogeschool Inholland, but not a project yet.

    A Smart Energy session in 2025 with the SME and ROC Nova College; a Hydrogen session in 2024;
    an intake for P1 with a company of its own (an intake is no Fieldlab work).
    """

    def org(name: str, kind: str, level: str | None = None) -> int:
        return services.create_organisation(db, leader, name, kind=kind, level=level).id

    ids = {
        "tata": org("Tata Steel Nederland B.V.", "company"),
        "acme": org("Acme Sensoren", "company"),
        "nova": org("ROC Nova College", "education", "mbo"),
        "tsa": org("Tata Steel Academy", "education", "mbo"),
        "inholland": org("Hogeschool Inholland", "education", "hbo"),
        "hva": org("Hogeschool van Amsterdam", "education", "hbo"),
        "hva_typed": org("HvA", "education", "hbo"),
        "velsen": org("Gemeente Velsen", "government"),
        "tno": org("TNO", "knowledge_institution"),
    }

    def case(title: str, owner: str, detected: dt.date, fieldlab: str | None) -> int:
        return services.create_use_case(
            db, leader, title, detected, asset_owner_id=ids[owner], fieldlab=fieldlab
        )

    def link(case_id: int, who: str, start: dt.date, role: str = "education_partner") -> None:
        services.link_involvement(db, leader, case_id, role, start, organisation_id=ids[who])

    p1 = case("Restwarmte", "tata", D(2025, 1, 10), "Smart Energy")
    services.move_use_case(db, leader, p1, "definition", D(2025, 2, 1))
    for school in ("nova", "tsa", "inholland", "hva"):
        link(p1, school, D(2025, 2, 1))
    services.move_use_case(db, leader, p1, "execution", D(2025, 3, 1))

    p2 = case("Trillingen", "tata", D(2025, 1, 12), "Smart Maintenance")
    services.move_use_case(db, leader, p2, "definition", D(2025, 2, 3))
    link(p2, "nova", D(2025, 2, 3))
    link(p2, "hva_typed", D(2025, 2, 3))
    link(p2, "acme", D(2025, 2, 3), "solution_provider")
    services.move_use_case(db, leader, p2, "execution", D(2025, 3, 5))
    services.update_use_case(db, leader, p2, result_summary="Sensoren geplaatst")
    services.move_use_case(db, leader, p2, "realised", D(2025, 9, 1))
    services.merge_organisations(db, leader, ids["hva_typed"], ids["hva"])

    p3 = case("Geluid", "velsen", D(2025, 2, 1), None)
    services.move_use_case(db, leader, p3, "definition", D(2025, 3, 1))
    link(p3, "tno", D(2025, 3, 1), "knowledge_partner")
    services.move_use_case(db, leader, p3, "execution", D(2025, 4, 1))

    p4 = case("Waterstof", "tata", D(2025, 3, 1), "Smart Energy")
    services.move_use_case(db, leader, p4, "definition", D(2025, 4, 1))
    link(p4, "inholland", D(2025, 4, 1))

    session = services.create_activity(
        db, leader, "Fieldlab Smart Energy", D(2025, 3, 14), "fieldlab", "Smart Energy"
    )
    services.add_attendance(db, leader, session, organisation_id=ids["acme"])
    services.add_attendance(
        db, leader, session, organisation_id=ids["nova"], person_name="Lies Docent"
    )
    old = services.create_activity(
        db, leader, "Fieldlab Waterstof", D(2024, 6, 1), "fieldlab", "Hydrogen"
    )
    services.add_attendance(db, leader, old, organisation_id=ids["acme"])
    services.save_intake(
        db, coach, D(2025, 2, 20), organisation_name="Intakebedrijf BV", use_case_id=p1
    )
    return {**ids, "p1": p1, "p2": p2, "p3": p3, "p4": p4}


def test_fieldlab_figures_count_activities_and_use_cases_of_each_fieldlab(
    db: sqlite_utils.Database, world: dict[str, int]
) -> None:
    found = goals.goals(db, YEAR, D(2025, 12, 31))
    energy, maintenance = found.fieldlabs["Smart Energy"], found.fieldlabs["Smart Maintenance"]
    # Smart Energy: the session (Acme, Nova), the asset owner of P1 and P4 (Tata), P1's and P4's
    # schools; the intake company of P1 does not count
    assert energy.companies == {world["tata"], world["acme"]}
    assert energy.education == {world["nova"], world["tsa"], world["inholland"], world["hva"]}
    # Smart Maintenance: P2 only; "HvA" counts as Hogeschool van Amsterdam it was merged into
    assert maintenance.companies == {world["tata"], world["acme"]}
    assert maintenance.education == {world["nova"], world["hva"]}
    # the Hydrogen session was in 2024; nothing else happened in the other Fieldlabs
    assert [name for name, f in found.fieldlabs.items() if f.coordinated] == [
        "Smart Maintenance",
        "Smart Energy",
    ]
    figures = found.figures()
    assert figures["fieldlabs_coordinated"] == 2
    assert figures["fieldlab_companies"] == 2
    assert figures["fieldlab_education_institutions"] == 4
    assert figures["fieldlabs"]["Smart Energy"] == {
        "coordinated": True,
        "companies": 2,
        "education_institutions": 4,
    }
    assert figures["fieldlabs"]["Hydrogen"] == {
        "coordinated": False,
        "companies": 0,
        "education_institutions": 0,
    }


def test_fieldlab_figures_stop_at_the_as_of_date(
    db: sqlite_utils.Database, world: dict[str, int]
) -> None:
    # on 20 January only P1's and P2's asset owner (Tata) took part; no session yet
    figures = goals.goals(db, YEAR, D(2025, 1, 20)).figures()
    assert figures["fieldlabs_coordinated"] == 2
    assert figures["fieldlab_companies"] == 1
    assert figures["fieldlab_education_institutions"] == 0
    assert goals.goals(db, 2024, D(2024, 12, 31)).figures()["fieldlabs_coordinated"] == 1


def test_core_partners_per_project_follow_merges_and_only_projects_count(
    db: sqlite_utils.Database, world: dict[str, int]
) -> None:
    found = goals.goals(db, YEAR, D(2025, 12, 31))
    projects = {p.use_case_id: p for p in found.projects}
    # P4 is in definition: not a project
    assert set(projects) == {world["p1"], world["p2"], world["p3"]}
    assert projects[world["p1"]].core_partners == (
        "ROC Nova College",
        "Tata Steel Academy",
        "Hogeschool Inholland",
        "Hogeschool van Amsterdam",
    )
    assert projects[world["p1"]].all_core_partners
    assert projects[world["p2"]].core_partners == ("ROC Nova College", "Hogeschool van Amsterdam")
    assert projects[world["p3"]].core_partners == ()
    figures = found.figures()
    assert figures["projects"] == 3
    assert figures["projects_with_all_core_partners"] == 1
    assert figures["core_partner_share"] == pytest.approx(1 / 3, abs=1e-4)
    assert figures["core_partners"] == {
        "ROC Nova College": 2,
        "Tata Steel Academy": 1,
        "Hogeschool Inholland": 1,
        "Hogeschool van Amsterdam": 2,
    }


def test_multilevel_and_multisectoral_projects(
    db: sqlite_utils.Database, world: dict[str, int]
) -> None:
    projects = {p.use_case_id: p for p in goals.goals(db, YEAR, D(2025, 12, 31)).projects}
    assert projects[world["p1"]].levels == ("hbo", "mbo")
    assert projects[world["p1"]].multilevel
    # P2: Nova (mbo) and HvA (hbo, merged in) -> two levels as well
    assert projects[world["p2"]].levels == ("hbo", "mbo")
    # P3: TNO is a knowledge institution without a level
    assert projects[world["p3"]].levels == ()
    assert projects[world["p1"]].sectors == ("business", "education")
    assert projects[world["p3"]].sectors == ("education", "government")
    figures = goals.goals(db, YEAR, D(2025, 12, 31)).figures()
    assert (figures["multilevel_projects"], figures["multilevel_share"]) == (2, 0.6667)
    assert (figures["multisectoral_projects"], figures["multisectoral_share"]) == (3, 1.0)


def test_a_project_counts_partners_linked_up_to_the_as_of_date(
    db: sqlite_utils.Database, world: dict[str, int]
) -> None:
    # on 1 March P1 just went into execution with its four schools; P2 had them since February
    figures = goals.goals(db, YEAR, D(2025, 3, 1)).figures()
    assert figures["projects"] == 1
    assert figures["projects_with_all_core_partners"] == 1


def test_no_projects_gives_no_share(db: sqlite_utils.Database) -> None:
    figures = goals.goals(db, YEAR, D(2025, 12, 31)).figures()
    assert figures["projects"] == 0
    assert figures["core_partner_share"] is None
    assert figures["multilevel_share"] is None
    assert figures["core_partners"] == {name: 0 for name in goals.CORE_EDUCATION_PARTNERS}


def test_snapshot_keeps_every_key_of_the_metrics_snapshot_and_adds_the_goals(
    db: sqlite_utils.Database, world: dict[str, int]
) -> None:
    base = metrics.snapshot(db, YEAR, D(2025, 12, 31))
    full = goals.snapshot(db, YEAR, D(2025, 12, 31))
    assert {key: full[key] for key in base} == base
    assert set(full) - set(base) == {
        "fieldlabs_coordinated", "fieldlab_companies", "fieldlab_education_institutions",
        "fieldlabs", "projects", "projects_with_all_core_partners", "core_partner_share",
        "core_partners", "multilevel_projects", "multilevel_share", "multisectoral_projects",
        "multisectoral_share",
    }  # fmt: skip


def test_every_goal_of_spec_has_a_target_with_its_default(db: sqlite_utils.Database) -> None:
    assert DEFAULT_TARGETS == {
        "use_cases_detected": 10,
        "projects_realised": 10,
        "unique_companies": 200,
        "unique_persons": 300,
        "fieldlabs_coordinated": 3,
        "fieldlab_companies": 50,
        "fieldlab_education_institutions": 5,
        "core_partner_share": 100,
    }
    assert metrics.snapshot(db, YEAR)["targets"] == DEFAULT_TARGETS
    assert {k.target for k in goals.KPIS if k.target} == set(DEFAULT_TARGETS)


def test_the_new_targets_are_editable_per_year_and_a_percentage_stays_a_percentage(
    db: sqlite_utils.Database, leader: Actor
) -> None:
    services.set_target(db, leader, 2026, "fieldlab_companies", 60)
    services.set_target(db, leader, 2026, "core_partner_share", 80)
    assert metrics.targets_for(db, 2026)["fieldlab_companies"] == 60
    assert metrics.targets_for(db, 2026)["core_partner_share"] == 80
    assert metrics.targets_for(db, 2025)["fieldlab_companies"] == 50
    with pytest.raises(FunnelError) as refused:
        services.set_target(db, leader, 2026, "core_partner_share", 120)
    assert refused.value.code == "target_percent"


def test_share_of_target_reads_a_share_against_a_percentage() -> None:
    share = goals.KPI_BY_KEY["core_partner_share"]
    count = goals.KPI_BY_KEY["fieldlab_companies"]
    assert goals.share_of_target(share, 0.5, 100) == pytest.approx(0.5)
    assert goals.share_of_target(share, 0.5, 50) == pytest.approx(1.0)
    assert goals.share_of_target(count, 25, 50) == pytest.approx(0.5)
    assert goals.share_of_target(count, 25, 0) is None
    assert goals.share_of_target(share, None, 100) is None
