"""The shipped catalogue is well-formed: codes, groups, rules, parents, aliases, admin units."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections import defaultdict
from importlib import resources

import pytest

from chitieu.catalog import load_catalog
from chitieu.catalog.matcher import phrase_key, unit_family
from chitieu.catalog.model import AGGREGATIONS, DIRECTIONS, GROUPS, STATISTICAL_SYSTEM, shipped_catalog
from chitieu.text.fold import fold

RAW = json.loads(resources.files("chitieu.catalog").joinpath("data", "indicators.json").read_text(encoding="utf-8"))
CATALOG = shipped_catalog()


def test_catalogue_covers_the_provincial_set() -> None:
    assert len(RAW) >= 120
    for group in GROUPS:
        assert len(CATALOG.by_group(group)) >= 10, group


def test_codes_are_unique_ascii_slugs() -> None:
    codes = [item["code"] for item in RAW]
    assert len(codes) == len(set(codes))
    for code in codes:
        assert re.fullmatch(r"[a-z][a-z0-9_]*", code), code


@pytest.mark.parametrize("item", RAW, ids=lambda item: item["code"])
def test_every_indicator_is_complete_and_valid(item: dict) -> None:
    assert item["group"] in GROUPS
    assert item["aggregation"] in AGGREGATIONS
    assert item["unit"] and unit_family(item["unit"]) is not None, f"unit unknown to the matcher: {item['unit']}"
    assert item["agency"]
    # the name is the proper Vietnamese name, with its diacritics
    assert fold(item["name"]) != item["name"].lower()
    if item["direction"] is None:
        assert CATALOG.children(item["code"]), "only a composite may lack a direction"
    else:
        assert item["direction"] in DIRECTIONS
    if "vbqppl_code" in item:
        assert item.get("system", STATISTICAL_SYSTEM) == STATISTICAL_SYSTEM
    if "counts" in item:
        assert unit_family(item["counts"]) is not None


def test_parents_exist_and_are_composites_one_level_deep() -> None:
    for ind in CATALOG.all():
        if ind.parent:
            parent = CATALOG.get(ind.parent)
            assert parent is not None, ind.code
            assert parent.parent is None
            assert parent.unit == ind.unit


@pytest.mark.parametrize(
    ("parent", "children"),
    [
        ("economic_structure", {"share_agriculture", "share_industry_construction", "share_services", "share_product_taxes"}),
        ("enrolment_rate", {"enrolment_kindergarten", "enrolment_primary", "enrolment_lower_secondary", "enrolment_upper_secondary"}),
        ("national_standard_schools", {"nss_preschool", "nss_primary", "nss_lower_secondary", "nss_upper_secondary"}),
    ],
)
def test_composites_know_their_parts(parent: str, children: set[str]) -> None:
    assert {c.code for c in CATALOG.children(parent)} == children


@pytest.mark.parametrize(
    ("code", "direction", "aggregation"),
    [
        ("grdp_growth", "up", "cagr"),
        ("tourist_arrivals_growth", "up", "cagr"),
        ("poverty_rate", "down", "last"),
        ("poverty_reduction", "up", "mean"),  # "mức giảm tỷ lệ hộ nghèo": more reduction is better
        ("jobs_created", "up", "mean"),
        ("tea_new_planting", "up", "sum"),
        ("forest_cover", "up", "last"),
        ("malnutrition_underweight", "down", "last"),
        ("traffic_accidents", "down", "sum"),
        ("bad_debt_ratio", "down", "last"),
        ("budget_revenue", "up", "last"),
    ],
)
def test_directions_and_aggregations_follow_the_domain_rules(code: str, direction: str, aggregation: str) -> None:
    ind = CATALOG[code]
    assert (ind.direction, ind.aggregation) == (direction, aggregation)


def test_yearly_targets_are_marked_annual() -> None:
    assert CATALOG["party_orgs_good"].annual
    assert not CATALOG["forest_cover"].annual


def test_aliases_fold_to_keys_unique_across_indicators() -> None:
    """A wording may be shared only by same-named parts of different composites ("tiểu học")."""
    owners: dict[str, set[str]] = defaultdict(set)
    for ind in CATALOG.all():
        keys = [phrase_key(p) for p in ind.phrases]
        assert all(keys), ind.code
        assert len(keys) == len(set(keys)), f"{ind.code} repeats a wording"
        for key in keys:
            owners[key].add(ind.code)
    for key, codes in owners.items():
        if len(codes) > 1:
            parents = {CATALOG[c].parent for c in codes}
            assert None not in parents and len(parents) == len(codes), f"{key!r} is shared by {sorted(codes)}"


def test_commune_count_follows_the_2025_reorganisation() -> None:
    assert CATALOG.admin_unit_count("commune", dt.date(2024, 12, 31)) == 106
    assert CATALOG.admin_unit_count("commune", dt.date(2025, 6, 30)) == 106
    assert CATALOG.admin_unit_count("commune", dt.date(2025, 7, 1)) == 38
    assert CATALOG.admin_unit_count("district", dt.date(2025, 7, 1)) == 0
    assert CATALOG.admin_unit_count("province", dt.date(2025, 7, 1), area="Việt Nam") == 34
    assert CATALOG.admin_unit_count("commune", dt.date(2024, 1, 1), area="Nowhere") is None


def test_load_catalog_without_session_is_the_shipped_catalogue() -> None:
    assert load_catalog() is CATALOG
    assert CATALOG.get("no_such_code") is None
    assert "grdp_growth" in CATALOG
    assert len(CATALOG) == len(RAW)
