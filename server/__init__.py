"""server stage of lixia-qa."""
