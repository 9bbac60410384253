"""Example operations GraphiQL opens with: the questions analysts ask first."""

from __future__ import annotations

EXAMPLES: list[dict[str, str]] = [
    {
        "name": "Partners of a region",
        "query": """# Every partner agency tied to the Western Hemisphere, and how.
query PartnersOfRegion {
  partnersConnectedToRegion(regionId: "region-western-hemisphere") {
    partner { name acronym kind }
    paths {
      nodes {
        __typename
        ... on Location { name kind }
        ... on Mission { name }
        ... on Officer { name }
        ... on PartnerAgency { name }
      }
      relationships { type from to sources { document quote } }
    }
  }
}
""",
    },
    {
        "name": "French-speaking armed missions",
        "query": """# Missions whose language of operation is French and whose police are armed.
query FrenchArmedMissions {
  missions(filter: { language: "French", armed: true },
           orderBy: { field: AUTHORIZED_DEPLOYMENTS, direction: DESC }) {
    totalCount
    nodes {
      name status authorizedDeployments
      locations { name }
      sources { document quote }
    }
  }
}
""",
    },
    {
        "name": "Liaison posts in a region",
        "query": """# Liaison-officer posts anywhere inside a region, with their cities.
query LiaisonPostsInRegion {
  location(id: "region-western-hemisphere") {
    name
    officers(first: 50) {
      totalCount
      nodes { name role postedTo { name parent { name } } }
    }
  }
}
""",
    },
    {
        "name": "Path between two entities",
        "query": """# How is Bogota connected to the United Nations?
query PathBetween {
  shortestPath(fromId: "city-bogota", toId: "partner-un") {
    nodes {
      __typename
      ... on Location { name }
      ... on Mission { name }
      ... on PartnerAgency { name }
      ... on Officer { name }
      ... on Branch { name }
    }
    relationships { type from to sources { quote inferred } }
  }
}
""",
    },
    {
        "name": "Search, case and accent blind",
        "query": """query Search {
  search(text: "bogotá") {
    __typename
    ... on Location { id name kind }
    ... on Officer { id name }
  }
}
""",
    },
    {
        "name": "Relationships with their dates",
        "query": """# How the Haiti missions follow one another: each relationship's own dates,
# role and note, with the quotes behind it.
query HaitiMissionsInTime {
  relationships(ids: ["mission-minustah", "mission-minujusth", "mission-op-haiti",
                      "country-haiti"]) {
    type from to role since until note
    sources { document quote }
  }
}
""",
    },
    {
        "name": "Officers of a mission, with their roles",
        "query": """# A relation's page says what ties each item: the relationship's role, dates
# and note, and the relationship itself with its evidence.
query MissionOfficers {
  mission(id: "mission-op-haiti") {
    name
    officers(first: 10) {
      totalCount
      edges { role since until relationships { sources { quote } } node { name } }
    }
    components { name startDate endDate }
  }
}
""",
    },
    {
        "name": "Missions of the place itself",
        "query": """# A place's missions include those anywhere inside it; direct: true keeps to
# the place itself.
query MissionsOfMali {
  location(id: "country-mali") {
    here: missions(direct: true) { name }
    inside: missions { name locations { name kind } }
  }
}
""",
    },
    {
        "name": "Missions as of a date",
        "query": """# The graph as it stood on a date: MINUSTAH ran in 2010, MINUJUSTH in 2018.
# Try "2017-10" (both), "2004" (all of 2004) or leave asOf out (everything).
query MissionsAsOf {
  missions(asOf: "2010-06-01", first: 50) {
    totalCount
    nodes { name status startDate endDate locations { name } }
  }
}
""",
    },
    {
        "name": "Timeline of the Haiti missions",
        "query": """# When each mission and each of its relationships started and ended, in
# time order: what a time slider steps through.
query HaitiTimeline {
  timeline(ids: ["mission-minustah", "mission-minujusth", "mission-op-haiti"]) {
    date kind
    entity { ... on Mission { name } }
    relationship { type from to since until }
  }
}
""",
    },
    {
        "name": "Where the documents disagree",
        "query": """# Figures of the same measure about the same thing that differ, with every
# claim's sources and rank, and how far apart they are. Editors rank claims with
# rankFigure; add includeDeprecated: true to see the deprecated ones too.
query Disagreements {
  disagreements {
    subject { ... on Branch { name } }
    measure
    claims { value qualifier asOf rank rankReason sources { document quote } }
    spread { low high difference }
  }
}
""",
    },
    {
        "name": "What a document supports",
        "query": """# A source document: its title, every fact its quotes support, and those no
# other document supports (what removing it would leave without evidence).
query DocumentCoverage {
  document(id: "003_7960ef6d858bb83d.txt") {
    title publisher date
    supports { entityCount relationshipCount figureCount figures { label value } }
    wouldOrphan {
      entityCount relationshipCount figureCount
      entities { __typename ... on Officer { name } ... on Mission { name } }
    }
  }
}
""",
    },
    {
        "name": "Search the quotes",
        "query": """# Every verbatim quote holding the text, with its document and what it supports.
query SearchQuotes {
  searchEvidence(text: "liaison officers", first: 10) {
    document title quote
    figures { label value qualifier }
    entities { __typename ... on Branch { name } ... on Officer { name } }
    relationships { type from to }
  }
}
""",
    },
    {
        "name": "Partners on stated evidence only",
        "query": """# Partners of Mali counting only stated sources. Try "region-ops-africa": every
# path to it crosses an inferred link (a country placed in a liaison region), so
# nothing is left, where the whole graph gives six partners.
query StatedPartners {
  partnersConnectedToRegion(regionId: "country-mali", evidence: { excludeInferred: true }) {
    partner { name acronym }
    paths { relationships { type from to sources { document quote inferred } } }
  }
}
""",
    },
]
