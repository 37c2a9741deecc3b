"""Texts of data quality and privacy: duplicates with evidence, classification, completeness,
export and erasure (refusals, the command line; the screens' texts are in app_quality)."""

from __future__ import annotations

TEXTS: dict[str, tuple[str, str]] = {
    # refusals
    "err.person_ref_invalid": (
        "'{value}' is geen persoonsnummer of e-mailadres",
        "'{value}' is not a person id or an e-mail address",
    ),
    "err.person_already_erased": (
        "de gegevens van deze persoon zijn al gewist",
        "this person's data were already erased",
    ),
    "err.merge_erased": (
        "een gewiste persoon kan niet worden samengevoegd of gesplitst (dan telt die anders mee)",
        "an erased person cannot be merged or split (it would count differently)",
    ),
    "err.brin_invalid": (
        "'{value}' is geen geldige BRIN-code (2 cijfers en 2 letters, eventueel 2 cijfers erachter)",
        "'{value}' is not a valid BRIN code (2 digits and 2 letters, optionally 2 more digits)",
    ),
    "err.level_not_school": (
        "een onderwijsniveau hoort alleen bij onderwijs- en kennisinstellingen",
        "an education level belongs only to education and knowledge institutions",
    ),
    "err.brin_not_school": (
        "een BRIN-code hoort alleen bij onderwijs- en kennisinstellingen",
        "a BRIN code belongs only to education and knowledge institutions",
    ),
    "err.classify_kind_missing": ("kies een soort", "choose a kind"),
    "err.classify_none_chosen": (
        "kies minstens één organisatie",
        "choose at least one organisation",
    ),
    "err.acting_user_unknown": (
        "geen actief account '{username}' (gebruik --as met een gebruikersnaam)",
        "no active account '{username}' (give --as a username)",
    ),
    # evidence (screens and command line)
    "dq.reason.similar_name": ("lijkende naam", "similar name"),
    "dq.reason.same_name": (
        "zelfde naam, zelfde organisatie, ander e-mailadres",
        "same name, same organisation, other e-mail address",
    ),
    "dq.reason.same_local_part": (
        "zelfde e-mailnaam bij twee domeinen van één organisatie",
        "same e-mail local part at two domains of one organisation",
    ),
    "dq.participations.one": (
        "{count} deelname",
        "{count} participation",
    ),
    "dq.participations.other": (
        "{count} deelnames",
        "{count} participations",
    ),
    "dq.count_change": ("{year}: {kpi} {before} → {after}", "{year}: {kpi} {before} → {after}"),
    "dq.wal_not_cleared": (
        "Let op: een andere verbinding las nog; het WAL-bestand wordt bij de volgende checkpoint geleegd.",
        "Note: another connection was still reading; the WAL file is emptied at the next checkpoint.",
    ),
    # command line
    "dq.cli_no_duplicates": ("Geen mogelijke dubbelen.", "No possible duplicates."),
    "dq.cli_pair": ("Score {score} · {reason}", "Score {score} · {reason}"),
    "dq.cli_keep": ("  ← blijft", "  ← stays"),
    "dq.cli_shared_activities": ("samen bij: {items}", "both at: {items}"),
    "dq.cli_shared_use_cases": ("samen in use cases: {items}", "both in use cases: {items}"),
    "dq.cli_merge_hint": (
        "samenvoegen: {group} merge {keep} {drop}",
        "to merge: {group} merge {keep} {drop}",
    ),
    "dq.cli_merged": (
        "#{drop} is samengevoegd met #{keep} (samenvoeging {merge_id}; ongedaan maken: {group} unmerge {merge_id}).",
        "#{drop} was merged into #{keep} (merge {merge_id}; undo: {group} unmerge {merge_id}).",
    ),
    "dq.cli_unmerged": ("Samenvoeging {merge_id} is ongedaan gemaakt.", "Merge {merge_id} undone."),
    "dq.cli_kept_apart": (
        "#{a} en #{b} zijn niet dezelfde; ze worden niet meer voorgesteld.",
        "#{a} and #{b} are not the same; they are not proposed again.",
    ),
    "dq.cli_erase_confirm": (
        "De gegevens van {person} voorgoed wissen?",
        "Erase the data of {person} for good?",
    ),
    "dq.cli_erased": (
        "Persoon #{person_id} is gewist (records: {records}, aangepaste tekstvelden: {texts}); "
        "telt nog mee waar die deelnam.",
        "Person #{person_id} was erased (records: {records}, text fields changed: {texts}); "
        "still counts where it took part.",
    ),
    "dq.cli_retention.one": (
        "{count} persoon niet gezien in {years} jaar (bewaartermijn):",
        "{count} person not seen for {years} years (retention):",
    ),
    "dq.cli_retention.other": (
        "{count} personen niet gezien in {years} jaar (bewaartermijn):",
        "{count} persons not seen for {years} years (retention):",
    ),
}
