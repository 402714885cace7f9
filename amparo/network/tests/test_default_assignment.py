from amparo.network.default_assignment import Site, default_office, eligible_sites

SITES = [
    Site("DEN", "consulate_general", "US", "CO", "Denver", 39.74, -104.99),
    Site("SLC", "consulate", "US", "UT", "Salt Lake City", 40.76, -111.89),
    Site("WAS", "consulate", "US", "DC", "Washington", 38.91, -77.02),
    Site("SCUSA", "consular_section", "US", "DC", "Washington", 38.91, -77.04),
    Site("EMBUSA", "embassy", "US", "DC", "Washington", 38.91, -77.04),
    Site("YYZ", "consulate_general", "CA", "ON", "Toronto", 43.65, -79.38),
    Site("SCCAN", "consular_section", "CA", "ON", "Ottawa", 45.42, -75.70),
]


def test_sections_count_only_where_no_consulate_shares_the_city() -> None:
    codes = {site.code for site in eligible_sites(SITES)}
    assert codes == {"DEN", "SLC", "WAS", "YYZ", "SCCAN"}


def test_an_area_goes_to_the_nearest_consulate_of_its_own_state() -> None:
    sites = eligible_sites(SITES)
    # A Utah county closer to Denver than to Salt Lake City still stays in Utah.
    assert (
        default_office(country="US", region="UT", latitude=40.0, longitude=-109.1, sites=sites)
        == "SLC"
    )


def test_a_state_without_consulates_uses_the_nearest_in_the_country() -> None:
    sites = eligible_sites(SITES)
    assert (
        default_office(country="US", region="WY", latitude=41.1, longitude=-104.8, sites=sites)
        == "DEN"
    )
    assert (
        default_office(country="CA", region="QC", latitude=45.5, longitude=-75.0, sites=sites)
        == "SCCAN"
    )
    assert (
        default_office(country="MX", region="JAL", latitude=20.6, longitude=-103.3, sites=sites)
        is None
    )
