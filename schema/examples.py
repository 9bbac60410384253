"""Example operations GraphiQL opens with: the questions analysts ask first."""

from __future__ import annotations

EXAMPLES: list[dict[str, str]] = [
    {
        "name": "A city and where it sits",
        "query": """# A liaison-officer city, its country and region, and their other places
query CityInContext {
  location(id: "city-bogota") {
    name
    kind
    parent { name kind parent { name kind } }
  }
}
""",
    },
]
