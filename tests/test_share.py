"""Links a patient receives: the address the browser used (or BODYMAP_BASE_URL), a clear flag
for addresses that only work on this computer, the patient's plan in the query, no free text."""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from bodymap.dosage import Dosage, DosageError
from bodymap.links import PlanLink
from bodymap.share import only_this_computer, plan_url, request_base_url, view_url


@pytest.fixture(autouse=True)
def no_configured_address(monkeypatch):
    monkeypatch.delenv("BODYMAP_BASE_URL", raising=False)


def test_the_link_uses_the_host_the_browser_reached():
    assert request_base_url("http://clinic.example:8501/learn", {"Host": "clinic.example:8501"}) == (
        "http://clinic.example:8501")


def test_behind_a_proxy_the_forwarded_host_scheme_and_sub_path_are_used():
    headers = {"Host": "127.0.0.1:8501", "X-Forwarded-Host": "bodymap.clinic.org, 10.0.0.2",
               "X-Forwarded-Proto": "https"}
    assert request_base_url("http://127.0.0.1:8501/bodymap/", headers, "/bodymap/") == (
        "https://bodymap.clinic.org/bodymap")


def test_the_configured_address_wins(monkeypatch):
    monkeypatch.setenv("BODYMAP_BASE_URL", "https://care.example/app")
    assert request_base_url("http://localhost:8501/", {"Host": "localhost:8501"}) == "https://care.example/app"


@pytest.mark.parametrize("host", ["evil.example/path", "a b", "user@evil.example", "x" * 300])
def test_a_malformed_host_header_falls_back_to_the_default(host):
    assert request_base_url(None, {"Host": host}).startswith("http://localhost")


@pytest.mark.parametrize("url", ["http://localhost:8501", "http://127.0.0.1:8501", "http://127.4.5.6",
                                 "http://[::1]:8501/plan", "http://0.0.0.0:8501", "http://app.localhost"])
def test_loopback_addresses_are_flagged(url):
    assert only_this_computer(url)


@pytest.mark.parametrize("url", ["http://192.168.1.20:8501", "https://clinic.example/bodymap", "http://10.0.0.5"])
def test_reachable_addresses_are_not_flagged(url):
    assert not only_this_computer(url)


def test_the_plan_link_is_always_for_the_patient_and_round_trips(content):
    plan = PlanLink("calf", ("soleus",), "left", ("eccentric-heel-drop", "calf-wall-stretch"),
                    (("calf-wall-stretch", Dosage(1, 3, 30, 2)),)).signed()
    link = plan_url("https://clinic.example/app", {**plan.to_query(), "audience": "patient"})
    parts = urlsplit(link)
    assert link.startswith("https://clinic.example/app/plan?")
    query = parse_qs(parts.query)
    assert query["audience"] == ["patient"]
    assert PlanLink.parse({k: v for k, v in query.items() if k != "audience"}, content) == (plan, [])


def test_stale_exercises_get_a_gentle_notice(content):
    query = PlanLink("calf", ("soleus",), exercises=("eccentric-heel-drop",)).signed().to_query()
    plan, notices = PlanLink.parse({**query, "ex": "eccentric-heel-drop,retired-exercise"}, content)
    assert plan.exercises == ("eccentric-heel-drop",)
    assert notices == ["Some exercises in this link are no longer in the app (or there were too many), so they "
                       "are not shown. Please ask your therapist for an up-to-date link."]


def test_a_dosage_in_a_link_is_numbers_for_a_chosen_exercise_only(content):
    signed = PlanLink("calf", ("soleus",), exercises=("eccentric-heel-drop", "calf-wall-stretch"),
                      dosages=(("eccentric-heel-drop", Dosage(3, 15, 0, 2, 7)),)).signed()
    given = {**signed.to_query(), "dose": ["eccentric-heel-drop:3x15d2w7", "soleus-stretch:1x1",
                                           "calf-wall-stretch:Stop all your medication"]}
    plan, _, notices = PlanLink._read(given, content)  # as read, before the signature is checked
    assert plan.dosages == (("eccentric-heel-drop", Dosage(3, 15, 0, 2, 7)),)
    assert notices == ["A dosage in this link could not be read, so the usual amount is shown for that exercise."]


@pytest.mark.parametrize("token", ["0x10", "3x51", "3x10h121", "3x10d7", "3x10w8", "3x10h5d2w7extra",
                                   "3 sets of 10", "", "3x10w7d2", "١x10"])
def test_a_dosage_out_of_bounds_or_not_as_the_app_writes_it_is_refused(token):
    with pytest.raises(DosageError):
        Dosage.parse(token)


def test_a_plan_has_no_place_for_a_note():
    assert not {"note", "notes", "name", "patient"} & set(PlanLink.PARAMS)


def test_a_link_under_a_sub_path_ends_the_path_with_a_slash():
    # nginx serves the app at location /bodymap/; "/bodymap?region=..." would miss it.
    assert view_url("https://clinic.example/bodymap", region="neck").startswith("https://clinic.example/bodymap/?")
