"""The import plan's compact bookkeeping (issue 7: peak memory at a million rows) keeps exactly
what the dicts it replaced kept."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import given
from hypothesis import strategies as st

from funnel.imports import _STRENGTH, Statuses
from funnel.indexes import Index, NewAttendance

STATUS = st.sampled_from(sorted(_STRENGTH))


class SmallStatuses(Statuses):
    """The byte table's end within reach of a test (the real one ends at 64 million ids)."""

    LIMIT = 500


# ids near the byte table's end and beyond it (ids a database was given by hand)
IDS = st.one_of(
    st.integers(1, 300),
    st.integers(SmallStatuses.LIMIT - 3, SmallStatuses.LIMIT + 3),
    st.just(2**40),
)


@given(st.lists(st.tuples(IDS, STATUS), max_size=60))
def test_statuses_count_each_record_once_as_its_strongest_status(notes) -> None:
    kept = SmallStatuses()
    strongest: dict[int, str] = {}
    for row_id, status in notes:
        kept.note(row_id, _STRENGTH[status])
        if row_id not in strongest or _STRENGTH[status] > _STRENGTH[strongest[row_id]]:
            strongest[row_id] = status
    assert kept.counts() == Counter(strongest.values())
    assert all(kept.counts().values())  # a status no record has is left out, as Counter did


ACTION = st.one_of(
    st.tuples(st.just("add"), st.integers(1, 50), st.none() | st.integers(1, 9)),
    st.tuples(st.just("forget"), st.integers(0, 3), st.none()),
)


@given(st.integers(1, 10**9), st.lists(ACTION, max_size=40))
def test_new_attendance_keeps_what_a_dict_of_tuples_kept(first: int, actions) -> None:
    """Ids are taken one after another; the last ones may be given back (a refused row), and are
    then taken again for other rows."""
    arrays = NewAttendance()
    model: dict[int, tuple[int, int | None, int | None]] = {}
    next_id = first
    for kind, a, b in actions:
        if kind == "add":
            person = a % 4 or None  # some rows without a person, then with an organisation
            org = b if person is not None else (b or 1)
            arrays.add(next_id, a, org, person)
            model[next_id] = (a, org, person)
            next_id += 1
        else:
            for _ in range(min(a, len(model))):
                next_id -= 1
                model.pop(next_id)
            arrays.forget_from(next_id)
    assert {row_id: tuple(row) for row_id, *row, _now in arrays.rows("now")} == model
    assert len(arrays) == len(model)
    assert all(row_id in arrays for row_id in model)
    assert next_id not in arrays and first - 1 not in arrays


def test_a_row_refused_after_its_attendance_leaves_nothing_of_it() -> None:
    """Index.row undoes a refused row whole, its attendance too (ids, look-ups, an organisation
    filled in on an earlier row's attendance), though the import refuses rows before that."""
    index = Index()
    index.next_id = {"activities": 1, "organisations": 1, "persons": 1, "attendance": 1}
    with index.row():
        first, status = index.attend(7, None, 3)  # a person without an organisation
    assert status == "new"
    before = (dict(index.att_person), dict(index.att_org), dict(index.next_id))
    with pytest.raises(RuntimeError), index.row():
        assert index.attend(7, 5, 3) == (first, "updated")  # the organisation filled in
        index.attend(8, 5, 3)  # a new one
        index.attend(8, 6, None)
        raise RuntimeError("refused")
    assert (dict(index.att_person), dict(index.att_org), dict(index.next_id)) == before
    assert list(index.new_attendance.rows("now")) == [(first, 7, None, 3, "now")]
    with index.row():  # the ids given back are taken again
        assert index.attend(9, 5, 4) == (first + 1, "new")
    assert [r[:4] for r in index.new_attendance.rows("now")] == [(first, 7, None, 3), (2, 9, 5, 4)]
