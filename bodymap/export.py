"""The whole validated model as plain JSON-ready data (`python -m bodymap export`)."""
from __future__ import annotations

from .content import Content


def export_model(content: Content) -> dict:
    geometry = content.geometry  # the pack's own, which its area ids were checked against
    regions = []
    for region in content.regions.values():
        entry = region.model_dump()
        entry["muscles"] = [m.model_dump() for m in content.muscles_in(region.id)]
        entry["exercises"] = [content.exercises[e].model_dump() for e in region.exercises]
        regions.append(entry)
    return {
        "regions": regions,
        "areas": [
            {"id": a.id, "area": a.area, "label": a.label, "view": a.view, "side": a.side}
            for a in geometry.areas.values()
        ],
        "topics": [t.model_dump() for t in content.topics.values()],
        "safety": content.safety.model_dump(by_alias=True),  # red_flags, as in safety.yaml
        "study": content.study.model_dump(),
        "sources": [s.model_dump() for s in content.sources.values()],
    }
