"""A dosage is a few bounded numbers that the app writes out in words; its token round-trips."""
from __future__ import annotations

import pytest

from bodymap.dosage import BOUNDS, Dosage, DosageError


@pytest.mark.parametrize("dosage, words", [
    (Dosage(3, 10, 5, 2, 7), "3 sets of 10. Hold each one for 5 seconds. Do this twice a day, every day."),
    (Dosage(1, 3, 30, 1, 7), "Do it 3 times. Hold each one for 30 seconds. Do this once a day, every day."),
    (Dosage(2, 1, 1, 3, 1), "2 sets of 1. Hold each one for 1 second. Do this 3 times a day, on 1 day of the week."),
    (Dosage(1, 1, 0, 6, 5), "Do it 1 time. Do this 6 times a day, on 5 days of the week."),
])
def test_a_dosage_is_written_out_by_the_app(dosage, words):
    assert dosage.words() == words
    assert Dosage.parse(dosage.token()) == dosage


def test_every_dosage_within_the_bounds_round_trips_through_its_token():
    for name, (low, high) in BOUNDS.items():
        for value in (low, high):
            dosage = Dosage(**{name: value})
            assert Dosage.parse(dosage.token()) == dosage
            assert len(dosage.token()) <= 20


@pytest.mark.parametrize("field", list(BOUNDS))
def test_numbers_outside_the_bounds_are_refused_with_the_bounds_named(field):
    low, high = BOUNDS[field]
    with pytest.raises(DosageError, match=f"from {low} to {high}"):
        Dosage(**{field: high + 1})
    with pytest.raises(DosageError):
        Dosage(**{field: "3"})
