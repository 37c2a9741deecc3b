"""Single sign-on in a real browser: the app with an [auth] section in its secrets.toml pointing
at a local OIDC provider (oidc-provider-mock); its e-mail address signs in the account that has
it, with that account's role, and an unknown address gets a refusal in words."""

from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator

import pytest

from funnel import auth, demo
from funnel import db as storage
from tests.browser.conftest import (
    _CHEAP_HASHER,
    eventually,
    running_app,
    wait_for_cookie,
    wait_ready,
)

pytestmark = [pytest.mark.browser, pytest.mark.xdist_group("browser-sso")]

COACH_EMAIL = "mehmet.yilmaz@techport.nl"


@pytest.fixture(scope="module")
def provider() -> Iterator[str]:
    """oidc-provider-mock on 127.0.0.1 (chromium here resolves no other host); its base URL."""
    import oidc_provider_mock
    import werkzeug.serving

    server = werkzeug.serving.make_server("127.0.0.1", 0, oidc_provider_mock.app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1})
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    thread.join(5)
    server.server_close()


@pytest.fixture(scope="module")
def sso_server(tmp_path_factory, provider) -> Iterator[str]:
    """The app on a demo database whose coach has an e-mail address, with SSO configured."""
    folder = tmp_path_factory.mktemp("sso")
    db_path = folder / "demo.db"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(auth, "_hasher", _CHEAP_HASHER)
        database = storage.connect(db_path)
        demo.fill(database)
        coach = auth.actor_by_username(database, "coach")
        auth.set_email(database, coach.id, COACH_EMAIL.upper())  # any case matches
        database.conn.close()
    secrets_file = folder / "secrets.toml"
    secrets_file.write_text(
        "[auth]\n"
        'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
        'client_id = "funnel-test"\n'
        'client_secret = "not-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
        'label = "Techport-account"\n',
        encoding="utf-8",
    )
    with running_app(db_path, "--secrets.files", str(secrets_file)) as url:
        yield url


def _sign_in_at_provider(page, url: str, email: str) -> None:
    page.goto(url)
    wait_ready(page)
    page.get_by_role("button", name="Inloggen met Techport-account").click()
    # the provider's own page: its authorize form takes the subject, which becomes the e-mail
    page.locator('input[name="sub"]').fill(email)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{url}/**")
    wait_ready(page)


def test_the_provider_email_signs_in_its_account_with_its_role(sso_server, page):
    _sign_in_at_provider(page, sso_server, COACH_EMAIL)
    sidebar = page.get_by_test_id("stSidebar")
    eventually(lambda: _contains(sidebar, "Mehmet Yilmaz"), timeout=30)
    assert "Coach" in sidebar.inner_text()
    assert page.get_by_role("button", name="Uitloggen").count() == 1
    # a reload keeps the session (our own cookie, as after a password), once the cookie is written
    wait_for_cookie(page)
    page.reload()
    wait_ready(page)
    eventually(lambda: _contains(page.get_by_test_id("stSidebar"), "Mehmet Yilmaz"), timeout=30)


def test_an_unknown_email_is_refused_in_words(sso_server, page):
    _sign_in_at_provider(page, sso_server, "onbekend@techport.nl")
    alert = page.get_by_test_id("stAlert").filter(has_text="onbekend@techport.nl")
    alert.wait_for()
    assert "Geen account voor onbekend@techport.nl" in alert.inner_text()
    assert "programmaleider" in alert.inner_text()
    assert page.get_by_role("button", name="Uitloggen").count() == 0
    assert page.get_by_test_id("stException").count() == 0


def _contains(locator, text: str) -> None:
    assert text in locator.inner_text()


def _identity_cookie(page) -> bool:
    return any(c["name"].startswith("_streamlit_user") for c in page.context.cookies())


def test_sign_out_ends_the_provider_login_too(sso_server, provider, page):
    _sign_in_at_provider(page, sso_server, COACH_EMAIL)
    eventually(lambda: _contains(page.get_by_test_id("stSidebar"), "Mehmet Yilmaz"), timeout=30)
    assert _identity_cookie(page)
    page.get_by_role("button", name="Uitloggen").click()
    # st.logout: Streamlit drops its identity cookie and sends the browser to the provider's
    # end-session page, which sends it back
    page.wait_for_url(f"{provider}/**")
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{sso_server}/**")
    wait_ready(page)
    page.get_by_role("button", name="Inloggen met Techport-account").wait_for()
    assert not _identity_cookie(page)
    page.reload()
    wait_ready(page)
    page.get_by_role("button", name="Inloggen met Techport-account").wait_for()
    assert page.get_by_role("button", name="Uitloggen").count() == 0
