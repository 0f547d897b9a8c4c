"""eval stage of lixia-qa."""
