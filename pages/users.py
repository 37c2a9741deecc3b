"""Gebruikers: the programme leader adds accounts, disables or enables them, and resets passwords."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from funnel import auth, queries, rights, services, settings
from funnel.models import Role
from ui import attempt, d, date_column, day, flash, get_db, md, require_actor, show_flash, t
from ui.history import history_section

actor = require_actor()
db = get_db()

st.title(t("users.page_title"))
st.caption(t("users.page_intro"))
show_flash()

users = auth.list_users(db)
st.dataframe(
    pd.DataFrame(
        [
            {
                t("users.col_username"): u["username"],
                t("users.col_name"): u["display_name"] or "",
                t("users.col_email"): u["email"] or "",
                t("users.col_role"): t(f"role.{u['role']}"),
                t("users.col_status"): t("users.active") if u["active"] else t("users.disabled"),
                t("users.col_created"): day(u["created_at"]),
            }
            for u in users
        ]
    ),
    hide_index=True,
    width="stretch",
    column_config={t("users.col_created"): date_column()},
)


def _generation(form: str) -> int:
    """The form's generation: a new one after a save gives fresh, empty fields in the browser."""
    return st.session_state.setdefault(f"{form}__generation", 0)


def _next_generation(form: str) -> None:
    old = f"{form}_{_generation(form)}_"
    for key in [k for k in st.session_state if str(k).startswith(old)]:
        del st.session_state[key]
    st.session_state[f"{form}__generation"] += 1


add_col, manage_col = st.columns(2, gap="large")

with add_col:
    st.subheader(t("users.add_heading"))
    add_keys = f"users_add_{_generation('users_add')}"
    with st.form(add_keys, enter_to_submit=False):
        name_col, user_col = st.columns(2)
        display_name = name_col.text_input(t("signin.display_name"), key=f"{add_keys}_name")
        username = user_col.text_input(
            t("signin.username"), help=t("users.username_help"), key=f"{add_keys}_username"
        )
        role = st.selectbox(
            t("signin.role"),
            list(Role),
            index=list(Role).index(Role.COACH),
            format_func={r: t(f"role.{r.value}") for r in Role}.get,
            key=f"{add_keys}_role",
        )
        email = st.text_input(t("users.email"), help=t("users.email_help"), key=f"{add_keys}_email")
        pw_col, repeat_col = st.columns(2)
        password = pw_col.text_input(
            t("signin.password"),
            type="password",
            help=t("users.password_help"),
            key=f"{add_keys}_password",
        )
        repeat = repeat_col.text_input(
            t("signin.password_repeat"), type="password", key=f"{add_keys}_repeat"
        )
        add = st.form_submit_button(
            t("users.add_submit"), type="primary", icon=":material/person_add:"
        )
    if add:
        if password != repeat:
            st.error(t("signin.passwords_differ"), icon=":material/error:")
        elif attempt(
            services.add_user, db, actor, username, password, role, display_name, email or None
        ):
            flash(t("users.added", username=md(username.strip()), role=t(f"role.{role.value}")))
            _next_generation("users_add")
            st.rerun()

