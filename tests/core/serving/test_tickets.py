"""atlas tickets import: a help desk's CSV linked to the requests' targets (header aliases,
delimiters), a bad row is one sentence with its line and nothing stored, importing twice links
nothing new; thumbs-down rate and tickets per 1,000 conversations per target."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from atlas_desktop.core.errors import ValidationError
from atlas_desktop.core.serving import monitor
from atlas_desktop.core.serving.tickets import import_tickets, read_tickets, support_summary
from atlas_desktop.core.storage import audit
from atlas_desktop.core.storage.models import TelemetryEvent, TicketLink


def _links(ws) -> int:  # noqa: ANN001
    with ws.unit_of_work() as s:
        return s.execute(select(func.count()).select_from(TicketLink)).scalar_one()


def _completions(ws, n: int) -> list[tuple[str, str]]:  # noqa: ANN001
    with ws.unit_of_work() as s:
        return [tuple(r) for r in s.execute(select(TelemetryEvent.completion_id, TelemetryEvent.target)
                                            .where(TelemetryEvent.status == "ok").order_by(TelemetryEvent.id).limit(n))]


def test_tickets_link_to_the_target_that_answered(monitor_ws, tmp_path: Path) -> None:  # noqa: ANN001
    ws, project = monitor_ws, monitor_ws.settings.current_project
    before = _links(ws)
    done = _completions(ws, 4)
    path = tmp_path / "helpdesk.csv"
    # a help desk's own headers, semicolons, a BOM, a blank line and a date
    path.write_text("\ufeffTicket Number;Conversation-ID;Created\n"
                    f"HD-1;{done[0][0]};2026-11-28\n\nHD-2;{done[1][0]};2026-11-28T09:30:00\nHD-3;{done[2][0]};\n"
                    f"HD-3;{done[3][0]};\n", encoding="utf-8")
    result = import_tickets(ws, project, path)
    assert result.linked == 4 and result.known == 0
    assert sum(result.by_target.values()) == 4 and set(result.by_target) <= {"base", "v1"}
    with ws.unit_of_work() as s:
        stored = {r.ticket_id + r.completion_id: r for r in s.execute(select(TicketLink).where(TicketLink.source == "helpdesk.csv")).scalars()}
        assert {r.target for r in stored.values()} == set(result.by_target)
        assert stored["HD-1" + done[0][0]].target == done[0][1]
        assert stored["HD-2" + done[1][0]].at.hour == 9
        event = audit.recent(s, 1)[0]
    assert event.action == "tickets.imported" and event.details["linked"] == 4
    assert _links(ws) == before + 4
    again = import_tickets(ws, project, path)  # the same export again: nothing new
    assert (again.linked, again.known) == (0, 4) and _links(ws) == before + 4
    assert "Linked 0 tickets to their requests; 4 tickets were already linked." == str(again.message())


@pytest.mark.parametrize("body, line, words", [
    ("ticket_id,completion_id\nHD-1,{ok}\n,{ok}\n", 3, "the ticket id is empty"),
    ("ticket_id,completion_id\nHD-1,{ok}\nHD-2,\n", 3, "the completion or conversation id is empty"),
    ("ticket_id,completion_id\nHD-1,{ok}\nHD-2,{ok}\nHD-3,chatcmpl-nope\n", 4, 'no request of this project has the id "chatcmpl-nope"'),
    ("ticket,response_id,opened\nHD-1,{ok},last tuesday\n", 2, 'the created_at value "last tuesday" is not a date'),
])
def test_a_bad_row_is_one_sentence_with_its_line_and_nothing_is_stored(monitor_ws, tmp_path: Path, body: str, line: int,
                                                                        words: str) -> None:  # noqa: ANN001
    ws, project = monitor_ws, monitor_ws.settings.current_project
    before = _links(ws)
    path = tmp_path / "tickets.csv"
    path.write_text(body.format(ok=_completions(ws, 1)[0][0]), encoding="utf-8")
    with pytest.raises(ValidationError) as err:
        import_tickets(ws, project, path)
    assert str(err.value).startswith(f"tickets.csv, line {line}: {words}") and "nothing was stored" in str(err.value)
    assert "السطر" in err.value.render("ar")
    assert _links(ws) == before


def test_a_file_without_the_columns_says_which_it_has() -> None:
    with pytest.raises(ValidationError, match="needs a ticket_id column and a completion_id or conversation_id column; its columns are id, user"):
        read_tickets(b"id,user\n1,2\n", "t.csv")
    with pytest.raises(ValidationError, match="has no ticket rows"):
        read_tickets(b"ticket_id\tcompletion_id\n\n", "t.csv")
    rows = read_tickets("رقم التذكرة,معرف المحادثة\nHD-9,chatcmpl-1\n".encode(), "t.csv")
    assert [(r.line, r.ticket_id, r.completion_id) for r in rows] == [(2, "HD-9", "chatcmpl-1")]


def test_thumbs_down_rate_and_tickets_per_1000_conversations_per_target(monitor_ws) -> None:  # noqa: ANN001
    ws, project = monitor_ws, monitor_ws.settings.current_project
    summary = support_summary(ws, project)
    assert set(summary) == {"base", "v1"}
    for target, s in summary.items():
        assert s["tickets_per_1000"] == pytest.approx(1000 * s["tickets"] / s["conversations"])
        assert s["thumbs_down_rate"] == pytest.approx(s["thumbs_down"] / (s["thumbs_up"] + s["thumbs_down"]))
    # the synthetic v1 is rated worse and draws more tickets in its drifted last stretch (tests/helpers/telemetry.py)
    assert summary["v1"]["thumbs_down_rate"] > summary["base"]["thumbs_down_rate"]
    assert summary["v1"]["tickets_per_1000"] > summary["base"]["tickets_per_1000"]
    figures = monitor.per_target(ws, project)
    assert sum(f.requests for f in figures.values()) == 1200
    assert all(0 <= f.error_rate < 0.1 for f in figures.values())
