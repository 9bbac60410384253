"""Aggregates come back under flat keys (one level of maps on every engine) and are served
nested: ``assemble_aggregate`` is the one place that turns one into the other."""

from __future__ import annotations

from resolvers.queries import assemble_aggregate


def test_flat_keys_become_the_nested_aggregate() -> None:
    flat = {
        "id": "x",
        "missionsAggregate.count": 3,
        "missionsAggregate.authorizedDeployments.min": 1,
        "missionsAggregate.authorizedDeployments.avg": 2.5,
        "missionsAggregate.startDate.max": "2020-02",
        "officersAggregate.count": 9,
    }
    assert assemble_aggregate(flat, "missionsAggregate.") == {
        "count": 3,
        "authorizedDeployments": {"min": 1, "avg": 2.5},
        "startDate": {"max": "2020-02"},
    }
    assert assemble_aggregate(flat, "officersAggregate.") == {"count": 9}


def test_a_list_aggregate_has_no_prefix() -> None:
    assert assemble_aggregate({"count": 0, "authorizedDeployments.max": None}) == {
        "count": 0,
        "authorizedDeployments": {"max": None},
    }
