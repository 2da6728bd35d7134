"""The people-facing client's error line: a problem+json answer reads as its status, title, detail and fields."""

import click
import httpx
import pytest

from praxis_cli.client import Api, problem_text, segment, service_url


def test_a_problem_reads_as_status_title_detail_and_fields() -> None:
    response = httpx.Response(
        422,
        json={
            "type": "urn:praxis:problem:invalid-input",
            "title": "Invalid input",
            "status": 422,
            "detail": "invalid fields: url",
            "errors": [{"field": "url", "message": "must be https"}],
        },
    )
    assert problem_text(response) == "422 Invalid input: invalid fields: url\n  url: must be https"


def test_a_body_that_is_not_a_problem_keeps_its_status_and_start() -> None:
    assert problem_text(httpx.Response(502, text="<html>bad gateway</html>")) == (
        "502 Bad Gateway: <html>bad gateway</html>"
    )


def test_the_url_of_a_service_comes_from_its_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRAXIS_INTERNSHIPS_URL", "https://praxis.example.edu/internships/")
    assert service_url("internships") == "https://praxis.example.edu/internships"


def test_an_installed_service_defaults_to_its_port_on_this_machine(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("PRAXIS_NOTIFICATIONS_URL", raising=False)
    assert service_url("notifications") == "http://127.0.0.1:8104"


def test_an_unreachable_server_is_one_line_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PRAXIS_MENTORS_URL", "http://127.0.0.1:9")  # discard: nothing listens
    with Api("mentors", "t") as api, pytest.raises(click.ClickException, match="mentors at http://127.0.0.1:9"):
        api.get("/v1/mentors")


@pytest.mark.parametrize(("given", "sent"), [("a/../b", "a%2F..%2Fb"), ("..", "%2E%2E"), ("ent-1", "ent-1")])
def test_a_caller_given_id_stays_one_path_segment(given: str, sent: str) -> None:
    assert segment(given) == sent