with manage_col:
    st.subheader(t("users.manage_heading"))
    by_id = {u["id"]: u for u in users}
    picked = st.selectbox(
        t("users.pick"),
        list(by_id),
        format_func=lambda i: (
            f"{auth.user_label(by_id[i]['display_name'], by_id[i]['username'])} ({by_id[i]['username']})"
        ),
        key="users_pick",
    )
    user = by_id[picked]
    with st.container(border=True):
        st.markdown(f"**{t('users.access_heading')}**")
        active = bool(user["active"])
        st.caption(t("users.status_active" if active else "users.status_disabled"))
        toggle = st.button(
            t("users.disable" if active else "users.enable"),
            icon=":material/block:" if active else ":material/check_circle:",
            key="users_toggle",
        )
        if toggle and attempt(services.set_user_active, db, actor, user["id"], not active):
            done = "users.disabled_done" if active else "users.enabled_done"
            flash(t(done, username=md(user["username"])))
            st.rerun()
    email_keys = f"users_email_{_generation('users_email')}_{user['id']}"
    with st.form(email_keys, enter_to_submit=False):
        st.markdown(f"**{t('users.email_heading')}**")
        new_email = st.text_input(
            t("users.email"),
            value=user["email"] or "",
            help=t("users.email_help"),
            key=f"{email_keys}_value",
        )
        save_email = st.form_submit_button(t("users.email_submit"), icon=":material/mail:")
    if save_email and attempt(services.set_user_email, db, actor, user["id"], new_email):
        done = "users.email_saved" if new_email.strip() else "users.email_cleared"
        flash(t(done, username=md(user["username"])))
        _next_generation("users_email")
        st.rerun()
    reset_keys = f"users_reset_{_generation('users_reset')}"
    with st.form(reset_keys, enter_to_submit=False):
        st.markdown(f"**{t('users.reset_heading')}**")
        new_col, again_col = st.columns(2)
        new_password = new_col.text_input(
            t("users.new_password"),
            type="password",
            help=t("users.password_help"),
            key=f"{reset_keys}_password",
        )
        new_repeat = again_col.text_input(
            t("users.new_password_repeat"), type="password", key=f"{reset_keys}_repeat"
        )
        reset = st.form_submit_button(t("users.reset_submit"), icon=":material/key:")
    if reset:
        if new_password != new_repeat:
            st.error(t("signin.passwords_differ"), icon=":material/error:")
        elif attempt(services.reset_password, db, actor, user["username"], new_password):
            flash(t("users.reset_done", username=md(user["username"])))
            _next_generation("users_reset")
            st.rerun()

st.divider()
idle_col, failures_col = st.columns([1, 2], gap="large")
with idle_col:
    st.subheader(t("users.sessions_heading"))
    limits = settings.SETTINGS["idle_minutes"]
    with st.form("users_idle", enter_to_submit=False):
        idle = st.number_input(
            t("users.idle_minutes"),
            min_value=limits.minimum,
            max_value=limits.maximum,
            value=settings.get(db, "idle_minutes"),
            step=5,
            help=t("users.idle_help"),
            key="users_idle_minutes",
        )
        if st.form_submit_button(t("common.save")) and attempt(
            services.set_setting, db, actor, "idle_minutes", int(idle)
        ):
            flash(t("users.idle_saved", minutes=int(idle)))
            st.rerun()
with failures_col:
    st.subheader(t("users.failures_heading"))
    failures = queries.sign_in_failures(db, actor, limit=100)
    if failures:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("users.col_username"): f["username"],
                        t("users.col_reason"): t(f"users.reason.{f['reason']}"),
                        t("users.col_at"): f"{d(f['at'])} {f['at'][11:16]} UTC",
                    }
                    for f in failures
                ]
            ),
            hide_index=True,
            width="stretch",
            height=min(36 * (len(failures) + 1) + 2, 320),
        )
    else:
        st.caption(t("users.no_failures"))

# who changed which setting when (idle time here, retention on the privacy page, stuck days on
# the snapshot): the settings' own audit trail
if rights.can(actor, "audit.read"):
    with st.expander(t("audit.settings_heading"), icon=":material/history:"):
        history_section(db, actor, "setting")

if auth.is_demo(db):
    with st.container(border=True):
        st.subheader(t("users.demo_heading"))
        st.markdown(t("users.demo_intro"))
        sure = st.checkbox(t("users.demo_confirm"), key="users_end_demo_confirm")
        if st.button(
            t("users.demo_end"),
            disabled=not sure,
            icon=":material/verified_user:",
            key="users_end_demo",
        ):
            removed = attempt(services.end_demo, db, actor)
            if removed:
                flash(t("users.demo_ended", names=md(", ".join(removed))))
                st.rerun()
