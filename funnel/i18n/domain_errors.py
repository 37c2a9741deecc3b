"""Error texts of the domain rules (moves, gates, imports, rights, accounts): key -> (Dutch, English)."""

TEXTS: dict[str, tuple[str, str]] = {
    "err.value_missing": ("dit veld is verplicht", "this field is required"),
    "err.not_found": ("niet gevonden ({what})", "not found ({what})"),
    "err.field_unknown": ("onbekend veld: {names}", "unknown field: {names}"),
    "err.date_in_future": (
        "datum {value} ligt in de toekomst; alleen vandaag of eerder is toegestaan",
        "date {value} is in the future; only today or earlier is allowed",
    ),
    "err.date_invalid": (
        "'{value}' is geen datum",
        "'{value}' is not a date",
    ),
    "err.next_step_due_without_step": (
        "een streefdatum hoort bij een volgende stap: vul de volgende stap in, of haal de "
        "streefdatum weg",
        "a due date belongs to a next step: fill in the next step, or remove the due date",
    ),
    # moves and gates
    "err.move_no_stage": ("deze use case heeft nog geen fase", "this use case has no stage yet"),
    "err.move_same_stage": (
        "de use case staat al in deze fase",
        "the use case is already in this stage",
    ),
    "err.move_before_detection": (
        "de ingangsdatum ligt vóór de signaleringsdatum ({detected})",
        "the effect date is before the detection date ({detected})",
    ),
    "err.move_before_current": (
        "de ingangsdatum ligt vóór de start van de huidige fase ({since}); kies {since} of later",
        "the effect date is before the current stage began ({since}); choose {since} or later",
    ),
    "err.gate_backward_note": (
        "poort: een stap terug, of uit Gerealiseerd of Afgevallen, vraagt een toelichting waarom",
        "gate: a move back, or out of Realised or Dropped, needs a note saying why",
    ),
    "err.involvement_exists": (
        "{name} is al gekoppeld als {role} (sinds {since})",
        "{name} is already linked as {role} (since {since})",
    ),
    "err.gate_dropped_reason": (
        "poort Afgevallen: schrijf bij Toelichting waarom de use case afvalt",
        "gate Dropped: say under Note why the use case is dropped",
    ),
    "err.gate_execution_partner": (
        "poort In uitvoering: koppel eerst minstens één bedrijf (naast de asset owner) of een "
        "onderwijs- of kennisinstelling",
        "gate In execution: first link at least one company other than the asset owner, or an "
        "education or knowledge institution",
    ),
    "err.gate_realised_summary": (
        "poort Gerealiseerd: vul eerst de resultaatsamenvatting in",
        "gate Realised: first fill in the result summary",
    ),
    # identity
    "err.org_ambiguous": (
        "'{name}' past bij {count} organisaties met verschillende KvK-nummers; vul het "
        "KvK-nummer in{candidates}",
        "'{name}' matches {count} organisations with different KvK numbers; give the KvK "
        "number{candidates}",
    ),
    # the organisations an ambiguous name could mean (the {candidates} of err.org_ambiguous)
    "err.candidate": ("{name} (KvK {kvk})", "{name} (KvK {kvk})"),
    "err.candidate_in_file": (
        "{name} (KvK {kvk}, elders in dit bestand)",
        "{name} (KvK {kvk}, elsewhere in this file)",
    ),
    "err.candidate_no_kvk": ("{name} (zonder KvK-nummer)", "{name} (no KvK number)"),
    "err.org_name_missing": ("naam van de organisatie ontbreekt", "organisation name is missing"),
    "err.person_ambiguous": (
        "er zijn {count} personen '{name}' bij deze organisatie; vul het e-mailadres in",
        "there are {count} persons named '{name}' at this organisation; give the e-mail address",
    ),
    "err.org_kind_conflict": (
        "'{name}' staat al bekend als {known}; het opgegeven type ({given}) is genegeerd",
        "'{name}' is already known as {known}; the given type ({given}) was ignored",
    ),
    "err.kvk_taken": (
        "KvK-nummer {value} hoort al bij '{name}'",
        "KvK number {value} already belongs to '{name}'",
    ),
    "err.merge_same": (
        "kies twee verschillende organisaties",
        "choose two different organisations",
    ),
    "err.merge_already_merged": (
        "een van beide is al samengevoegd; kies de overgebleven organisatie",
        "one of them is already merged; choose the remaining organisation",
    ),
    "err.merge_not_undoable": (
        "deze samenvoeging bestaat niet of is al ongedaan gemaakt",
        "this merge does not exist or was already undone",
    ),
    # files and imports
    "err.file_unreadable": ("{name} kan niet gelezen worden", "{name} cannot be read"),
    "err.file_not_found": ("{name} bestaat niet", "{name} does not exist"),
    "err.file_no_permission": (
        "{name} mag niet gelezen worden (geen leesrechten)",
        "{name} may not be read (no read permission)",
    ),
    "err.file_is_directory": ("{name} is een map, geen bestand", "{name} is a folder, not a file"),
    "err.file_empty": ("{name} is leeg (geen kopregel)", "{name} is empty (no header row)"),
    "err.file_not_utf8": (
        "{name} is geen UTF-8; gelezen als Windows-1252 (controleer letters met accenten)",
        "{name} is not UTF-8; read as Windows-1252 (check accented letters)",
    ),
    # a file that is not what its name says (one message each, never a library's own text)
    "err.file_not_text": (
        "dit is geen CSV-bestand: het bevat geen tekst maar binaire gegevens (bijvoorbeeld een "
        "afbeelding, een pdf of een archief). Sla de lijst op als CSV UTF-8 of als "
        "Excel-werkmap (.xlsx)",
        "this is not a CSV file: it holds binary data, not text (an image, a PDF or an archive, "
        "for example). Save the list as CSV UTF-8 or as an Excel workbook (.xlsx)",
    ),
    "err.file_nul": (
        "dit is geen CSV-bestand: op deze regel staat een NUL-teken (een nulbyte), dat in tekst "
        "niet voorkomt; het bestand is beschadigd of geen tekst. Sla de lijst opnieuw op als "
        "CSV UTF-8",
        "this is not a CSV file: this line holds a NUL character (a zero byte), which text never "
        "has; the file is damaged or not text. Save the list again as CSV UTF-8",
    ),
    "err.file_utf16_without_bom": (
        "dit is geen CSV-bestand dat te lezen is: het lijkt UTF-16-tekst zonder "
        "byte-order-markering (BOM), zodat niet vaststaat hoe de tekens gelezen moeten worden. "
        "Sla de lijst op als CSV UTF-8",
        "this is not a CSV file that can be read: it looks like UTF-16 text without a byte order "
        "mark (BOM), so how to read its characters is not certain. Save the list as CSV UTF-8",
    ),
    "err.file_old_xls": (
        "dit is een Excel-bestand in het oude .xls-formaat; open het in Excel en sla het op als "
        "Excel-werkmap (.xlsx) of als CSV UTF-8",
        "this is an Excel file in the old .xls format; open it in Excel and save it as an Excel "
        "workbook (.xlsx) or as CSV UTF-8",
    ),
    "err.file_is_zip": (
        "dit is geen CSV-bestand maar een zip-archief; pak het uit en kies het CSV- of "
        "Excel-bestand dat erin zit",
        "this is not a CSV file but a zip archive; unpack it and choose the CSV or Excel file "
        "inside",
    ),
    "err.file_not_csv": (
        "dit is geen CSV-bestand dat te lezen is; sla de lijst opnieuw op als CSV UTF-8",
        "this is not a CSV file that can be read; save the list again as CSV UTF-8",
    ),
    "err.csv_quote_unclosed": (
        'het aanhalingsteken (") waarmee deze cel begint, wordt niet gesloten, zodat de regels '
        "erna in deze ene cel zouden belanden; sluit het aanhalingsteken of haal het weg",
        'the quote (") this cell starts with is never closed, so the lines after it would end '
        "up in this one cell; close the quote or remove it",
    ),
    "err.csv_cell_too_long": (
        "deze cel is langer dan {limit} tekens; zo'n cel hoort niet in deze lijst (staat er een "
        "aanhalingsteken te veel?)",
        "this cell is longer than {limit} characters; such a cell does not belong in this list "
        "(is there a quote too many?)",
    ),
    "err.xlsx_unreadable": (
        "dit is geen leesbaar Excel-bestand (beschadigd, of een ander soort bestand); open het "
        "in Excel en sla het opnieuw op als Excel-werkmap (.xlsx)",
        "this is not a readable Excel workbook (damaged, or another kind of file); open it in "
        "Excel and save it again as an Excel workbook (.xlsx)",
    ),
    "err.xlsx_is_text": (
        "dit is geen Excel-werkmap maar een tekstbestand (waarschijnlijk CSV); geef het de "
        "extensie .csv, of open het in Excel en sla het op als Excel-werkmap (.xlsx)",
        "this is not an Excel workbook but a text file (probably CSV); give it the extension "
        ".csv, or open it in Excel and save it as an Excel workbook (.xlsx)",
    ),
    "err.sheet_missing": (
        "werkblad '{sheet}' bestaat niet in {name}; aanwezig: {sheets}",
        "sheet '{sheet}' does not exist in {name}; present: {sheets}",
    ),
    "err.sheet_for_csv": (
        "--sheet geldt alleen voor XLSX-bestanden",
        "--sheet only applies to XLSX files",
    ),
    "err.column_missing": (
        "verplichte kolom ontbreekt (verwacht: {names})",
        "required column missing (expected: {names})",
    ),
    "err.column_twice": (
        "kolom '{column}' staat er twee keer in",
        "column '{column}' appears twice",
    ),
    "err.ref_twice": (
        "kenmerk '{value}' staat al op regel {first_line}, met andere gegevens; een kenmerk hoort "
        "bij één use case",
        "ref '{value}' is already on line {first_line}, with other data; a ref belongs to one "
        "use case",
    ),
    "err.signup_other_activity": (
        "deze regel hoort bij '{title}' op {date}, niet bij de gekozen activiteit '{chosen}' op "
        "{chosen_date}: haal de regel of de kolommen datum en activiteit weg, of lees het bestand "
        "in als presentielijst (met datum en activiteit per regel)",
        "this row belongs to '{title}' on {date}, not to the chosen activity '{chosen}' on "
        "{chosen_date}: remove the row or the date and activity columns, or read the file as an "
        "attendance list (with a date and an activity on every row)",
    ),
    "err.attendee_missing": (
        "vul minstens een organisatie, naam of e-mailadres in",
        "give at least an organisation, a name or an e-mail address",
    ),
    "err.kvk_without_name": (
        "KvK-nummer zonder naam van de organisatie",
        "KvK number given without an organisation name",
    ),
    "err.theme_invalid": (
        "'{value}' is geen bekend thema of Fieldlab; kies uit: {accepted}",
        "'{value}' is not a known theme or Fieldlab; choose from: {accepted}",
    ),
    "err.stage_dates_order": (
        "datum {value} ligt vóór {earlier} ({earlier_value}); fasedatums mogen niet teruglopen",
        "date {value} is before {earlier} ({earlier_value}); stage dates must not go back",
    ),
    "err.dropped_before_stage": (
        "afgevallen op {value} ligt vóór {earlier} ({earlier_value})",
        "dropped on {value} is before {earlier} ({earlier_value})",
    ),
    "err.realised_and_dropped": (
        "een use case kan niet zowel gerealiseerd als afgevallen zijn",
        "a use case cannot be both realised and dropped",
    ),
    "err.dropped_reason_missing": (
        "bij een afgevallen use case is een reden verplicht",
        "a dropped use case needs a reason",
    ),
    "err.reason_without_dropped_date": (
        "er staat een reden maar geen datum afgevallen",
        "a reason is given but no dropped date",
    ),
    "err.intake_company_without_date": (
        "intakebedrijf ingevuld zonder intakedatum; er is geen intake vastgelegd",
        "intake company given without an intake date; no intake recorded",
    ),
    "err.import_kind_unknown": ("onbekend importtype '{value}'", "unknown import type '{value}'"),
    # activities, involvements, targets
    "err.activity_exists": (
        "er bestaat al een activiteit '{title}' op {date}",
        "an activity '{title}' on {date} already exists",
    ),
    "err.end_before_start": (
        "de einddatum ligt vóór de begindatum",
        "the end date is before the start date",
    ),
    "err.target_unknown": ("onbekende doelstelling '{value}'", "unknown target '{value}'"),
    "err.target_invalid": (
        "een doelstelling is een geheel getal van 0 of meer (niet '{value}')",
        "a target is a whole number of 0 or more (not '{value}')",
    ),
    "err.target_percent": (
        "dit doel is een percentage: 0 tot en met 100 (niet {value})",
        "this target is a percentage: 0 up to 100 (not {value})",
    ),
    "err.snapshot_not_found": (
        "er is geen vastgelegde stand met nummer '{value}' (zie snapshot list)",
        "there is no frozen snapshot with id '{value}' (see snapshot list)",
    ),
    "err.as_of_before_year": (
        "de peildatum ligt vóór 1 januari {year}",
        "the as-of date is before 1 January {year}",
    ),
    "err.year_invalid": ("'{value}' is geen geldig jaar", "'{value}' is not a valid year"),
    "err.org_pick_or_new": (
        "Kies een bestaande organisatie óf vul een nieuwe in, niet allebei.",
        "Pick an existing organisation or enter a new one, not both.",
    ),
    "err.person_pick_or_new": (
        "Kies een bestaande persoon óf vul een nieuwe in, niet allebei.",
        "Pick an existing person or enter a new one, not both.",
    ),
    "err.setting_unknown": ("onbekende instelling '{value}'", "unknown setting '{value}'"),
    "err.lang_unknown": ("onbekende taal '{value}'", "unknown language '{value}'"),
    "err.setting_invalid": (
        "'{value}' is geen geldige waarde: een geheel getal van {minimum} tot en met {maximum}",
        "'{value}' is not a valid value: a whole number from {minimum} to {maximum}",
    ),
    "err.database_busy": (
        "de database is al {minutes} minuten bezet door een andere schrijver; probeer het later opnieuw",
        "the database has been busy with another writer for {minutes} minutes; please try again later",
    ),
    # hostile or mistaken input in a form
    "err.text_control": (
        "deze tekst bevat een onzichtbaar stuurteken (zoals NUL); typ of plak hem opnieuw",
        "this text holds an invisible control character (such as NUL); type or paste it again",
    ),
    "err.text_too_long": (
        "deze tekst is {length} tekens lang; dit veld neemt er hoogstens {limit}",
        "this text is {length} characters long; this field takes at most {limit}",
    ),
    # no lost update: someone else saved first
    "err.edit_conflict": (
        "{who} heeft dit intussen gewijzigd ({when}), uw wijziging is niet opgeslagen. "
        "Gewijzigd: {conflicts}. Uw invoer staat nog in het formulier: pas aan wat u wilt "
        "houden en sla opnieuw op",
        "{who} changed this in the meantime ({when}); your change was not saved. "
        "Changed: {conflicts}. Your input is still in the form: adjust what you want to keep "
        "and save again",
    ),
    "err.edit_conflict_item": (
        "{field}: '{theirs}' (uw invoer: '{yours}')",
        "{field}: '{theirs}' (yours: '{yours}')",
    ),
    "err.edit_conflict_empty": ("leeg", "empty"),
    # rights and accounts
    "err.not_allowed": (
        "uw rol heeft geen toestemming voor deze handeling",
        "your role is not allowed to do this",
    ),
    "err.not_your_use_case": (
        "u kunt alleen use cases bewerken die u zelf coacht",
        "you can only edit use cases you coach",
    ),
    "err.not_your_intake": (
        "u kunt alleen uw eigen intakes bewerken",
        "you can only edit your own intakes",
    ),
    "err.sign_in_failed": (
        "gebruikersnaam of wachtwoord klopt niet",
        "username or password is not correct",
    ),
    "err.account_disabled": ("dit account is uitgeschakeld", "this account is disabled"),
    "err.password_too_short": (
        "het wachtwoord moet minstens {minimum} tekens hebben",
        "the password needs at least {minimum} characters",
    ),
    "err.username_invalid": (
        "'{value}' is geen geldige gebruikersnaam (letters, cijfers, . _ - @; minstens 2 tekens)",
        "'{value}' is not a valid username (letters, digits, . _ - @; at least 2 characters)",
    ),
    "err.username_taken": (
        "gebruikersnaam '{value}' bestaat al",
        "username '{value}' is already taken",
    ),
    "err.user_unknown": ("gebruiker '{value}' bestaat niet", "user '{value}' does not exist"),
    "err.role_invalid": (
        "onbekende rol '{value}'; kies uit {accepted}",
        "unknown role '{value}'; choose from {accepted}",
    ),
    "err.setup_done": (
        "er is al een account aangemaakt; log daarmee in",
        "an account was already created; sign in with it",
    ),
    "err.cannot_disable_self": (
        "u kunt uw eigen account niet uitschakelen",
        "you cannot disable your own account",
    ),
    "err.demo_not_empty": (
        "de demodatabase bevat al gegevens; gebruik --force om de demodata opnieuw aan te vullen",
        "the demo database already holds data; use --force to fill in the demo data again",
    ),
}
