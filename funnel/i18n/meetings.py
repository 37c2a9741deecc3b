"""Texts of the stuurgroep's meetings (what moved, drift) and of the funnel analytics: key ->
(Dutch, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    # what moved, in sentences (funnel/meetings.py)
    "moved.and": (" en ", " and "),
    "moved.entered_one": (
        "1 nieuwe use case in de funnel: {titles}.",
        "1 new use case in the funnel: {titles}.",
    ),
    "moved.entered_many": (
        "{count} nieuwe use cases in de funnel: {titles}.",
        "{count} new use cases in the funnel: {titles}.",
    ),
    "moved.forward_one": (
        "1 use case ging naar {stage}: {titles}.",
        "1 use case moved to {stage}: {titles}.",
    ),
    "moved.forward_many": (
        "{count} use cases gingen naar {stage}: {titles}.",
        "{count} use cases moved to {stage}: {titles}.",
    ),
    "moved.resumed_one": (
        "1 geparkeerde use case is weer opgepakt in {stage}: {titles}.",
        "1 use case on hold was resumed in {stage}: {titles}.",
    ),
    "moved.resumed_many": (
        "{count} geparkeerde use cases zijn weer opgepakt in {stage}: {titles}.",
        "{count} use cases on hold were resumed in {stage}: {titles}.",
    ),
    "moved.back_one": (
        "1 use case ging terug naar {stage}: {titles}.",
        "1 use case went back to {stage}: {titles}.",
    ),
    "moved.back_many": (
        "{count} use cases gingen terug naar {stage}: {titles}.",
        "{count} use cases went back to {stage}: {titles}.",
    ),
    "moved.realised_one": (
        "1 use case is gerealiseerd: {titles}.",
        "1 use case was realised: {titles}.",
    ),
    "moved.realised_many": (
        "{count} use cases zijn gerealiseerd: {titles}.",
        "{count} use cases were realised: {titles}.",
    ),
    "moved.parked_one": (
        "1 use case is geparkeerd: {titles}.",
        "1 use case was put on hold: {titles}.",
    ),
    "moved.parked_many": (
        "{count} use cases zijn geparkeerd: {titles}.",
        "{count} use cases were put on hold: {titles}.",
    ),
    "moved.dropped_one": (
        "1 use case is afgevallen: {titles}.",
        "1 use case was dropped: {titles}.",
    ),
    "moved.dropped_many": (
        "{count} use cases zijn afgevallen: {titles}.",
        "{count} use cases were dropped: {titles}.",
    ),
    "moved.left_one": (
        "1 use case staat niet meer in de funnel: {titles}.",
        "1 use case is no longer in the funnel: {titles}.",
    ),
    "moved.left_many": (
        "{count} use cases staan niet meer in de funnel: {titles}.",
        "{count} use cases are no longer in the funnel: {titles}.",
    ),
    "moved.nothing": ("Geen enkele use case veranderde van fase.", "No use case changed stage."),
    "moved.new_organisations_one": (
        "1 nieuwe deelnemende organisatie: {names}.",
        "1 new participating organisation: {names}.",
    ),
    "moved.new_organisations_many": (
        "{count} nieuwe deelnemende organisaties: {names}.",
        "{count} new participating organisations: {names}.",
    ),
    "moved.others": ("{count} andere", "{count} others"),
    "moved.other_year": (
        "Let op: de vorige stand is van {before}, deze van {after}; de jaarcijfers tellen vanaf "
        "1 januari opnieuw.",
        "Note: the previous snapshot is of {before}, this one of {after}; the yearly figures "
        "start again on 1 January.",
    ),
    # the kind of each change, in tables
    "move.kind.entered": ("Nieuw in de funnel", "New in the funnel"),
    "move.kind.forward": ("Verder in de funnel", "Moved forward"),
    "move.kind.resumed": ("Weer opgepakt", "Resumed"),
    "move.kind.back": ("Terug in de funnel", "Moved back"),
    "move.kind.realised": ("Gerealiseerd", "Realised"),
    "move.kind.parked": ("Geparkeerd", "Put on hold"),
    "move.kind.dropped": ("Afgevallen", "Dropped"),
    "move.kind.left": ("Uit de funnel", "Left the funnel"),
    # drift: the live figures against a frozen snapshot
    "drift.line": ("{kpi}: vastgelegd {frozen}, nu {live}", "{kpi}: frozen {frozen}, now {live}"),
    "drift.line_funnel": (
        "{kpi}: use cases staan nu in een andere fase",
        "{kpi}: use cases are now in another stage",
    ),
    "drift.target_of": ("Doel '{kpi}'", "Target '{kpi}'"),
    "drift.merged_one": ("1 organisatie later samengevoegd", "1 organisation merged later"),
    "drift.merged_many": (
        "{count} organisaties later samengevoegd",
        "{count} organisations merged later",
    ),
    "drift.unmerged_one": (
        "1 samenvoeging later ongedaan gemaakt",
        "1 merge undone later",
    ),
    "drift.unmerged_many": (
        "{count} samenvoegingen later ongedaan gemaakt",
        "{count} merges undone later",
    ),
    "drift.reclassified_one": (
        "1 organisatie later anders ingedeeld",
        "1 organisation classified differently later",
    ),
    "drift.reclassified_many": (
        "{count} organisaties later anders ingedeeld",
        "{count} organisations classified differently later",
    ),
    "drift.added_one": (
        "1 organisatie telt nu mee (later vastgelegd met een datum tot de peildatum)",
        "1 organisation counts now (recorded later with a date up to the as-of date)",
    ),
    "drift.added_many": (
        "{count} organisaties tellen nu mee (later vastgelegd met een datum tot de peildatum)",
        "{count} organisations count now (recorded later with a date up to the as-of date)",
    ),
    "drift.removed_one": (
        "1 organisatie telt niet meer mee (gegevens later verwijderd of gewijzigd)",
        "1 organisation no longer counts (data removed or changed later)",
    ),
    "drift.removed_many": (
        "{count} organisaties tellen niet meer mee (gegevens later verwijderd of gewijzigd)",
        "{count} organisations no longer count (data removed or changed later)",
    ),
    "drift.persons_merged_one": ("1 persoon later samengevoegd", "1 person merged later"),
    "drift.persons_merged_many": (
        "{count} personen later samengevoegd",
        "{count} persons merged later",
    ),
    "drift.persons_unmerged_one": (
        "1 samenvoeging van personen later ongedaan gemaakt",
        "1 merge of persons undone later",
    ),
    "drift.persons_unmerged_many": (
        "{count} samenvoegingen van personen later ongedaan gemaakt",
        "{count} merges of persons undone later",
    ),
    "drift.persons_added_one": (
        "1 persoon telt nu mee (later vastgelegd met een datum tot de peildatum)",
        "1 person counts now (recorded later with a date up to the as-of date)",
    ),
    "drift.persons_added_many": (
        "{count} personen tellen nu mee (later vastgelegd met een datum tot de peildatum)",
        "{count} persons count now (recorded later with a date up to the as-of date)",
    ),
    "drift.persons_removed_one": (
        "1 persoon telt niet meer mee (gegevens later verwijderd of gewijzigd)",
        "1 person no longer counts (data removed or changed later)",
    ),
    "drift.persons_removed_many": (
        "{count} personen tellen niet meer mee (gegevens later verwijderd of gewijzigd)",
        "{count} persons no longer count (data removed or changed later)",
    ),
    "drift.backfilled_one": (
        "1 use case met stappen die later met terugwerkende kracht zijn vastgelegd",
        "1 use case with moves recorded later with an earlier effect date",
    ),
    "drift.backfilled_many": (
        "{count} use cases met stappen die later met terugwerkende kracht zijn vastgelegd",
        "{count} use cases with moves recorded later with an earlier effect date",
    ),
    "drift.deleted_one": ("1 use case later verwijderd", "1 use case deleted later"),
    "drift.deleted_many": ("{count} use cases later verwijderd", "{count} use cases deleted later"),
    "drift.changed_one": ("1 use case later gewijzigd", "1 use case changed later"),
    "drift.changed_many": ("{count} use cases later gewijzigd", "{count} use cases changed later"),
    "drift.target_one": ("de stuurgroep wijzigde het doel later", "the target was changed later"),
    "drift.target_many": ("de stuurgroep wijzigde het doel later", "the target was changed later"),
    # charts (funnel/charts.py)
    "chart.share_of_target": ("Deel van het doel", "Share of target"),
    "chart.days": ("Dagen in de fase", "Days in the stage"),
}
