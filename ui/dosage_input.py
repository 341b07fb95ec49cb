"""The therapist's dosage for one exercise, as numbers: the share box and the handout use it.

Numbers only, within `bodymap.dosage.BOUNDS`, so whatever a dosage becomes (a plan link, a
QR code, a handout) carries no typed words. Anything personal goes in the handout's note.
"""
from __future__ import annotations

import streamlit as st

from bodymap.dosage import BOUNDS, LABELS, Dosage
from bodymap.model import Exercise


def set_dosage(key: str, value: Dosage | None) -> None:
    """Show `value` in the inputs under `key` on the next run (a link brought it)."""
    st.session_state[f"{key}_own"] = value is not None
    for name, number in vars(value or Dosage()).items():
        st.session_state[f"{key}_{name}"] = number


def dosage_input(exercise: Exercise, key: str, value: Dosage | None = None) -> Dosage | None:
    """The dosage set for `exercise`, or None for its usual one (shown as a caption).

    `value` starts the inputs (e.g. a dosage that came with a link); the widgets keep what
    the therapist changes after that.
    """
    if f"{key}_own" not in st.session_state:
        set_dosage(key, value)
    own = st.checkbox(f"Set the amount for {exercise.name}", key=f"{key}_own",
                      help="Numbers only, so the patient's link carries no words. Put anything else in the "
                           "handout's note.")
    if not own:
        st.caption(f"Usual amount: {exercise.dosage}")
        return None
    numbers = {}
    for column, (name, (low, high)) in zip(st.columns(len(BOUNDS)), BOUNDS.items(), strict=True):
        numbers[name] = int(column.number_input(LABELS[name], min_value=low, max_value=high, step=1,
                                                key=f"{key}_{name}"))
    dosage = Dosage(**numbers)
    st.caption(dosage.words())
    return dosage
