"""The words of the pictures' key for patients, one set for every page, picture and the PDF.

Solid is where the pain is usually felt, dotted where it may spread, X a trigger point.
Clinicians and students also read the manuals' terms (essential zone, spillover zone);
patient text never does.
"""
USUALLY_FELT = "Where the pain is usually felt"
MAY_SPREAD = "Where it may spread"
TRIGGER_POINT = "Trigger point: a tight, tender spot in the muscle"

# The same words, short enough for the key drawn inside a picture.
SHORT = {"essential": "Usually felt", "spillover": "May spread", "trigger": "Trigger point"}

# The manuals' terms: only in clinician and student text.
JARGON = ("essential", "spillover", "trp")


def key_markdown() -> str:
    """The key as Markdown lines, each with the mark it explains."""
    return (f":orange[■] **Solid:** {USUALLY_FELT.lower()}  \n"
            f":orange[░] **Dotted:** {MAY_SPREAD.lower()}  \n"
            f"**⊗ X:** a {TRIGGER_POINT.lower().replace(':', ',', 1)}")


def plain_reason(match) -> str:
    """Why the pain finder ranks a muscle where it does, in the key's words (a `lookup.Match`)."""
    zone = "its pain is usually felt here" if match.essential else "its pain may spread here"
    if match.guide_place is None:
        return zone
    return f"{zone}; {'a common' if match.common_cause else 'a less common'} cause"
