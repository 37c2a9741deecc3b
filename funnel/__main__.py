"""Entry point for ``python -m funnel``."""

from funnel.boot import load_sqlite_utils

load_sqlite_utils()  # before anything imports sqlite-utils: keeps pandas out of a quick command

from funnel.cli import main  # noqa: E402

main()
