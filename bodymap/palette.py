"""Colours shared by the map, the Plotly figures and the PDF.

Built on the Okabe-Ito palette, which stays distinguishable for the common forms of
colour blindness; the referral zone is also told apart by pattern (solid versus
dotted) and by the legend, so colour is never the only cue.
"""
PALETTE = {
    "skin": "#f4ece4",
    "outline": "#7d6f64",
    "detail": "#c8b9ab",
    "area_line": "#e2d6ca",
    "region": "#0072b2",  # blue
    "selected": "#56b4e9",  # sky blue
    "selected_line": "#004f7c",
    "chosen_line": "#00263d",  # edge of a chosen area on the pain finder, darker than selected_line
    "focus": "#e69f00",  # orange focus ring, distinct from both blues and the referral
    "referral": "#d55e00",  # vermillion
    "referral_line": "#8f3f00",
    "spillover_bg": "#fbe3d3",
    "trigger": "#1a1a1a",
    "muscle": "#cc79a7",  # reddish purple: apart from the referral's vermillion, also for deuteranopes
    "muscle_line": "#7a3b63",
    "text": "#1f2a33",
    "muted": "#5b6770",
}

# Distinct, colour-blind-safe colours for overlaying several muscles at once.
SERIES = ["#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9"]
